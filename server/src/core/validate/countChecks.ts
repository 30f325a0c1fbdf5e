// Counts that contradict each other (more failed probes than probes, more broken links than links,
// more answers than messages): impossible facts, reported on the part that is too large.
import type { CoreDiagnostic, FileKind, NodePath } from '../model';
import { t } from './messages';
import { diag, label, mappingsAt, renderValue, type SchemaContext } from './messageParts';
import { SCHEMA_CODES } from '../codes';

/** Pairs of counts where `part` counts a subset of `whole`; `*` stands for every list item. */
const COUNT_LIMITS: ReadonlyArray<{ kind: FileKind; container: ReadonlyArray<string>; part: string; whole: string }> = [
  { kind: 'website', container: ['availability'], part: 'failures', whole: 'probes' },
  { kind: 'website', container: ['interaction', 'columns', '*', 'counts'], part: 'answered', whole: 'received' },
  { kind: 'website', container: ['interaction', 'columns', '*', 'counts'], part: 'overdue', whole: 'received' },
  { kind: 'media', container: ['serviceMenu'], part: 'broken', whole: 'links' },
];

/** Diagnostics for counts larger than the total they are part of. */
export function countDiagnostics(ctx: SchemaContext, kind: FileKind): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  for (const rule of COUNT_LIMITS) {
    if (rule.kind !== kind) continue;
    for (const { path, node } of mappingsAt(ctx.parsed.value, rule.container)) {
      const part = node[rule.part];
      const whole = node[rule.whole];
      // NaN and infinities (.nan, .inf, 1e400) are wrong on their own and compare to nothing
      if (typeof part !== 'number' || typeof whole !== 'number' || !Number.isFinite(part) || !Number.isFinite(whole) || part <= whole) continue;
      const message = t(ctx.locale, 'count.exceeds', {
        part: label(ctx, [...path, rule.part]),
        partValue: part,
        whole: label(ctx, [...path, rule.whole]),
        wholeValue: whole,
      });
      out.push(diag(ctx, [...path, rule.part], 'value', SCHEMA_CODES.exceeds, message));
    }
  }
  return out;
}

/** Errors for numbers YAML reads as NaN or infinite (`.nan`, `.inf`, `1e400`): no count or score can use them. */
export function nonFiniteDiagnostics(ctx: SchemaContext): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  // explicit stack: a hostile document may nest deeply
  const stack: { value: unknown; path: NodePath }[] = [{ value: ctx.parsed.value, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      const message = t(ctx.locale, 'count.notFinite', { label: label(ctx, path), value: renderValue(value, ctx.locale) });
      out.push(diag(ctx, path, 'value', SCHEMA_CODES.notFinite, message));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
    }
  }
  return out;
}
