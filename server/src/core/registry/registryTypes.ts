// Types shared by the registry modules: imported rows, tables, import problems and the matching
// thresholds. The record-facing types (RegistryRowRef, RegistryOutcome) live in model.ts.
import type { Platform, RecordKind, RegistryRowRef } from '../model';

/** The fields a registry column can be mapped to (keys of RegistryRowRef.values). */
export const REGISTRY_FIELDS = [
  'seq', 'region', 'platform', 'name', 'accountId', 'sponsor', 'operator', 'status', 'filedDate',
  'siteCode', 'url', 'level', 'siteType',
] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** Which export a table comes from: 全国政府网站信息报送系统 or 全国政务新媒体信息报送系统. */
export type RegistryKind = RecordKind;

/** A row's filing state, from its status cell. */
export type RowState = 'running' | 'closed' | 'deregistered' | 'exception' | 'unknown';

/** One imported registry row: where it came from, its mapped values and what matching needs. */
export interface RegistryRow {
  kind: RegistryKind;
  ref: RegistryRowRef;
  /** Canonical platform (media rows only). */
  platform?: Platform;
  state: RowState;
}

/** Something in an export that could not be read; the rest of the file still loads. */
export interface ImportProblem {
  /** Stable code: REG-IMPORT-FILE, REG-IMPORT-HEADER, REG-IMPORT-ROW, REG-IMPORT-VALUE, REG-MAPPING. */
  code: string;
  /** 'error': the row or file was skipped; 'warning': the row loaded with a value left out. */
  severity: 'error' | 'warning';
  /** Path as the campaign names it (relative, `/` separators). */
  file: string;
  sheet?: string;
  /** 1-based row (as Excel shows it; for YAML the line). */
  row?: number;
  /** 1-based column. */
  column?: number;
  /** The column's header text, when known. */
  header?: string;
  message: string;
}

/** The rows of one kind, from one or more export files. */
export interface RegistryTable {
  kind: RegistryKind;
  rows: RegistryRow[];
  files: string[];
}

/** Thresholds of near-miss matching (data: defaultRegistryMapping.json, overridable by the mapping file). */
export interface MatchingOptions {
  /** Largest edit distance between names that still counts as a near miss. */
  maxEditDistance: number;
  /** One edit is allowed per this many characters of the shorter name (short names get fewer). */
  charsPerEdit: number;
  /** Largest edit distance between account IDs that still counts as a near miss. */
  maxIdEditDistance: number;
  /** A name contained in another counts only from this many characters … */
  minContainedLength: number;
  /** … and when it is at least this share of the longer name. */
  minContainedRatio: number;
  maxSuggestions: number;
  /** Upper bound of rows examined for containment per record (keeps the worst case bounded). */
  maxCandidateScan: number;
}
