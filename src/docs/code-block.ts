/** A block of code or data, shown as the text it is. */
import { html, type SafeHtml } from './html.js';

export function code(language: string, text: string): SafeHtml {
  return html`<pre class="code" data-language="${language}"><code>${text}</code></pre>`;
}
