// The language service: documents and a workspace view in, LSP types out. It knows nothing of
// JSON-RPC; the server binds LSP methods to these operations and tests call them directly. Every
// operation works from one check of the document (`DocumentCheck`, one parse), made by the
// workspace view and handed in through a `DocumentContext`.
import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Position } from 'vscode-languageserver';
import type { IsoDate, Locale } from '../core/model';
import { getCodeActions } from './codeActions';
import { getCodeLenses } from './codeLens';
import { doComplete } from './completion';
import { computeDiagnostics, type ValidationResult } from './diagnostics';
import { documentKind, type DocumentContext } from './documentContext';
import { doHover } from './hover';
import { shippedSchemas, type SchemaAccess } from './schemaAccess';
import { findDocumentSymbols } from './symbols';
import type { DocumentCheck, StoredCheck, WorkspaceView } from './workspaceView';

export interface LanguageServiceParams {
  /** Schema facts; the schemas shipped in schemas/ by default. */
  schemas?: SchemaAccess;
  /** The URI the client uses for a file. */
  fileToUri(file: string): string;
  /** Today in China, `YYYY-MM-DD` (injected so that tests are fixed). */
  today(): IsoDate;
  /** Most registry entries one completion lists (the list is marked incomplete beyond it). */
  maxRegistryItems?: number;
  /** What the client can do: render Markdown in hovers. */
  client?: { markdown?: boolean };
}

export interface LanguageService {
  /** The context every operation takes: a document checked once, its campaign and locale. */
  context(uri: string, file: string, check: DocumentCheck, workspace: WorkspaceView | undefined, locale: Locale): DocumentContext;
  /** Diagnostics (suppression comments applied) and how many were suppressed. */
  doValidation(ctx: DocumentContext): ValidationResult;
  /** The same for a check kept without its syntax tree, with the text it was made of. */
  validateStored(check: StoredCheck, text: string, locale: Locale): ValidationResult;
  doHover(ctx: DocumentContext, position: Position): Hover | null;
  doComplete(ctx: DocumentContext, position: Position): CompletionList;
  /** Quick fixes for the diagnostics the client sent with the request. */
  getCodeActions(ctx: DocumentContext, diagnostics: Diagnostic[]): CodeAction[];
  findDocumentSymbols(ctx: DocumentContext): DocumentSymbol[];
  getCodeLenses(ctx: DocumentContext): CodeLens[];
}

/** Default number of registry entries one completion lists. */
const MAX_REGISTRY_ITEMS = 200;

/** Builds the language service. */
export function getLanguageService(params: LanguageServiceParams): LanguageService {
  const schemas = params.schemas ?? shippedSchemas;
  const markdown = params.client?.markdown ?? true;
  return {
    context: (uri, file, check, workspace, locale) => ({ uri, file, check, workspace, locale, schemas }),
    doValidation: (ctx) => computeDiagnostics(ctx.check, ctx.check.parsed.text, ctx.locale),
    validateStored: (check, text, locale) => computeDiagnostics(check, text, locale),
    doHover: (ctx, position) => doHover(ctx, position, markdown),
    doComplete: (ctx, position) =>
      doComplete(ctx, position, { today: params.today(), maxRegistryItems: params.maxRegistryItems ?? MAX_REGISTRY_ITEMS }),
    getCodeActions: (ctx, diagnostics) => getCodeActions(ctx, diagnostics, { fileToUri: params.fileToUri }),
    findDocumentSymbols: (ctx) => findDocumentSymbols(ctx.check.parsed, documentKind(ctx), schemas, ctx.locale),
    getCodeLenses: (ctx) => getCodeLenses(ctx),
  };
}

export type { DocumentContext, DocumentCheck, WorkspaceView, ValidationResult };
