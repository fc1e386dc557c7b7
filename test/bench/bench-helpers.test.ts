/**
 * The pure parts of `npm run bench`: the statistics BENCHMARKS.md reports, the edited
 * document that spec:diff compares, and the corpus selection. No timing is asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { validCorpusDocuments } from '../../scripts/bench/corpus.js';
import { editedSyntheticDocument } from '../../scripts/bench/edited-document.js';
import { pairedRatio, percentile, summarize } from '../../scripts/bench/stats.js';
import { syntheticDocument } from '../../scripts/bench/synthetic-document.js';
import { PROJECT_ROOT } from '../support/cli.js';

describe('bench statistics', () => {
  it('summarises as median, lowest and highest', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ median: 2.5, min: 1, max: 10, runs: 4 });
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect(percentile([5], 50)).toBe(5);
  });

  it('takes the ratio round by round, then the median', () => {
    // Rounds: 2/1, 9/3, 4/4; the medians of each side alone would give 4/3 instead.
    expect(pairedRatio([2, 9, 4], [1, 3, 4]).median).toBe(2);
  });
});

describe('the edited 900-message document', () => {
  const base = syntheticDocument(300, 3);
  const head = editedSyntheticDocument();
  const block = (text: string, id: string) => {
    const start = text.indexOf(`\n    ${id}:\n`);
    return text.slice(start, text.indexOf('\n    entity', start + id.length + 6));
  };

  it('adds a channel, an optional field and a version, and narrows one enum', () => {
    expect(head).toContain('  version: 1.1.0');
    expect(base).not.toContain('channel300:');
    expect(head).toContain('  channel300:\n    address: synthetic.entity300.events');
    expect(block(head, 'entity7Event1')).toContain('priority: { type: integer, minimum: 0 }');
    expect(block(head, 'entity12Event0')).toContain('enum: [active, paused] }');
  });

  it('leaves every other message as it was', () => {
    expect(block(head, 'entity12Event1')).toBe(block(base, 'entity12Event1'));
    expect(block(head, 'entity7Event0')).toBe(block(base, 'entity7Event0'));
  });
});

const corpus = path.resolve(PROJECT_ROOT, '../shared/corpus');

describe.skipIf(!existsSync(path.join(corpus, 'INDEX.tsv')))('the corpus the bench reads', () => {
  it('takes every document the official parser calls valid, and only those', () => {
    const rows = readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n');
    const valid = rows.filter((row) => /\tvalid \(/.test(row)).length;
    const documents = validCorpusDocuments(corpus);

    expect(documents).toHaveLength(valid);
    for (const document of documents) expect(existsSync(document.file), document.file).toBe(true);
    expect(documents.filter((d) => d.urlMaps.length > 0).map((d) => d.name))
      .toEqual(['adeo-casestudy-v3']);
  });
});
