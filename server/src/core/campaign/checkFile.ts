// The per-file pipeline every consumer runs (CLI, language server): read → parse once → validate.
// Later layers (indicator rules, registry reconciliation) add their diagnostics in `checkText`, from
// the same parse, so that the CLI and the editor always report the same problems.
import type { CampaignConfig, CoreDiagnostic, FileKind, Locale } from '../model';
import { readUserText, RECORD_SIZE_LIMIT, refusalProblem, type ReadTextResult } from '../io/readText';
import { checkWindowDiagnostics } from '../validate/dateChecks';
import { validateDocument } from '../validate/validateDocument';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import type { ScannedFile } from './campaignFolder';

/** What a file is checked against besides itself: its campaign, when it has one. */
export interface CheckContext {
  /** Absolute path of the campaign folder the file belongs to. */
  campaignRoot?: string;
  /** The campaign's configuration, when campaign.yaml is valid. */
  campaign?: CampaignConfig;
}

/** One checked document: the single parse every later feature reuses, and all its diagnostics. */
export interface CheckedText {
  file: string;
  parsed: ParsedYaml;
  kind?: FileKind;
  /** Schema file the document was validated against. */
  schemaFile?: string;
  /** Sorted by position. */
  diagnostics: CoreDiagnostic[];
}

/**
 * Checks a document's text: parse, syntax, kind, schema and dates (against its campaign's window too).
 * A text beyond the size limit of a record (an editor's buffer is not read through readUserText) is
 * not parsed: it gets the too-large diagnostic alone.
 */
export function checkText(file: string, text: string, locale: Locale, context: CheckContext = {}): CheckedText {
  // every UTF-16 unit is at least one byte of UTF-8: a text longer than the limit is larger than it
  if (text.length > RECORD_SIZE_LIMIT) {
    return { file, parsed: parseYaml(''), diagnostics: [refusalProblem({ reason: 'tooLarge', size: Buffer.byteLength(text), limit: RECORD_SIZE_LIMIT }, locale)] };
  }
  const parsed = parseYaml(text);
  const { kind, schemaFile, diagnostics } = validateDocument(parsed, locale);
  if (schemaFile && context.campaign) {
    // the record against its campaign: a check date outside the check window
    const outside = checkWindowDiagnostics({ parsed, schemaFile, locale }, kind, context.campaign);
    if (outside.length > 0) {
      diagnostics.push(...outside);
      diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    }
  }
  return { file, parsed, kind, schemaFile, diagnostics };
}

/** A file on disk after reading and checking. */
export interface CheckedFile {
  file: string;
  read: ReadTextResult;
  /** Absent when the file could not be read or decoded. */
  checked?: CheckedText;
  /** Reading problems followed by the document's diagnostics. */
  diagnostics: CoreDiagnostic[];
}

/** Reads (safely) and checks one file. */
export async function checkFile(file: string, locale: Locale, context: CheckContext = {}): Promise<CheckedFile> {
  return checkRead(file, await readUserText(file, locale), locale, context);
}

/** Checks a file the folder scan has already read. */
export function checkScannedFile(scanned: ScannedFile, locale: Locale, context: CheckContext = {}): CheckedFile {
  return checkRead(scanned.path, scanned.read, locale, { campaignRoot: scanned.campaignRoot, ...context });
}

function checkRead(file: string, read: ReadTextResult, locale: Locale, context: CheckContext): CheckedFile {
  if (read.text === undefined) return { file, read, diagnostics: read.problems };
  const checked = checkText(file, read.text, locale, context);
  return { file, read, checked, diagnostics: [...read.problems, ...checked.diagnostics] };
}
