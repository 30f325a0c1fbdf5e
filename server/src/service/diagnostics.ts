// The diagnostics of one checked document as LSP diagnostics: the core's diagnostics, minus those
// silenced by `# inspection-disable-…` comments, plus a hint on each comment that silences nothing
// (once the problem is fixed, a forgotten comment would otherwise hide the next one).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { CoreDiagnostic, Locale } from '../core/model';
import { applySuppressions, parseSuppressions } from '../core/actions/language';
import { serviceText } from './serviceText';
import type { StoredCheck } from './workspaceView';
import { SUPPRESSION_CODES } from '../core/codes';

/** `source` of every diagnostic: the tool, then the layer that found the problem. */
export function diagnosticSource(d: CoreDiagnostic): string {
  return `inspection-records(${d.source})`;
}

/** Code of the hint on a suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = SUPPRESSION_CODES.unused;

/**
 * A core diagnostic as LSP sends it (the core's shapes are LSP's; `data` travels for quick fixes). A
 * finding about the site carries `data.finding: true`, so that clients tell it from a data problem.
 */
export function toLspDiagnostic(d: CoreDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: d.range,
    severity: d.severity as DiagnosticSeverity,
    code: d.code,
    source: diagnosticSource(d),
    message: d.message,
  };
  if (d.finding) out.data = { ...(typeof d.data === 'object' && d.data !== null ? d.data : {}), finding: true };
  else if (d.data !== undefined) out.data = d.data;
  return out;
}

/** Whether an LSP diagnostic of ours is a finding about the site (see toLspDiagnostic). */
export function isLspFinding(d: Diagnostic): boolean {
  return (d.data as { finding?: unknown } | undefined)?.finding === true;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** How many diagnostics comments silenced. */
  suppressed: number;
}

/** LSP diagnostics of a checked document (its text gives the suppression comments), suppression applied. */
export function computeDiagnostics(check: StoredCheck, text: string, locale: Locale): ValidationResult {
  const directives = parseSuppressions(text);
  const { kept, suppressed, unused } = applySuppressions(check.diagnostics, directives);
  const diagnostics = kept.map(toLspDiagnostic);
  // A rule or registry code can only be called unused when rules and registry actually ran.
  const evaluated = (code: string): boolean =>
    /^IR/i.test(code) ? true : /^REG-/i.test(code) ? check.registry !== undefined : check.result !== undefined;
  for (const { directive, codes } of unused) {
    const idle = codes.length === 0 ? (check.result !== undefined ? [] : null) : codes.filter(evaluated);
    if (idle === null || (codes.length > 0 && idle.length === 0)) continue;
    diagnostics.push({
      range: directive.range,
      severity: DiagnosticSeverity.Hint,
      tags: [DiagnosticTag.Unnecessary],
      code: UNUSED_SUPPRESSION,
      source: 'inspection-records',
      message:
        idle.length === 0
          ? serviceText(locale, 'suppression.unusedAll')
          : serviceText(locale, 'suppression.unusedCodes', { codes: idle.join(', ') }),
      data: { unusedSuppression: { line: directive.line, codes: idle } },
    });
  }
  return { diagnostics, suppressed: suppressed.length };
}
