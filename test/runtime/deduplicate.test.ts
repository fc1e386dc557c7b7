import { describe, expect, it } from 'vitest';

import {
  InMemoryEventIdStore,
  createHandlerContext,
  deduplicate,
} from '../../src/runtime/index.js';
import { LogCapture } from './support/log-capture.js';

const logs = new LogCapture('info');
const context = (eventId: string | undefined) => createHandlerContext({
  baseLogger: logs.logger, topic: 't', partition: 0, offset: '0', key: null,
  eventType: 'x', eventId, headers: {}, attempt: 1,
});

describe('deduplicate', () => {
  it('runs an event id once, but again after a failure', async () => {
    const seen: string[] = [];
    let fail = true;
    const handler = deduplicate<string>((event) => {
      if (fail) {
        fail = false;
        throw new Error('first try fails');
      }
      seen.push(event);
    });

    await expect(handler('a', context('id-1'))).rejects.toThrow('first try fails');
    await handler('a', context('id-1'));
    await handler('a again', context('id-1'));
    await handler('b', context(undefined));
    await handler('b again', context(undefined));

    expect(seen).toEqual(['a', 'b', 'b again']);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const store = new InMemoryEventIdStore(2);
    store.add('1');
    store.add('2');
    store.add('3');
    expect([store.has('1'), store.has('2'), store.has('3')]).toEqual([false, true, true]);
  });
});
