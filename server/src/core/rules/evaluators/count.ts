// Count: how many selected items meet a condition (or the sum of a numeric field over them, or a
// recorded number) against a threshold. E.g. W-V4: stale news/notice/policy columns ≥ 5; blank
// columns ≥ 5; W-V5: consultation messages unanswered for more than 3 months ≥ 1.
import type { NodePath } from '../../model';
import { commonAncestor, isPresent, pathText, readField } from '../facts';
import { t, text } from '../messages';
import { testAll, type PredicateResult } from '../predicates';
import type { CountThreshold, Predicate, SelectStep } from '../profileTypes';
import { missingOutcome, type ConditionOutcome, type EvalContext, type MissingFact } from './context';
import { countReaches, largestClearCount, readNumber } from './numbers';

interface Item {
  value: unknown;
  path: NodePath;
  /** Enclosing items, outermost first (a message's column). */
  ancestors: unknown[];
}

interface Selection {
  items: Item[];
  /** Items whose membership could not be decided. */
  unknown: { item: Item; missing: MissingFact }[];
  notList?: MissingFact;
}

/** Walks the select steps: each step reads a list below the previous items and filters it. */
export function selectItems(ctx: EvalContext, steps: SelectStep[]): Selection {
  let frontier: Item[] = [{ value: ctx.record, path: [], ancestors: [] }];
  const unknown: Selection['unknown'] = [];
  for (const step of steps) {
    const next: Item[] = [];
    for (const parent of frontier) {
      const { path, value } = readField(parent.value, parent.path, step.path);
      if (!isPresent(value)) continue;
      if (!Array.isArray(value)) return { items: [], unknown, notList: { path, message: t(ctx.locale, 'fact.notList', { path: pathText(path) }) } };
      const ancestors = parent.path.length ? [...parent.ancestors, parent.value] : [];
      value.forEach((v, i) => {
        const item = { value: v, path: [...path, i], ancestors };
        const r = testAll(ctx, step.where, v, item.path);
        if (r.value === true) next.push(item);
        else if (r.value === 'unknown') unknown.push({ item, missing: r.missing as MissingFact });
      });
    }
    frontier = next;
  }
  return { items: frontier, unknown };
}

/** Evaluates a count condition. */
export function evaluateCount(ctx: EvalContext): ConditionOutcome {
  const c = ctx.condition;
  const th = c.threshold as CountThreshold;
  // message arguments, built only for a hit or an undecided count (most evaluations are clear)
  const base = () => ({
    label: text(ctx.locale, c.label),
    limit: th.value,
    unit: c.unit ? text(ctx.locale, c.unit) : t(ctx.locale, 'unit.default'),
    cmp: t(ctx.locale, th.inclusive ? 'cmp.reach' : 'cmp.exceed'),
    largest: largestClearCount(th),
  });
  const evidence = { threshold: th.value, inclusive: th.inclusive };

  // a recorded number (e.g. serviceMenu.broken)
  if (c.fact) {
    const r = readNumber(ctx, ctx.record, [], c.fact);
    if (r.absent) return missingOutcome(ctx, [r.missing as MissingFact], evidence);
    if (r.missing) return { status: 'undetermined', path: r.path, evidence, missing: [r.missing] };
    const n = r.value as number;
    const full = { ...evidence, count: n };
    if (!countReaches(n, th)) return { status: 'clear', path: r.path, evidence: full };
    const args = { ...base(), count: n, path: pathText(r.path) };
    return {
      status: 'hit',
      path: r.path,
      message: t(ctx.locale, 'count.fact', args),
      remedy: t(ctx.locale, args.largest > 0 ? 'remedy.count' : 'remedy.countNone', args),
      evidence: full,
      occurrences: n,
    };
  }

  const sel = selectItems(ctx, c.select ?? []);
  if (sel.notList) return { status: 'undetermined', path: sel.notList.path, evidence, missing: [sel.notList] };
  const unknown = [...sel.unknown];
  const counted: { item: Item; details: string[]; amount: number }[] = [];

  for (const item of sel.items) {
    if (c.sum) {
      const r = readNumber(ctx, item.value, item.path, c.sum);
      if (r.absent) continue; // nothing recorded for this item
      if (r.missing) unknown.push({ item, missing: r.missing });
      else if ((r.value as number) > 0) counted.push({ item, details: [String(r.value)], amount: r.value as number });
      continue;
    }
    const r = anyGroup(ctx, c.count, item);
    if (r.value === true) counted.push({ item, details: r.details, amount: 1 });
    else if (r.value === 'unknown') unknown.push({ item, missing: r.missing as MissingFact });
  }

  const total = counted.reduce((s, x) => s + x.amount, 0);
  const listPath = listPathOf(c.select ?? []);
  const items = counted.map((x) => describe(ctx, x.item, x.details)).join(counted.length > 1 ? t(ctx.locale, 'list.separator') : '');
  const full = { ...evidence, count: total, items, unknown: unknown.length };
  if (countReaches(total, th)) {
    const paths = counted.map((x) => x.item.path);
    const args = { ...base(), count: total, items };
    return {
      status: 'hit',
      path: paths.length === 1 ? paths[0] : commonAncestor(paths),
      message: t(ctx.locale, 'count.hit', args),
      remedy: t(ctx.locale, args.largest > 0 ? 'remedy.count' : 'remedy.countNone', args),
      evidence: full,
      occurrences: total,
    };
  }
  // unknown items could still reach the threshold: for a sum any unknown might; for a count each adds one
  const couldReach = c.sum ? unknown.length > 0 : countReaches(total + unknown.length, th);
  if (couldReach) {
    const summary: MissingFact = {
      path: unknown[0].item.path,
      message: t(ctx.locale, 'count.undetermined', { ...base(), count: total, unknown: unknown.length }),
    };
    return { status: 'undetermined', path: summary.path, evidence: full, missing: [summary, ...unknown.map((u) => u.missing)] };
  }
  return { status: 'clear', path: listPath, evidence: full };
}

/** An item counts when any group's predicates all hold (three-valued OR of ANDs); no groups: every item counts. */
function anyGroup(ctx: EvalContext, groups: { where: Predicate[] }[] | undefined, item: Item): PredicateResult & { details: string[] } {
  if (!groups || groups.length === 0) return { value: true, details: [] };
  let unknown: (PredicateResult & { details: string[] }) | undefined;
  for (const g of groups) {
    const r = testAll(ctx, g.where, item.value, item.path);
    if (r.value === true) return r;
    if (r.value === 'unknown') unknown ??= r;
  }
  return unknown ?? { value: false, details: [] };
}

/** An item's name for messages: its own `name`, else its nearest ancestor's, with the deciding details. */
function describe(ctx: EvalContext, item: Item, details: string[]): string {
  const own = nameOf(item.value);
  const name = own ?? [...item.ancestors].reverse().map(nameOf).find((n) => n !== undefined) ?? pathText(item.path);
  return details.length ? t(ctx.locale, 'item.withDetails', { name, details: details.join(t(ctx.locale, 'list.detailSeparator')) }) : name;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'object' && v !== null && 'name' in v) {
    const n = (v as { name: unknown }).name;
    if (typeof n === 'string' && n) return n;
  }
  return undefined;
}

/** The record path of the first select step's list (where a hit on several items is shown). */
function listPathOf(steps: SelectStep[]): NodePath {
  return steps.length ? steps[0].path.split('.') : [];
}
