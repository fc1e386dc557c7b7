/**
 * HTML as values. Every interpolation into `html` is escaped unless it is already
 * `SafeHtml`, so document text cannot become markup by being forgotten: the only way to
 * put raw markup in a page is to build it with `html` itself.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export class SafeHtml {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  toString(): string {
    return this.#text;
  }
}

/** An interpolation: text (escaped), markup, nothing, or a list of them. */
export type HtmlPart = SafeHtml | string | number | undefined | null | false | readonly HtmlPart[];

/** Text for element content and for attribute values in double or single quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

function render(part: HtmlPart): string {
  if (part instanceof SafeHtml) return part.toString();
  if (Array.isArray(part)) return part.map(render).join('');
  if (part === undefined || part === null || part === false) return '';
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: readonly HtmlPart[]): SafeHtml {
  let text = strings[0] ?? '';
  parts.forEach((part, index) => {
    text += render(part) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(text);
}

/** Markup this project wrote itself, such as a constant stylesheet link. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
