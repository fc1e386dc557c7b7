/**
 * The parser's two rules that check a document against the AsyncAPI JSON Schema, changed
 * in one respect: the compiled schema is kept from one document to the next.
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

const require = createRequire(import.meta.url);
// Not exported by the parser's index; the rules below are those of its core ruleset.
const { documentStructure } = require('@asyncapi/parser/cjs/ruleset/functions/documentStructure') as {
  documentStructure: RuleFunction;
};

/** Stands in for every document's inventory as the key of Spectral's Ajv cache. */
const sharedInventory = {};

const structureOfEveryDocument: RuleFunction = (input, options, context) =>
  documentStructure(input, options, { ...context, documentInventory: sharedInventory });

export const documentStructureRules = {
  'asyncapi-document-resolved': {
    description: 'Checking if the AsyncAPI document has valid resolved structure.',
    message: '{{error}}',
    severity: 'error',
    recommended: true,
    given: '$',
    then: { function: structureOfEveryDocument, functionOptions: { resolved: true } },
  },
  'asyncapi-document-unresolved': {
    description: 'Checking if the AsyncAPI document has valid unresolved structure.',
    message: '{{error}}',
    severity: 'error',
    recommended: true,
    resolved: false,
    given: '$',
    then: { function: structureOfEveryDocument, functionOptions: { resolved: false } },
  },
};
