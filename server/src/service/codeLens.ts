// A code lens above each record: its verdict (合格 / 不合格 and the vetoes hit / 无法判定 and why),
// its score when the profile scores it, and how it stands against the registry.
import type { CodeLens } from 'vscode-languageserver';
import type { Range } from '../core/model';
import { documentKind, type DocumentContext } from './documentContext';
import { rowHeading } from './hover';
import { ruleName, ruleOf } from './profileRules';
import { serviceText } from './serviceText';

/** Code lenses of a record (none for other files or records that could not be evaluated). */
export function getCodeLenses(ctx: DocumentContext): CodeLens[] {
  const kind = documentKind(ctx);
  if (kind !== 'website' && kind !== 'media') return [];
  const { result, registry } = ctx.check;
  const range = lensRange(ctx);
  const { locale } = ctx;
  const lenses: CodeLens[] = [];
  if (result) {
    let title: string;
    if (result.verdict === 'fail') {
      const profile = ctx.workspace?.profile();
      const decisive = result.hits.filter((h) => h.kind === 'veto');
      const names = [...new Set(decisive.map((h) => h.ruleId))].map((id) => {
        const rule = ruleOf(profile, id);
        return rule ? `${id} ${ruleName(rule, locale)}` : id;
      });
      title = names.length > 0 ? serviceText(locale, 'lens.failWith', { rules: names.join(serviceText(locale, 'list.separator')) }) : serviceText(locale, 'lens.fail');
    } else if (result.verdict === 'pass') {
      title = serviceText(locale, 'lens.pass');
    } else {
      title = result.reasons.length > 0
        ? serviceText(locale, 'lens.undeterminedWhy', { reason: result.reasons[0] })
        : serviceText(locale, 'lens.undetermined');
    }
    lenses.push({ range, command: { title, command: '' } });
    if (result.score !== null) lenses.push({ range, command: { title: serviceText(locale, 'lens.score', { score: result.score }), command: '' } });
  }
  if (registry && registry.status !== 'not-applicable') {
    const status = serviceText(locale, `registryStatus.${registry.status}`);
    const title = registry.row
      ? serviceText(locale, 'lens.registryRow', { status, where: rowHeading(registry.row, locale) })
      : serviceText(locale, 'lens.registry', { status });
    lenses.push({ range, command: { title, command: '' } });
  }
  return lenses;
}

/** The first line of the record: where its `kind` (else its first key) is written. */
function lensRange(ctx: DocumentContext): Range {
  const { parsed } = ctx.check;
  const pair = parsed.pairAt(['kind']);
  const key = pair?.key as { range?: [number, number, number] } | undefined;
  if (key?.range) return parsed.rangeAt(key.range[0], key.range[1]);
  return parsed.rangeOf([]);
}
