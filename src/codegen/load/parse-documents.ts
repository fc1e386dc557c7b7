import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { OpenAPISchemaParser } from '@asyncapi/openapi-schema-parser';
import { Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import type { RulesetOptions } from '@asyncapi/parser/cjs/ruleset/index.js';

import type { Diagnostic, Severity, SourceLocation } from '../diagnostics.js';
import type { DocumentFile } from './find-documents.js';
import { displayPathOf } from './display-path.js';
import { documentStructureRules } from './document-structure-rules.js';
import { localPathForUrl, readMappedUrl, type UrlMapping } from './url-map.js';

/** A document the parser accepted, with what is needed to point back into its text. */
export interface ParsedDocument {
  readonly file: DocumentFile;
  /** The path shown to users and written into generated preambles (POSIX, relative). */
  readonly displayPath: string;
  readonly document: AsyncAPIDocumentInterface;
  /** The location of a JSON pointer of the document, or of its nearest existing parent. */
  locate(pointer: string): SourceLocation;
}


export interface ParseResult {
  readonly documents: ParsedDocument[];
  readonly diagnostics: Diagnostic[];
  /** Every file the documents were made of: themselves and all they reference. */
  readonly inputFiles: string[];
}

export interface ParseOptions {
  readonly urlMappings: readonly UrlMapping[];
  /**
   * Fetch references to URLs that no mapping covers. Off by default: codegen then makes
   * no network request at all, and its output depends only on files.
   */
  readonly fetchUrls?: boolean;
  /** Folder that display paths are relative to; the working folder by default. */
  readonly baseDir?: string;
}

// Spectral numbers severities: 0 error, 1 warning, 2 information, 3 hint.
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note', 'note'];


/**
 * Parses every document once with the official parser, Avro and OpenAPI schema parsers
 * registered. The parser's own validation findings are kept as errors; its style hints
 * (such as "use the latest version") are dropped, because `spec:lint` owns style.
 */
export async function parseDocuments(
  files: readonly DocumentFile[],
  options: ParseOptions,
): Promise<ParseResult> {
  const baseDir = options.baseDir ?? process.cwd();
  const inputFiles = new Set(files.map((file) => file.absolutePath));
  /** URLs read as an empty schema, with the reason. */
  const unreadUrls = new Map<string, string>();
  const parser = createParser(options.urlMappings, inputFiles, unreadUrls, options.fetchUrls === true);
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];

  for (const file of files) {
    const displayPath = displayPathOf(file.absolutePath, baseDir);
    const unreadBefore = unreadUrls.size;
    const output = await parser.parse(file.text, { source: file.absolutePath });

    // An unmapped URL was read as an empty schema, so the parser's other findings about
    // this document may only be its consequences: report the URLs alone.
    const unread = [...unreadUrls].filter(
      ([url], index) => index >= unreadBefore || file.text.includes(url),
    );
    if (unread.length > 0) {
      for (const [url, reason] of unread) {
        diagnostics.push({
          severity: 'error',
          location: { file: displayPath, ...lineAndColumnOf(file.text, url) },
          message: `the reference to ${url} is not read: ${reason}`,
        });
      }
      continue;
    }

    for (const found of output.diagnostics) {
      const severity = SEVERITIES[found.severity] ?? 'note';
      if (severity !== 'error') continue;
      const source = found.source ? displayPathOf(found.source, baseDir) : displayPath;
      diagnostics.push({
        severity,
        location: {
          file: source,
          line: found.range.start.line + 1,
          column: found.range.start.character + 1,
        },
        message: describeParserMessage(found.message, found.path),
      });
    }

    if (output.document === undefined) continue;
    const spectralDocument = output.extras?.document;
    documents.push({
      file,
      displayPath,
      document: output.document,
      locate(pointer) {
        // Up to the nearest part the document has: a pointer into a referenced schema goes
        // on past what the text holds, and Spectral's YAML lookup, asked for the closest
        // node, still answers nothing (which read as line 1).
        const segments = pointerSegments(pointer);
        let range = spectralDocument?.getRangeForJsonPath(segments, true);
        for (let length = segments.length - 1; range === undefined && length >= 0; length -= 1) {
          range = spectralDocument?.getRangeForJsonPath(segments.slice(0, length), true);
        }
        return {
          file: displayPath,
          line: (range?.start.line ?? 0) + 1,
          column: (range?.start.character ?? 0) + 1,
        };
      },
    });
  }

  return { documents, diagnostics, inputFiles: [...inputFiles].sort() };
}

/** The parser, with readers that note every file it reads into `inputFiles`. */
function createParser(
  urlMappings: readonly UrlMapping[],
  inputFiles: Set<string>,
  unreadUrls: Map<string, string>,
  fetchUrls: boolean,
): Parser {
  const readUrl = async (uri: { toString(): string }): Promise<string> => {
    const url = uri.toString();
    const local = localPathForUrl(url, urlMappings);
    if (local !== undefined) {
      inputFiles.add(local);
      // A mapped URL is read from its copy or not at all: never from the network.
      return readMappedUrl(url, urlMappings).catch((error: unknown) => {
        unreadUrls.set(url, `it is mapped to ${local}, which cannot be read (${(error as Error).message})`);
        return '{}';
      });
    }
    // Throwing hands the URL on to the parser's own reader, which fetches it.
    if (fetchUrls) throw new Error(`no --map-url prefix covers ${url}`);
    unreadUrls.set(
      url,
      'no --map-url covers it; map its URL prefix to a local copy with --map-url PREFIX=FOLDER, ' +
        'or allow fetching with --fetch-urls',
    );
    return '{}';
  };
  const readLocalFile = (uri: { href(): string }): Promise<string> => {
    const file = path.resolve(uri.href());
    inputFiles.add(file);
    return readFile(file, 'utf8');
  };

  return new Parser({
    schemaParsers: [AvroSchemaParser(), OpenAPISchemaParser()],
    // The recommended rules are style advice that codegen drops anyway (spec:lint has
    // house rules of its own); on a large document they cost a third of the parse.
    ruleset: { core: true, recommended: false, rules: documentStructureRules } as RulesetOptions,
    __unstable: {
      resolver: {
        resolvers: [
          { schema: 'file', order: 1, read: readLocalFile },
          { schema: 'https', order: 1, read: readUrl },
          { schema: 'http', order: 1, read: readUrl },
        ],
      },
    },
  });
}

/**
 * Makes the parser's messages into sentences a user can act on. Failed fetches are the
 * common case on a machine without network, and deserve a way out.
 */
function describeParserMessage(message: string, jsonPath: ReadonlyArray<string | number>): string {
  const fetched = /request to (\S+) failed/.exec(message);
  if (fetched) {
    return (
      `the reference to ${fetched[1]} cannot be fetched (${message.replace(/^.*reason: /, '')}); ` +
      'map its URL prefix to a local copy with --map-url PREFIX=FOLDER'
    );
  }
  const where = jsonPath.length > 0 ? ` (at ${jsonPath.join('.')})` : '';
  // Some parser errors carry their JavaScript stack in the message; it helps no user.
  const sentence = message.split(/,?\s*stack:/)[0] ?? message;
  return `${sentence.replace(/\.$/, '')}${where}`;
}

function lineAndColumnOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) return { line: 1, column: 1 };
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
