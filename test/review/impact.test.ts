/**
 * The impact on generated code, from codegen's model of both versions: what a reviewer
 * must expect to change by hand.
 */
import { describe, expect, it } from 'vitest';

import { runDiff } from '../../src/review/run-diff.js';
import { document, folderWith, withProperty, type DocumentOptions } from './support.js';

async function impactOf(base: DocumentOptions, head: DocumentOptions): Promise<string[]> {
  const dir = await folderWith({ 'base/t.yaml': document(base), 'head/t.yaml': document(head) });
  const result = await runDiff({
    base: 'base',
    head: 'head',
    specPaths: ['asyncapi'],
    defaultMode: 'FULL',
    cwd: dir,
  });
  return result.impact.map((impact) => impact.message.replace(/: `.*$/, ''));
}

const colour = (values: string[]): object =>
  withProperty('colour', { type: 'string', enum: values }, true);

describe('impact on generated code', () => {
  it('says that a handler interface gains a method every worker must implement', async () => {
    expect(await impactOf({}, { second: true })).toEqual([
      'SendThingsProducer gains publishThingRemoved',
      'ReadThingsHandlers gains onThingRemoved: every worker of channel things must implement it',
      'new type ThingRemovedPayload (t/ThingRemovedPayload)',
    ]);
  });

  it('tells a producer argument that narrows from one that widens', async () => {
    const narrowed = await impactOf(
      { payload: colour(['red', 'blue']) },
      { payload: colour(['red']) },
    );
    expect(narrowed).toContain(
      'the argument of SendThingsProducer.publishThingMade narrows (callers that pass what ' +
        'they passed before may no longer compile)',
    );
    expect(narrowed).toContain(
      'the argument of ReadThingsHandlers.onThingMade narrows ' +
        '(handlers receive fewer kinds of events)',
    );

    const widened = await impactOf(
      { payload: colour(['red']) },
      { payload: colour(['red', 'blue']) },
    );
    expect(widened).toContain(
      'the argument of SendThingsProducer.publishThingMade widens ' +
        '(existing callers still compile)',
    );
  });

  it('names a type that an event type rename renames', async () => {
    expect(await impactOf({}, { eventType: 'thing.built' })).toContain(
      'type ThingMadePayload is renamed to ThingBuiltPayload',
    );
  });
});
