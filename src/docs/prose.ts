/**
 * Descriptions from documents as paragraphs. Only two things of Markdown are honoured,
 * blank lines between paragraphs and `code` spans, both by splitting the text, never by
 * letting it through as markup.
 */
import { html, type SafeHtml } from './html.js';

// Not yet: the rest of Markdown (links, lists, emphasis) shows as the plain text it is.
export function prose(text: string | undefined, className = 'prose'): SafeHtml {
  if (text === undefined || text.trim() === '') return html``;
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/);
  return html`<div class="${className}">${paragraphs.map((p) => html`<p>${inline(p)}</p>`)}</div>`;
}

/** One line of text, for table cells and lists. */
export function inline(text: string): SafeHtml {
  const pieces = text.split('`');
  // An odd number of backticks leaves the last one unmatched; it stays as written.
  const matched =
    pieces.length % 2 === 1 ? pieces : [...pieces.slice(0, -2), pieces.slice(-2).join('`')];
  const parts = matched.map((piece, index) =>
    index % 2 === 1 ? html`<code>${piece}</code>` : piece,
  );
  return html`${parts}`;
}

/** The first sentence or line of a description, for lists. */
export function firstSentence(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.trim().split('\n')[0] ?? '';
  const end = line.search(/[.!?](\s|$)/);
  return end < 0 ? line : line.slice(0, end + 1);
}
