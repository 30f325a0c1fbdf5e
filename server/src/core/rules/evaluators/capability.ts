// Capability: a yes/no fact must have the expected value (services provided; no commercial links).
// When the profile names evidence items, the listed items must include one that counts: a site
// whose only interaction columns are 网上信访 or 纪检举报 has no consultation channel (W-V5).
import { displayValue } from '../../l10n';
import { isPresent, pathText, readField } from '../facts';
import { t, text } from '../messages';
import { missingOutcome, type ConditionOutcome, type EvalContext, type MissingFact } from './context';
import { selectItems } from './count';
import { testAll } from '../predicates';

/** Evaluates a capability condition. */
export function evaluateCapability(ctx: EvalContext): ConditionOutcome {
  const c = ctx.condition;
  const expected = c.expected ?? true;
  const fact = readField(ctx.record, [], c.fact as string);
  const label = text(ctx.locale, c.label);
  const factText = pathText(fact.path);
  const evidence = { fact: factText, expected, value: isPresent(fact.value) ? (fact.value as boolean) : null };

  if (isPresent(fact.value) && typeof fact.value !== 'boolean')
    return {
      status: 'undetermined',
      path: fact.path,
      evidence,
      missing: [{ path: fact.path, message: t(ctx.locale, 'fact.notBoolean', { path: factText, value: displayValue(fact.value) }) }],
    };
  if (fact.value === !expected) {
    const key = expected ? 'capability.absent' : 'capability.prohibited';
    return {
      status: 'hit',
      path: fact.path,
      message: t(ctx.locale, key, { label, fact: factText, value: displayValue(fact.value) }),
      remedy: t(ctx.locale, expected ? 'remedy.capability' : 'remedy.prohibited', { label, fact: factText, expected: String(expected) }),
      evidence,
      occurrences: 1,
    };
  }

  // evidence items (only meaningful for a capability that must be present)
  if (c.evidence && expected) {
    const sel = selectItems(ctx, c.evidence.select);
    if (sel.notList) return { status: 'undetermined', path: sel.notList.path, evidence, missing: [sel.notList] };
    const listed = [...sel.items, ...sel.unknown.map((u) => u.item)];
    if (listed.length > 0) {
      const counting = sel.items.filter((i) => testAll(ctx, c.evidence!.where, i.value, i.path).value === true);
      if (counting.length === 0) {
        const undecided = sel.items.filter((i) => testAll(ctx, c.evidence!.where, i.value, i.path).value === 'unknown');
        if (undecided.length || sel.unknown.length) {
          const missing = sel.unknown.map((u) => u.missing);
          return { status: 'undetermined', path: listed[0].path, evidence, missing: missing.length ? missing : [{ path: listed[0].path, message: t(ctx.locale, 'fact.missing', { path: pathText(listed[0].path) }) }] };
        }
        const names = listed.map((i) => nameOf(i.value) ?? pathText(i.path)).join(t(ctx.locale, 'list.separator'));
        const listPath = c.evidence.select[0].path.split('.');
        return {
          status: 'hit',
          path: listPath,
          message: t(ctx.locale, 'capability.excludedOnly', { label, n: listed.length, items: names }),
          remedy: t(ctx.locale, 'remedy.capability', { label, fact: factText, expected: 'true' }),
          evidence: { ...evidence, listed: listed.length, items: names },
          occurrences: 1,
        };
      }
      return { status: 'clear', path: fact.path, evidence };
    }
  }
  if (fact.value === expected) return { status: 'clear', path: fact.path, evidence };
  return missingOutcome(ctx, [{ path: fact.path, message: t(ctx.locale, 'fact.missing', { path: factText }) } as MissingFact], evidence);
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  return undefined;
}
