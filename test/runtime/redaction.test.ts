import { describe, expect, it } from 'vitest';

import { pinoRedactPaths, redactValue } from '../../src/runtime/index.js';

describe('redaction', () => {
  it('turns pointers into pino paths for the event, the payload and the line itself', () => {
    expect(pinoRedactPaths(['/data/owner_email', '/items/*/card', '/a~1b/x-y'])).toEqual([
      'data.owner_email', 'event.data.owner_email', 'payload.data.owner_email',
      'items[*].card', 'event.items[*].card', 'payload.items[*].card',
      '["a/b"]["x-y"]', 'event["a/b"]["x-y"]', 'payload["a/b"]["x-y"]',
    ]);
  });

  it('redacts a copy and leaves the value alone', () => {
    const value = { data: { owner_email: 'a@b', name: 'n' }, items: [{ card: '4111' }, {}] };
    expect(redactValue(value, ['/data/owner_email', '/items/*/card'])).toEqual({
      data: { owner_email: '[Redacted]', name: 'n' },
      items: [{ card: '[Redacted]' }, {}],
    });
    expect(value.data.owner_email).toBe('a@b');
  });
});
