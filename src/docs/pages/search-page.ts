/**
 * The search page. The form in every page's header sends its words here; the script
 * reads them, looks them up in the index made at build time and lists what matches.
 */
import { html } from '../html.js';
import { crumbs, linksFrom } from '../page-parts.js';
import { renderPage } from '../page-layout.js';
import type { SiteFile } from '../site-file.js';
import type { SiteModel } from '../site-model.js';
import { SEARCH_PAGE } from '../site-paths.js';
import { SEARCH_INDEX_FILE, SEARCH_SCRIPT_FILE } from '../search-index.js';

export function emitSearchPage(site: SiteModel): SiteFile {
  const links = linksFrom(SEARCH_PAGE);
  const content = html`${crumbs(links, [], 'Search')}
<h1>Search</h1>
<form class="search-page-form" role="search" action="${links.to(SEARCH_PAGE)}" method="get">
<label for="search-input">Names, descriptions and field names</label>
<input id="search-input" type="search" name="q" autocomplete="off" autofocus>
</form>
<p id="search-status" class="muted" aria-live="polite">Type a word to search.</p>
<ol id="search-results" class="search-results"></ol>
<noscript><p class="note">Search needs JavaScript; every event is listed on the events page.</p>
</noscript>`;
  return renderPage({
    path: SEARCH_PAGE,
    title: 'Search',
    documentPaths: site.documentPaths,
    content,
    scripts: [SEARCH_INDEX_FILE, SEARCH_SCRIPT_FILE],
  });
}
