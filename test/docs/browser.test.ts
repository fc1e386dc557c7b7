/**
 * The built site in real headless Chromium, served over HTTP from 127.0.0.1: pages link
 * up, the map shows every service and topic, search finds an event by a word of its
 * description, nothing logs an error, nothing loads from outside, and hostile text in a
 * document runs nothing. Screenshots go to test-artifacts/docs/ for a reviewer to look at.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildSite } from '../../src/docs/build-site.js';
import { slug } from '../../src/docs/site-paths.js';
import { PROJECT_ROOT } from '../support/cli.js';
import { CHROMIUM_PATH, launchChromium, type TestBrowser } from './support/chromium.js';
import {
  HOSTILE_DOCUMENT,
  HOSTILE_EVENT_TYPE,
  HOSTILE_EVENT_WORD,
} from './support/hostile-document.js';
import { writeDocuments } from './support/site.js';
import { serveSite, type StaticServer } from './support/static-server.js';

const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'docs');

/** Expressions evaluated in the page, as text: the project's TypeScript has no DOM types. */
const IN_PAGE = {
  target: "document.querySelector(':target')?.id",
  pwned: 'window.__pwned',
  background: 'getComputedStyle(document.body).backgroundColor',
  overflow: 'document.documentElement.scrollWidth - window.innerWidth',
} as const;

