// How every subcommand prints diagnostics: `file:line:column severity code message` (1-based, paths
// relative to the working folder with `/`), or JSON objects with the same fields; sorted by file and
// position so that runs can be compared.
import * as path from 'node:path';
import common from '../../../l10n/messages/common.json';
import { catalogue } from '../core/l10n';
import { Severity, type FileDiagnostic, type Locale } from '../core/model';

export type { FileDiagnostic };

const tc = catalogue(common);

/** The machine-readable form of one diagnostic (JSON output). */
export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
  source: string;
  /** A finding about the site or account, not a problem of the record's data. */
  finding?: true;
  data?: unknown;
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

const SEVERITY_NAMES: Record<Severity, SeverityName> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'information',
  [Severity.Hint]: 'hint',
};

/** `error`, `warning` … (stable, for JSON and scripts). */
export function severityName(s: Severity): SeverityName {
  return SEVERITY_NAMES[s];
}

/** A path as printed: relative to `cwd` with `/` separators (absolute when on another drive). */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  const shown = rel === '' ? '.' : path.isAbsolute(rel) ? file : rel;
  return shown.split(path.sep).join('/');
}

/** Sorts by printed path, then line, then column, then code. */
export function sortFileDiagnostics(list: FileDiagnostic[], cwd: string): FileDiagnostic[] {
  const keyed = list.map((x) => ({ x, p: displayPath(x.file, cwd) }));
  keyed.sort(
    (a, b) =>
      (a.p < b.p ? -1 : a.p > b.p ? 1 : 0) ||
      a.x.diagnostic.range.start.line - b.x.diagnostic.range.start.line ||
      a.x.diagnostic.range.start.character - b.x.diagnostic.range.start.character ||
      a.x.diagnostic.code.localeCompare(b.x.diagnostic.code),
  );
  return keyed.map((k) => k.x);
}

/**
 * `websites/a.yaml:3:12 错误 IR2101 …`; a finding about the site says 发现 (finding) instead of its
 * severity. Always one line: a line break a record's text brings into a message (a name, a note) or
 * a file name holds is shown escaped (`\u000A`), so that no value can print a line that looks like
 * a diagnostic of its own.
 */
export function formatDiagnosticLine(item: FileDiagnostic, cwd: string, locale: Locale): string {
  const d = item.diagnostic;
  const where = `${displayPath(item.file, cwd)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const kind = d.finding ? tc(locale, 'severity.finding') : tc(locale, `severity.${severityName(d.severity)}`);
  return oneLine(`${where} ${kind} ${d.code} ${d.message}`);
}

/** Line breaks (CR, LF, the Unicode line and paragraph separators) escaped as `\uXXXX`. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The JSON object of one diagnostic (1-based positions like the text form). */
export function diagnosticJson(item: FileDiagnostic, cwd: string): DiagnosticJson {
  const d = item.diagnostic;
  const out: DiagnosticJson = {
    file: displayPath(item.file, cwd),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: severityName(d.severity),
    code: d.code,
    message: d.message,
    source: d.source,
  };
  if (d.finding) out.finding = true;
  if (d.data !== undefined) out.data = d.data;
  return out;
}
