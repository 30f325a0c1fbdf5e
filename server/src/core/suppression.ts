// Silencing one diagnostic where the inspector has decided it does not apply, with a YAML comment:
//
//   # inspection-disable-next-line W-V3, IR3001 -- 已与主办单位核实
//   homepage:
//   # inspection-disable-file REG-NEAR-MISS
//
// `next-line` applies to the next line that holds content (blank lines and further comment lines in
// between are skipped, so a reason can be written on its own line); `file` applies to the whole
// file. Without codes a directive silences every code. Text after ` -- ` is the reason and ignored.
// Used by the language server and by the CLI `check`, which prints the suppressed count.
import type { Range } from './model';

export type SuppressionScope = 'next-line' | 'file';

/** One `# inspection-disable-…` comment. */
export interface SuppressionDirective {
  scope: SuppressionScope;
  /** Zero-based line of the comment. */
  line: number;
  /** Zero-based line the directive silences (`next-line`), or -1 (`file`, or nothing follows). */
  target: number;
  /** Codes as written; empty silences every code. */
  codes: string[];
  /** Range of the whole comment, for reporting a directive that silences nothing. */
  range: Range;
}

/** Anything with a start line and a code: core and LSP diagnostics alike. */
export interface Suppressible {
  range: Range;
  code?: string | number;
}

export interface SuppressionOutcome<T> {
  kept: T[];
  suppressed: T[];
  /** Directives (and, for directives naming codes, which of their codes) that silenced nothing. */
  unused: { directive: SuppressionDirective; codes: string[] }[];
}

export interface SuppressionOptions {
  /**
   * Codes no comment may silence. By default YAML syntax errors (`IR1…`): when the file cannot be
   * read, hiding the error would only hide that its data is being ignored.
   */
  protect?: (code: string) => boolean;
}

/** What every suppression comment holds: a text without it has none. */
export const SUPPRESSION_MARKER = 'inspection-disable-';
const MARKER = SUPPRESSION_MARKER;
const DIRECTIVE_RE = /^(\s*)#\s*inspection-disable-(next-line|file)(?=\s|$)(.*)$/;

/** Finds every suppression directive of a YAML text. */
export function parseSuppressions(text: string): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  if (!text.includes(MARKER)) return out; // the common case costs one scan
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes(MARKER)) continue;
    const m = DIRECTIVE_RE.exec(line);
    if (!m) continue;
    const rest = m[3];
    const reasonAt = rest.search(/\s--(\s|$)/);
    const codeText = reasonAt < 0 ? rest : rest.slice(0, reasonAt);
    const codes = codeText.split(/[\s,，]+/).filter((c) => c.length > 0);
    const scope = m[2] as SuppressionScope;
    let target = -1;
    if (scope === 'next-line') {
      for (let j = i + 1; j < lines.length; j++) {
        const t = lines[j].trim();
        if (t === '' || t.startsWith('#')) continue;
        target = j;
        break;
      }
    }
    out.push({
      scope,
      line: i,
      target,
      codes,
      range: { start: { line: i, character: m[1].length }, end: { line: i, character: line.length } },
    });
  }
  return out;
}

const defaultProtect = (code: string): boolean => /^IR1\d/.test(code);

/** Splits diagnostics into those kept and those a directive silences; reports directives that silence nothing. */
export function applySuppressions<T extends Suppressible>(
  diagnostics: readonly T[],
  directives: readonly SuppressionDirective[],
  options: SuppressionOptions = {},
): SuppressionOutcome<T> {
  if (directives.length === 0) return { kept: [...diagnostics], suppressed: [], unused: [] };
  const protect = options.protect ?? defaultProtect;
  const used = directives.map(() => new Set<string>());
  const kept: T[] = [];
  const suppressed: T[] = [];
  for (const d of diagnostics) {
    const code = d.code === undefined ? '' : String(d.code);
    let silencedBy = -1;
    if (!protect(code)) {
      silencedBy = directives.findIndex(
        (s) => (s.scope === 'file' || s.target === d.range.start.line) && (s.codes.length === 0 || s.codes.some((c) => sameCode(c, code))),
      );
    }
    if (silencedBy < 0) {
      kept.push(d);
      continue;
    }
    suppressed.push(d);
    const s = directives[silencedBy];
    used[silencedBy].add(s.codes.length === 0 ? '*' : s.codes.find((c) => sameCode(c, code))!);
  }
  const unused: SuppressionOutcome<T>['unused'] = [];
  directives.forEach((s, i) => {
    if (s.codes.length === 0) {
      if (used[i].size === 0) unused.push({ directive: s, codes: [] });
      return;
    }
    const idle = s.codes.filter((c) => !used[i].has(c));
    if (idle.length > 0) unused.push({ directive: s, codes: idle });
  });
  return { kept, suppressed, unused };
}

/** Parses the directives of `text` and applies them: the one call the CLI needs. */
export function suppressDiagnostics<T extends Suppressible>(text: string, diagnostics: readonly T[], options?: SuppressionOptions): SuppressionOutcome<T> {
  return applySuppressions(diagnostics, parseSuppressions(text), options);
}

/** Codes are compared without regard to case (`w-v3` silences `W-V3`). */
function sameCode(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

/**
 * Silences `code` on `line` with `# inspection-disable-next-line`: adds the code to a directive
 * already aimed at that line, or inserts a new comment line above it at its indentation.
 */
export function suppressionEdit(text: string, line: number, code: string): { range: Range; newText: string } {
  const directive = parseSuppressions(text).find((d) => d.scope === 'next-line' && d.target === line && d.codes.length > 0);
  const lines = text.split(/\r?\n/);
  if (directive) {
    const comment = lines[directive.line];
    const reason = comment.search(/\s--(\s|$)/);
    const end = (reason < 0 ? comment.trimEnd() : comment.slice(0, reason).trimEnd()).length;
    return { range: { start: { line: directive.line, character: end }, end: { line: directive.line, character: end } }, newText: `, ${code}` };
  }
  const target = lines[line] ?? '';
  const indent = /^[ \t]*/.exec(target)![0];
  return {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${indent}# inspection-disable-next-line ${code}${text.includes('\r\n') ? '\r\n' : '\n'}`,
  };
}