interface Watched {
  readonly page: Page;
  readonly problems: string[];
  readonly dialogs: string[];
  readonly outside: string[];
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('the docs site in Chromium', () => {
  let server: StaticServer;
  let browser: TestBrowser;
  const temporary: string[] = [];

  beforeAll(async () => {
    // The project's documents and the hostile one, side by side, as one site.
    const specs = await writeDocuments({ 'evil.yaml': HOSTILE_DOCUMENT });
    await cp(path.join(PROJECT_ROOT, 'asyncapi'), specs, { recursive: true });
    const out = await mkdtemp(path.join(tmpdir(), 'docs-site-'));
    temporary.push(specs, out);
    const built = await buildSite({ specPaths: [specs], outDir: out, urlMappings: [] });
    if (built.files === undefined)
      throw new Error(`The site did not build: ${JSON.stringify(built.diagnostics)}`);

    server = await serveSite(out);
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of temporary) await rm(dir, { recursive: true, force: true });
  });

  async function open(relative: string, context = browser.context): Promise<Watched> {
    const page = await context.newPage();
    const watched: Watched = { page, problems: [], dialogs: [], outside: [] };
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        watched.problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => watched.problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      watched.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(`${server.origin}/`)) watched.outside.push(request.url());
    });
    await page.goto(`${server.origin}/${relative}`, { waitUntil: 'load' });
    return watched;
  }

  function expectClean(watched: Watched): void {
    expect(watched.problems).toEqual([]);
    expect(watched.dialogs).toEqual([]);
    expect(watched.outside).toEqual([]);
    expect(server.missing).toEqual([]);
  }

  /** A full-page screenshot kept as a test artifact. */
  async function keep(page: Page, name: string): Promise<void> {
    const file = path.join(ARTIFACTS, name);
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size, name).toBeGreaterThan(10_000);
  }

  it('draws a map with a node for every service and every topic', async () => {
    const home = await open('index.html');

    const nodes = await home.page.$$eval('svg g.node', (elements) =>
      elements.map(
        (element) => `${element.getAttribute('data-kind')}:${element.getAttribute('data-key')}`,
      ),
    );
    expect(nodes.sort()).toEqual([
      'service:audit',
      'service:evil',
      'service:features',
      'topic:audit.events',
      'topic:evil.events',
      'topic:features.events',
    ]);
    // Drawn, not just present: every node has a box of some size on the page.
    const boxes = await home.page.$$eval('svg g.node rect', (rects) =>
      rects.map((rect) => rect.getBoundingClientRect().width),
    );
    expect(boxes.every((width) => width > 50)).toBe(true);

    await keep(home.page, 'home.png');
    expectClean(home);
    await home.page.close();
  });

  it('navigates from the map to a topic, to an event, and to a field by its link', async () => {
    const tour = await open('index.html');

    await tour.page.click('svg g.node[data-key="features.events"] > a');
    await tour.page.waitForURL(/\/topics\/features\.events\.html$/);
    expect(await tour.page.textContent('h1')).toBe('features.events');
    await keep(tour.page, 'topic.png');

    await tour.page.click('#events a[href$="feature.created.html"]');
    await tour.page.waitForURL(/\/events\/feature\.created\.html$/);
    expect(await tour.page.textContent('h1')).toBe('feature.created');
    await keep(tour.page, 'event.png');

    await tour.page.click('a[href="#payload.data.feature_id"]');
    expect(await tour.page.evaluate(IN_PAGE.target)).toBe(
      'payload.data.feature_id',
    );

    expectClean(tour);
    await tour.page.close();
  });

  it('finds an event by a word of its description, from the search box of any page', async () => {
    const search = await open('topics/audit.events.html');

    await search.page.fill('header input[name="q"]', HOSTILE_EVENT_WORD);
    await search.page.press('header input[name="q"]', 'Enter');
    await search.page.waitForURL(/\/search\.html\?q=/);
    const result = search.page.locator('#search-results a', { hasText: HOSTILE_EVENT_TYPE });
    await result.first().waitFor();
    expect(await search.page.textContent('#search-status')).toMatch(/^\d+ match/);

    await result.first().click();
    await search.page.waitForURL(
      new RegExp(`/events/${slug(HOSTILE_EVENT_TYPE).replace(/\./g, '\\.')}\\.html$`),
    );
    expect(await search.page.textContent('h1')).toBe(HOSTILE_EVENT_TYPE);

    expectClean(search);
    await search.page.close();
  });

  it('narrows results as the reader types, down to a field', async () => {
    const search = await open('search.html');

    await search.page.fill('#search-input', 'actor_email');
    const field = search.page.locator('#search-results li.field a', {
      hasText: 'data.actor_email',
    });
    await field.first().waitFor();
    expect(await field.first().getAttribute('href')).toBe(
      'events/audit.recorded.html#payload.data.actor_email',
    );

    expectClean(search);
    await search.page.close();
  });

  it('runs nothing from a document with hostile text, and shows the text', async () => {
    const pages = [
      'index.html',
      'services/evil.html',
      'topics/evil.events.html',
      `events/${slug(HOSTILE_EVENT_TYPE)}.html`,
    ];
    for (const relative of pages) {
      const visit = await open(relative);
      // Hover everything: an injected onmouseover would fire now.
      for (const element of await visit.page.$$('main a, main code, main p'))
        await element.hover().catch(() => undefined);

      expect(
        await visit.page.evaluate(IN_PAGE.pwned),
        relative,
      ).toBeUndefined();
      expect(
        await visit.page.$$eval(
          'script:not([src]), img, [onerror], [onload], [onmouseover]',
          (found) => found.length,
        ),
      ).toBe(0);
      expectClean(visit);
      await visit.page.close();
    }

    const event = await open(`events/${slug(HOSTILE_EVENT_TYPE)}.html`);
    expect(await event.page.textContent('main')).toContain(
      '<script>window.__pwned = 1; alert(1)</script>',
    );
    await event.page.close();
  });

  it('follows the reader: dark colours when they prefer dark, and fits a phone', async () => {
    const dark = await launchChromium({ colorScheme: 'dark' });
    try {
      const light = await open('events/feature.created.html');
      const night = await open('events/feature.created.html', dark.context);
      const background = (page: Page) =>
        page.evaluate(IN_PAGE.background);
      expect(await background(light.page)).toBe('rgb(255, 255, 255)');
      expect(await background(night.page)).toBe('rgb(20, 23, 28)');
      await keep(night.page, 'event-dark.png');

      await light.page.setViewportSize({ width: 390, height: 844 });
      const overflow = await light.page.evaluate(IN_PAGE.overflow);
      expect(overflow).toBeLessThanOrEqual(0);
      await keep(light.page, 'event-phone.png');
      expectClean(light);
      expectClean(night);
    } finally {
      await dark.close();
    }
  });
});
