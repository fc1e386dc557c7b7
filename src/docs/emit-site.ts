/**
 * The whole site in memory: one emitter per kind of page, the search index and the
 * static assets. Pure: the model and the assets in, files out; only the writer touches
 * the disk.
 */
import type { CodegenModel } from '../codegen/model/model.js';
import { emitEventPage } from './pages/event-page.js';
import { emitEventsPage } from './pages/events-page.js';
import { emitHomePage } from './pages/home-page.js';
import { emitSearchPage } from './pages/search-page.js';
import { emitServicePage } from './pages/service-page.js';
import { emitTopicPage } from './pages/topic-page.js';
import { emitSearchIndex } from './search-index.js';
import type { SiteFile } from './site-file.js';
import { buildSiteModel } from './site-model.js';

export function emitSite(model: CodegenModel, assets: readonly SiteFile[]): SiteFile[] {
  const site = buildSiteModel(model);
  const files = [
    emitHomePage(site),
    emitEventsPage(site),
    emitSearchPage(site),
    emitSearchIndex(site),
    ...site.services.map((view) => emitServicePage(site, view)),
    ...site.topics.map((topic) => emitTopicPage(site, topic)),
    ...site.events.map((event) => emitEventPage(event)),
    ...assets,
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
