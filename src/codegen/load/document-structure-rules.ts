/**
 * The parser's two rules that check a document against the AsyncAPI JSON Schema, taken
 * from its core ruleset and changed in one respect: the compiled schema is kept from one
 * document to the next.
 *
 * Spectral keeps its Ajv instances per document (keyed by the document's inventory), so
 * every parse compiled the AsyncAPI schema again, resolved and unresolved: about 0.4 s
 * per document, most of the time of a run over many small documents. The AsyncAPI schema
 * is the same for every document, so these two rules share one key. Rules that compile a
 * document's own schemas keep theirs per document, since two documents may give
 * different schemas the same `$id`.
 */
import { createRequire } from 'node:module';

type RuleFunction = (input: unknown, options: unknown, context: object) => unknown;

interface RuleDefinition {
  readonly then: { readonly function: RuleFunction; readonly functionOptions?: unknown };
}

const require = createRequire(import.meta.url);
// Not exported by the parser's index: its core ruleset, whose two rules are taken as they
// are but for the function they call.
const { coreRuleset } = require('@asyncapi/parser/cjs/ruleset/ruleset') as {
  coreRuleset: { rules: Record<string, RuleDefinition> };
};

/** Stands in for every document's inventory as the key of Spectral's Ajv cache. */
const sharedInventory = {};

function withSharedCache(name: string): RuleDefinition {
  const rule = coreRuleset.rules[name];
  if (rule === undefined) throw new Error(`The parser's core ruleset has no rule ${name}.`);
  const structure = rule.then.function;
  return {
    ...rule,
    then: {
      ...rule.then,
      function: (input, options, context) =>
        structure(input, options, { ...context, documentInventory: sharedInventory }),
    },
  };
}

export const documentStructureRules = {
  'asyncapi-document-resolved': withSharedCache('asyncapi-document-resolved'),
  'asyncapi-document-unresolved': withSharedCache('asyncapi-document-unresolved'),
};
