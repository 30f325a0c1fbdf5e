// What a benchmark returns: named figures with units, or the reason it was skipped. bench/main.ts
// prints them as tables; --json writes them for BENCHMARKS.md.

export interface Figure {
  /** Stable key, e.g. `validate.p95`. */
  key: string;
  label: string;
  value: number;
  unit: 'ms' | 'µs' | 's' | 'MiB' | 'count' | 'ratio' | 'records/s' | '%';
  note?: string;
}

export type BenchResult = { name: string; title: string; figures: Figure[]; notes?: string[] } | { name: string; title: string; skipped: string };

/** A number as printed in tables: 3 significant digits, no exponent. */
export function formatValue(f: Figure): string {
  const v = f.value;
  if (!Number.isFinite(v)) return '—';
  if (f.unit === '%') return `${v.toFixed(1)} %`;
  const text = f.unit === 'count' ? String(Math.round(v)) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return f.unit === 'count' || f.unit === 'ratio' ? (f.unit === 'ratio' ? `${text}×` : text) : `${text} ${f.unit}`;
}

const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** A plain-text table of a result's figures. */
export function formatResult(r: BenchResult): string {
  const head = `## ${r.title}`;
  if ('skipped' in r) return `${head}\nskipped: ${r.skipped}\n`;
  const rows = r.figures.map((f) => [f.label, formatValue(f), f.note ?? '']);
  const w0 = Math.max(...rows.map((x) => width(x[0])), 6);
  const w1 = Math.max(...rows.map((x) => width(x[1])), 6);
  const lines = rows.map(([a, b, c]) => `  ${pad(a, w0)}  ${' '.repeat(Math.max(0, w1 - width(b)))}${b}  ${c}`.trimEnd());
  return [head, ...lines, ...(r.notes ?? []).map((n) => `  · ${n}`), ''].join('\n');
}
