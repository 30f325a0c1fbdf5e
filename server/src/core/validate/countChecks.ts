// Counts that contradict each other (more failed probes than probes, more broken links than links,
// more answers than messages): impossible facts, reported on the part that is too large.
import type { CoreDiagnostic, FileKind } from '../model';
import { t } from './messages';
import { diag, label, mappingsAt, type SchemaContext } from './messageParts';

/** Stable code of contradictory counts. */
export const COUNT_CODES = { exceeds: 'IR2113' } as const;

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
      if (typeof part !== 'number' || typeof whole !== 'number' || part <= whole) continue;
      const message = t(ctx.locale, 'count.exceeds', {
        part: label(ctx, [...path, rule.part]),
        partValue: part,
        whole: label(ctx, [...path, rule.whole]),
        wholeValue: whole,
      });
      out.push(diag(ctx, [...path, rule.part], 'value', COUNT_CODES.exceeds, message));
    }
  }
  return out;
}
