// The data gate before any figure: the bulletin, the status bar and the dashboard count only what
// the records say correctly. A campaign whose files have data errors (what `check` reports as
// errors: syntax, fields, dates, unreadable files and exports) or whose records cannot be decided
// for a missing fact is not counted as if it were whole: the bulletin refuses and lists them, or,
// when asked, is written as provisional (records with data errors left out, undecided ones counted
// as passing) and says so; the status bar and the dashboard say the figures are provisional.
import * as path from 'node:path';
import { VERDICT_CODES } from '../codes';
import { isDataError, Severity, type AnalysedCampaign, type CoreDiagnostic, type FileDiagnostic, type Locale } from '../model';
import type { RuleDiagnosticData } from '../rules/diagnostics';
import { suppressDiagnostics } from '../suppression';
import { t } from './actionError';
import type { Campaign } from './campaign';

export interface DataGate {
  /** Data errors of the campaign's files, suppression comments applied, as `check` lists them. */
  errors: FileDiagnostic[];
  /** Files (absolute) with data errors. */
  errorFiles: string[];
  /** Records (absolute paths) whose verdict is 无法判定, none of them among `errorFiles`. */
  undetermined: string[];
  /** What each undecided record waits for, located (the missing facts), or its reasons on its first line. */
  waiting: FileDiagnostic[];
  /** Records (campaign-relative paths) in files with data errors: left out of provisional figures. */
  leftOut: string[];
}

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Whether the campaign's figures can be given as final. */
export function gateIsClear(gate: DataGate): boolean {
  return gate.errorFiles.length === 0 && gate.undetermined.length === 0;
}

/** The campaign's data problems and undecided records (the open editor texts included, in the language server). */
export function dataGate(campaign: Campaign, analysed: AnalysedCampaign): DataGate {
  const errors: FileDiagnostic[] = [];
  const kept = (file: string): CoreDiagnostic[] => {
    const checked = campaign.diagnosticsOf(file);
    if (!checked || checked.diagnostics.length === 0) return [];
    const text = checked.suppressible ? campaign.textOf(file) : undefined;
    return text === undefined ? checked.diagnostics : suppressDiagnostics(text, checked.diagnostics).kept;
  };
  for (const file of campaign.recordFiles()) for (const d of kept(file)) if (isDataError(d)) errors.push({ file, diagnostic: d });
  // unreadable files, the folder's own problems, exports and profiles that cannot be read
  const seen = new Set(errors.map((e) => key(e)));
  for (const p of campaign.outsideProblems()) if (isDataError(p.diagnostic) && !seen.has(key(p))) (seen.add(key(p)), errors.push(p));
  const errorFiles = [...new Set(errors.map((e) => path.resolve(e.file)))].sort();
  const inError = new Set(errorFiles);
  const undetermined: string[] = [];
  const waiting: FileDiagnostic[] = [];
  const leftOut: string[] = [];
  for (const r of analysed.records) {
    const file = path.resolve(analysed.root, r.file);
    if (inError.has(file)) {
      leftOut.push(r.file);
      continue;
    }
    if (r.result.verdict !== 'undetermined') continue;
    undetermined.push(file);
    const located = kept(file).filter((d) => d.source === 'rule' && (d.data as RuleDiagnosticData | undefined)?.kind === 'undetermined');
    if (located.length > 0) for (const d of located) waiting.push({ file, diagnostic: d });
    else {
      const message = t(campaign.locale, 'gate.undecided', { reasons: r.result.reasons.join(t(campaign.locale, 'gate.separator')) });
      waiting.push({ file, diagnostic: { range: START, severity: Severity.Warning, code: VERDICT_CODES.undecided, message, source: 'rule' } });
    }
  }
  return { errors, errorFiles, undetermined, waiting, leftOut };
}

/** The analysed campaign without the records whose files have data errors (for provisional figures). */
export function withoutDataErrors(analysed: AnalysedCampaign, gate: DataGate): AnalysedCampaign {
  if (gate.leftOut.length === 0) return analysed;
  const out = new Set(gate.leftOut);
  return { ...analysed, records: analysed.records.filter((r) => !out.has(r.file)) };
}

/** What provisional figures rest on, in one sentence (the bulletin's marker line), or undefined when the gate is clear. */
export function provisionalSentence(gate: DataGate, locale: Locale): string | undefined {
  if (gateIsClear(gate)) return undefined;
  const parts: string[] = [];
  if (gate.errorFiles.length > 0) parts.push(t(locale, 'gate.leftOut', { files: gate.errorFiles.length, records: gate.leftOut.length }));
  if (gate.undetermined.length > 0) parts.push(t(locale, 'gate.countedAsPassing', { records: gate.undetermined.length }));
  return t(locale, 'gate.provisional', { details: parts.join(t(locale, 'gate.separator')) });
}

/** Why the bulletin was refused, with the counts. */
export function refusalMessage(gate: DataGate, locale: Locale): string {
  const parts: string[] = [];
  if (gate.errorFiles.length > 0) parts.push(t(locale, 'gate.errorFiles', { files: gate.errorFiles.length }));
  if (gate.undetermined.length > 0) parts.push(t(locale, 'gate.undeterminedRecords', { records: gate.undetermined.length }));
  return t(locale, 'gate.refused', { details: parts.join(t(locale, 'gate.separator')) });
}

function key(p: FileDiagnostic): string {
  const d = p.diagnostic;
  return `${path.resolve(p.file)}\u0000${d.range.start.line}\u0000${d.range.start.character}\u0000${d.code}\u0000${d.message}`;
}
