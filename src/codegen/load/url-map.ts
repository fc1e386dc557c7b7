import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ToolError } from '../../errors.js';

/**
 * Maps URL prefixes to local folders, so that documents that reference schemas on the
 * web can be generated on a machine without network access, or reproducibly anywhere.
 */
export interface UrlMapping {
  readonly prefix: string;
  readonly folder: string;
}

/** Reads `PREFIX=FOLDER`, as given to `--map-url`. */
export function parseUrlMapping(text: string): UrlMapping {
  const separator = text.lastIndexOf('=');
  const prefix = text.slice(0, separator);
  const folder = text.slice(separator + 1);
  if (separator <= 0 || folder === '' || !/^https?:\/\//.test(prefix)) {
    throw new ToolError(
      'INVALID_OPTION',
      `--map-url "${text}" is not of the form https://host/prefix/=local/folder.`,
    );
  }
  return { prefix, folder: path.resolve(folder) };
}

export function localPathForUrl(url: string, mappings: readonly UrlMapping[]): string | undefined {
  const mapping = [...mappings]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find((candidate) => url.startsWith(candidate.prefix));
  if (mapping === undefined) return undefined;

  const rest = decodeURIComponent(url.slice(mapping.prefix.length).split(/[?#]/)[0] ?? '');
  const local = path.resolve(mapping.folder, rest.replace(/^\/+/, ''));
  // A mapped URL must not climb out of the folder it is mapped to.
  if (local !== mapping.folder && !local.startsWith(mapping.folder + path.sep)) return undefined;
  return local;
}

export async function readMappedUrl(url: string, mappings: readonly UrlMapping[]): Promise<string> {
  const local = localPathForUrl(url, mappings);
  if (local === undefined) {
    throw new Error(`no --map-url prefix covers ${url}`);
  }
  return readFile(local, 'utf8');
}
