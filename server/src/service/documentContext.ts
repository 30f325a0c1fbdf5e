// What every feature of the language service receives about the document it works on.
import type { FileKind, Locale } from '../core/model';
import type { SchemaAccess } from './schemaAccess';
import type { DocumentCheck, WorkspaceView } from './workspaceView';

/** A document checked once, with the campaign it belongs to. */
export interface DocumentContext {
  /** The document's URI, as the client names it. */
  uri: string;
  /** Absolute path of the document's file. */
  file: string;
  check: DocumentCheck;
  /** The campaign, or the schema-only view for a file outside any campaign. */
  workspace: WorkspaceView | undefined;
  locale: Locale;
  schemas: SchemaAccess;
}

/** The document's `kind`: what the check found, else what the file says. */
export function documentKind(ctx: DocumentContext): FileKind | undefined {
  if (ctx.check.kind) return ctx.check.kind;
  const v = ctx.check.parsed.value;
  const kind = v && typeof v === 'object' ? (v as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && ctx.schemas.kinds().includes(kind) ? (kind as FileKind) : undefined;
}
