import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CorpusDocument {
  readonly name: string;
  readonly file: string;
  /** `--map-url` values for documents that reference URLs; empty for the rest. */
  readonly urlMaps: readonly string[];
}

// The Adeo case study references its Avro schemas by URL; copies sit beside the document.
const URL_PREFIXES: Record<string, readonly string[]> = {
  'adeo-casestudy-v3': [
    'https://www.asyncapi.com/resources/casestudies/adeo/',
    'https://deploy-preview-921--asyncapi-website.netlify.app/resources/casestudies/adeo/',
  ],
};

/** The documents of the shared corpus that the official parser calls valid, per INDEX.tsv. */
export function validCorpusDocuments(corpus: string): CorpusDocument[] {
  const index = path.join(corpus, 'INDEX.tsv');
  if (!existsSync(index)) throw new Error(`The corpus index ${index} does not exist.`);

  const [header, ...rows] = readFileSync(index, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
  const column = (name: string) => {
    const at = header?.indexOf(name) ?? -1;
    if (at < 0) throw new Error(`${index}:1:1: the index has no column "${name}".`);
    return at;
  };
  const nameAt = column('short-name');
  const pathAt = column('path');
  const verdictAt = column('official-parser-3.6.6');

  return rows
    .filter((row) => (row[verdictAt] ?? '').startsWith('valid'))
    .map((row) => {
      const name = row[nameAt] ?? '';
      const folder = path.join(corpus, name);
      return {
        name,
        file: path.join(folder, path.basename(row[pathAt] ?? '')),
        urlMaps: (URL_PREFIXES[name] ?? []).map((prefix) => `${prefix}=${folder}`),
      };
    });
}
