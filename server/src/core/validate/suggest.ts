// "Did you mean …": the candidates closest to a mistyped key or value. Inspectors mostly mistype by
// case (lastupdate), full-width characters, a dropped or extra character, or a shortened name (微信).
import booleanSpellings from './booleanSpellings.json';

/** Folds the differences that never matter: Unicode width, case, spaces, quotes and brackets. */
export function foldForComparison(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s"'“”‘’「」『』《》()（）【】[\]_-]/g, '');
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Up to `max` candidates close to `value`: equal once folded, else containing/contained, else a few edits away. */
export function suggest(value: string, candidates: readonly string[], max = 3): string[] {
  const v = foldForComparison(value);
  if (!v) return [];
  const folded = candidates.map((c) => ({ c, f: foldForComparison(c) }));
  const same = folded.filter((x) => x.f === v).map((x) => x.c);
  if (same.length) return same.slice(0, max);
  // one Chinese character already means something (省 → 省级); one Latin letter does not
  const meaningful = (s: string): boolean => s.length >= 2 || /[^\x00-\x7f]/.test(s);
  const contained = folded.filter((x) => x.f && (x.f.includes(v) || v.includes(x.f)) && meaningful(x.f) && meaningful(v));
  if (contained.length) return contained.map((x) => x.c).slice(0, max);
  // about one edit per four characters: "lastUpdat" → lastUpdate, but "name" does not become "note"
  const limit = Math.max(1, Math.floor(v.length / 4));
  return folded
    .map((x) => ({ c: x.c, d: editDistance(v, x.f, limit) }))
    .filter((x) => x.d <= limit && x.d < v.length)
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map((x) => x.c);
}

/** The boolean a yes/no word stands for (是/否, 有/无, yes/no …), or undefined. */
export function booleanFromWord(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const v = foldForComparison(value);
  if (booleanSpellings.true.includes(v)) return true;
  if (booleanSpellings.false.includes(v)) return false;
  return undefined;
}
