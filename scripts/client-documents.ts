// The GraphQL documents a client ships, read from its files with where each one's text
// sits in its file, so that a problem found in the text is reported at the file's own
// line and column: `.graphql`/`.gql` files, operations in JavaScript and TypeScript
// (`graphql(`…`)` as GraphQL Code Generator's client preset writes them, gql`…` and
// graphql`…` tags, /* GraphQL */ comments: found by graphql-tag-pluck, as Code Generator
// finds them) and trusted-document manifests (scripts/document-manifest.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCode } from '@graphql-tools/graphql-tag-pluck';
import { Source, type SourceLocation } from 'graphql';
import { ManifestError, manifestDocuments } from './document-manifest.js';

export interface ClientDocument {
  /** The file, as given. */
  readonly file: string;
  /** A manifest entry's id (its positions are within that entry's text). */
  readonly entry?: string;
  readonly source: Source;
  /** Line (1-based) of the file the text starts on. */
  readonly line: number;
  /** Column (1-based) of that line the text's first character is at. */
  readonly column: number;
}

/** A file that cannot be read as documents: the check cannot run (not a problem of the documents themselves). */
export class DocumentFileError extends Error {}

/** A JavaScript or TypeScript file its parser refuses: the client's code does not compile, at line:column. */
export class CodeSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const GRAPHQL_EXTENSIONS = new Set(['.graphql', '.gql']);
const CODE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
export const DOCUMENT_EXTENSIONS = [...GRAPHQL_EXTENSIONS, ...CODE_EXTENSIONS, '.json'];

/** Every GraphQL document of a file (none for a code file without operations). */
export function readClientDocuments(file: string): ClientDocument[] {
  const extension = path.extname(file).toLowerCase();
  if (!DOCUMENT_EXTENSIONS.includes(extension)) throw new DocumentFileError(`${file}: not a file of operations (${DOCUMENT_EXTENSIONS.join(', ')})`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DocumentFileError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if (GRAPHQL_EXTENSIONS.has(extension)) return [{ file, source: new Source(text, file), line: 1, column: 1 }];
  if (extension === '.json') return manifestFileDocuments(file, text);
  return codeDocuments(file, text);
}

function manifestFileDocuments(file: string, text: string): ClientDocument[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new DocumentFileError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  try {
    return manifestDocuments(manifest).map(({ id, body }) => ({ file, entry: id, source: new Source(body, `${file}#${id}`), line: 1, column: 1 }));
  } catch (error) {
    if (error instanceof ManifestError) throw new DocumentFileError(`${file} is not a trusted-document manifest (Apollo or Relay): ${error.message}`);
    throw error;
  }
}

function codeDocuments(file: string, code: string): ClientDocument[] {
  let plucked: ReturnType<typeof parseCode>;
  try {
    // skipIndent: the text exactly as written between the backticks, so its columns are the file's.
    plucked = parseCode({ code, filePath: file, options: { skipIndent: true } });
  } catch (error) {
    // Babel's syntax errors carry the position (column 0-based).
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    if (loc) throw new CodeSyntaxError(`Cannot parse ${file}: ${(error as Error).message}`, loc.line, loc.column + 1);
    throw new DocumentFileError(`Cannot parse ${file}: ${(error as Error).message}`);
  }
  // loc.start is the opening backtick (column 0-based): the text starts one character after it.
  // graphql-tag-pluck drops ${…} interpolations from the text, so a column after one on its line is off by its length.
  return plucked.map(({ content, loc }) => ({ file, source: new Source(content, file), line: loc.start.line, column: loc.start.column + 2 }));
}

/** Where a position of a document's text is, as `file:line:column` (a manifest entry: `file#id:line:column`, within its text). */
export function positionInFile(document: ClientDocument, { line, column }: SourceLocation): string {
  const fileLine = document.line + line - 1;
  const fileColumn = line === 1 ? document.column + column - 1 : column;
  return `${document.entry === undefined ? document.file : `${document.file}#${document.entry}`}:${fileLine}:${fileColumn}`;
}
