// Match: the record's facts meet every test of `where` (a site code of the wrong shape, a domain
// outside .gov.cn, a township that runs a portal). The simplest evaluator: the tests are the rule.
import { displayValue } from '../../l10n';
import { pathText, readField } from '../facts';
import { t, text } from '../messages';
import { testAll } from '../predicates';
import type { ConditionOutcome, EvalContext, MissingFact } from './context';

/** Evaluates a match condition. */
export function evaluateMatch(ctx: EvalContext): ConditionOutcome {
  const c = ctx.condition;
  const tests = c.where ?? [];
  const r = testAll(ctx, tests, ctx.record, []);
  const first = tests.length ? readField(ctx.record, [], tests[0].field) : { path: [], value: undefined };
  const evidence = Object.fromEntries(
    tests.map((p) => {
      const v = readField(ctx.record, [], p.field).value;
      return [p.field, typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null];
    }),
  );
  if (r.value === 'unknown') return { status: 'undetermined', path: (r.missing as MissingFact).path, evidence, missing: [r.missing as MissingFact] };
  if (r.value === false) return { status: 'clear', path: first.path, evidence };
  const label = text(ctx.locale, c.label);
  const facts = tests.map((p) => {
    const f = readField(ctx.record, [], p.field);
    return t(ctx.locale, 'match.fact', { path: pathText(f.path), value: f.value === undefined ? '' : displayValue(f.value) });
  });
  return {
    status: 'hit',
    path: first.path,
    message: t(ctx.locale, 'match.hit', { label, facts: facts.join(t(ctx.locale, 'list.separator')) }),
    remedy: t(ctx.locale, 'remedy.match', { label, fields: tests.map((p) => p.field).join(t(ctx.locale, 'list.separator')) }),
    evidence,
    occurrences: 1,
  };
}
