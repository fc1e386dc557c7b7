/**
 * A field tree as nested lists. Every field carries its anchor as its id and a link to
 * itself, so that a reviewer can point at `#payload.data.feature_id` in a discussion.
 */
import { html, type SafeHtml } from './html.js';
import { prose } from './prose.js';
import type { FieldNode, FieldTree } from './schema-fields.js';

export function renderFieldTree(tree: FieldTree, emptyText: string): SafeHtml {
  const constraints = tree.constraints.map((c) => html` <span class="constraint">${c}</span>`);
  const type = html`<span class="field-type">${tree.type}</span>`;
  const head = html`<p class="schema-root">${type}${constraints}</p>${prose(tree.description)}`;
  if (tree.fields.length === 0) return html`${head}<p class="empty">${emptyText}</p>`;
  return html`${head}${renderFields(tree.fields)}`;
}

function renderFields(fields: readonly FieldNode[]): SafeHtml {
  return html`<ul class="fields">${fields.map(renderField)}</ul>`;
}

function renderField(field: FieldNode): SafeHtml {
  const badges = [
    field.required ? html`<span class="badge required">required</span>` : '',
    field.sensitive
      ? html`<span class="badge sensitive" title="Redacted from logs">sensitive</span>`
      : '',
    field.deprecated ? html`<span class="badge deprecated">deprecated</span>` : '',
    field.recursiveOf === undefined ? '' : html`<span class="badge recursive">recursive</span>`,
  ];
  const name =
    field.kind === 'property'
      ? html`<code class="field-name">${field.name}</code>`
      : html`<span class="field-label">${label(field)}</span>`;
  const link = html`<a class="field-link" href="#${field.anchor}" \
aria-label="Link to ${field.path.join('.')}">#</a>`;
  const constraints = field.constraints.map((c) => html` <span class="constraint">${c}</span>`);
  const children = field.children.length > 0 ? renderFields(field.children) : '';

  const type = html`<span class="field-type">${field.type}</span>`;
  const description = prose(field.description, 'field-description');

  return html`<li class="field" id="${field.anchor}">
<div class="field-head">${link}${name} ${type}${badges}${constraints}</div>\
${description}${children}</li>
`;
}

function label(field: FieldNode): string {
  if (field.kind === 'items') return field.name === '[]' ? 'each item' : `item ${field.name}`;
  if (field.kind === 'other-keys')
    return field.name === '*' ? 'any other key' : `keys matching ${field.name}`;
  return field.name.replace(/^(oneOf|anyOf|allOf) /, (_, keyword: string) =>
    keyword === 'allOf' ? 'also ' : keyword === 'oneOf' ? 'one of, option ' : 'any of, option ',
  );
}
