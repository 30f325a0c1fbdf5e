// What the language service needs to know about the campaign a document belongs to. The campaign
// workspace of the core (`core/campaign/workspace.ts`) implements it; a schema-only view stands in
// for records outside any campaign. The service never reads files itself: it asks this view.
import type { CoreDiagnostic, DocumentCheck, FileChange, RecordKind, RegistryRowRef, StoredCheck } from '../core/model';

export type { DocumentCheck, FileChange, StoredCheck };

/** The campaign a document belongs to, as the language service sees it. */
export interface WorkspaceView {
  /** Absolute path of the campaign folder ('' for the schema-only view). */
  readonly root: string;
  /** Absolute paths of every record and campaign file of the campaign. */
  recordFiles(): string[];
  /** Synchronous and fast: parse once, schema, rules, registry. */
  checkDocument(file: string, text: string): DocumentCheck;
  /** A file changed on disk: which records must be checked again. */
  fileChanged(file: string, change: FileChange): Promise<{ recheck: 'all' | string[] }>;
  /** Registry rows of one kind, for completing accounts and sites. */
  registryRows(kind: RecordKind): RegistryRowRef[];
  /** The resolved indicator profile (rule ids, names, parameters). */
  profile(): unknown;
  /** The view's own last check of a file, if it keeps one (spares the index a second parse) … */
  checked?(file: string): StoredCheck | undefined;
  /** … and the text it checked. */
  textOf?(file: string): string | undefined;
  /** Problems outside the YAML documents: registry exports, profiles, the folder scan, unreadable files. */
  outsideProblems?(): { file: string; diagnostic: CoreDiagnostic }[];
}
