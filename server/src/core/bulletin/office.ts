// Figures the records cannot hold, declared by the office in campaign.yaml (messages of “我为政府网站
// 找错” and their 办结率, publishing volumes, errors found per region …): rates computed from them
// like every rate of the bulletin, and tables printed row by row with their sum held against the
// total the office states.
import type { OfficeResult } from './bulletinModel';
import { fill } from './fill';
import { grammarOf, listOf } from './phrase';
import { percent } from './rounding';
import { forKind, type BulletinSettings } from './settings';

function numberOf(v: number | string | undefined): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** The office's figures, rates and tables, printed. */
export function buildOffice(s: BulletinSettings): OfficeResult {
  const figures = { ...s.office.figures };
  const rates: OfficeResult['rates'] = {};
  for (const [key, r] of Object.entries(s.office.rates)) {
    const num = numberOf(figures[r.of]);
    const den = numberOf(figures[r.over]);
    const decimals = r.decimals ?? forKind(s.precision.share, 'website');
    rates[key] = num !== null && den !== null && den > 0 ? percent(num, den, { decimals, rounding: s.rounding, wholeBare: s.wholeBare, never100: s.never100 }) : null;
  }
  const g = grammarOf(s);
  const tables: OfficeResult['tables'] = {};
  for (const [key, t] of Object.entries(s.office.tables)) {
    const total = t.rows.reduce((n, r) => n + r.value, 0);
    const texts = t.rows.map((r) => fill(t.phrase, { label: r.label, value: r.value }));
    const join = t.join ?? s.names.join;
    tables[key] = { text: listOf(g, texts, { join, last: t.last ?? join, runQuoted: false }), total, stated: t.total ?? null, rows: t.rows };
  }
  return { figures, rates, tables };
}
