/**
 * The files the site carries unchanged (stylesheet, search script, icon), read from
 * src/docs/assets/ next to this module.
 */
import { readFile } from 'node:fs/promises';

import type { SiteFile } from './site-file.js';

const ASSET_NAMES = ['style.css', 'search.js', 'favicon.svg'] as const;

export async function readSiteAssets(): Promise<SiteFile[]> {
  return Promise.all(
    ASSET_NAMES.map(async (name) => ({
      path: `assets/${name}`,
      content: await readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8'),
    })),
  );
}
