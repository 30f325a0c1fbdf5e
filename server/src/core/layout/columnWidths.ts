// Column widths of a name list sized from its content, the way browsers size an automatic table:
// each column has a narrowest width (its longest identifier, or the longest piece its text cannot
// break in) and a widest one (its longest text on one line); the table gets the widest widths when
// they fit, else the narrowest ones plus a share of the remaining room in proportion to what each
// column still lacks. Identifiers (网站标识码, 账号ID, URLs, 序号) therefore never break while long
// names and problem descriptions wrap. All widths are in ems of the table's font size.
import { lineCount, longestPieceEm, textWidthEm } from './textWidth';

/** One column as the layout sees it. */
export interface ColumnContent {
  header: string;
  cells: readonly string[];
  /** Identifiers and numbers: the column is as wide as its widest cell, never wrapping it. */
  unbreakable: boolean;
  /** A width given by the user (ems, padding included): taken as it is. */
  fixed?: number;
}

/** The narrowest and widest width of a column, text only (ems). */
export interface ColumnNeed {
  min: number;
  max: number;
  unbreakable: boolean;
  fixed?: number;
}

export interface LayoutOptions {
  /** Room a cell takes beside its text: left and right cell margins (ems). */
  padding: number;
  /** Texts up to this width (ems) are kept on one line: short headers, regions, platforms. */
  keepWhole: number;
  /** A column that wraps is never narrower than this (ems), so that it does not become a tower. */
  minWrapping: number;
}

/** What each column needs. */
export function columnNeeds(columns: readonly ColumnContent[], o: LayoutOptions): ColumnNeed[] {
  return columns.map((c) => {
    const texts = [c.header, ...c.cells];
    const max = Math.max(0, ...texts.map(textWidthEm));
    if (c.unbreakable) return { min: max, max, unbreakable: true, fixed: c.fixed };
    const whole = Math.max(0, ...texts.map((t) => textWidthEm(t)).filter((w) => w <= o.keepWhole));
    const pieces = Math.max(0, ...texts.map(longestPieceEm));
    const min = Math.min(max, Math.max(whole, pieces, o.minWrapping));
    return { min, max, unbreakable: false, fixed: c.fixed };
  });
}

/** Width steps of the search (ems), and the jumps tried at each step. */
const STEP = 0.25;
const JUMPS = [1, 2, 4, 8, 16, 32];

/**
 * Widths (ems, padding included) that share `available` among the columns. When the widest widths
 * fit, every text stays on one line and the spare room goes to the running-text columns. Otherwise
 * each column starts at its narrowest width and the room is handed out a step at a time to the
 * column whose widening saves the most lines over all rows (a row is as tall as its tallest cell);
 * what no column can use goes to the wrapping columns in proportion to what they still lack. When
 * even the narrowest widths do not fit, they are scaled down together (some text then breaks where
 * it should not).
 */
export function distributeWidths(columns: readonly ColumnContent[], needs: readonly ColumnNeed[], available: number, padding: number): number[] {
  const fixedTotal = needs.reduce((n, c) => n + (c.fixed ?? 0), 0);
  let room = Math.max(available - fixedTotal, 0);
  const free = needs.map((c, i) => ({ c, i })).filter(({ c }) => c.fixed === undefined);
  const widths = needs.map((c) => c.fixed ?? 0);
  const minSum = free.reduce((n, { c }) => n + c.min + padding, 0);
  const maxSum = free.reduce((n, { c }) => n + c.max + padding, 0);
  if (maxSum <= room) {
    const takers = free.filter(({ c }) => !c.unbreakable);
    const share = takers.length ? takers : free;
    const weight = share.reduce((n, { c }) => n + c.max + padding, 0);
    for (const { c, i } of free) widths[i] = c.max + padding;
    for (const { c, i } of share) widths[i] += weight > 0 ? ((room - maxSum) * (c.max + padding)) / weight : 0;
    return widths;
  }
  if (minSum > room) {
    for (const { c, i } of free) widths[i] = ((c.min + padding) * room) / minSum;
    return widths;
  }
  for (const { c, i } of free) widths[i] = c.min + padding;
  room -= minSum;
  const lines = new ColumnLines(columns, padding);
  const growing = free.filter(({ c }) => !c.unbreakable && c.max > c.min).map(({ i }) => i);
  const rowCount = columns[0]?.cells.length ?? 0;
  for (;;) {
    // each row's tallest cell, and the tallest cell of the other columns
    const current = widths.map((w, i) => lines.at(i, w));
    const top1 = new Array<number>(rowCount).fill(1);
    const top1Col = new Array<number>(rowCount).fill(-1);
    const top2 = new Array<number>(rowCount).fill(1);
    for (let i = 0; i < current.length; i++) {
      for (let r = 0; r < rowCount; r++) {
        const v = current[i][r];
        if (v > top1[r]) {
          top2[r] = top1[r];
          top1[r] = v;
          top1Col[r] = i;
        } else if (v > top2[r]) top2[r] = v;
      }
    }
    let best: { i: number; grow: number; rate: number } | undefined;
    for (const i of growing) {
      const limit = needs[i].max + padding - widths[i];
      for (const k of JUMPS) {
        const grow = Math.min(k * STEP, limit, room);
        if (grow <= 1e-9) break;
        const next = lines.at(i, widths[i] + grow);
        let gain = 0;
        for (let r = 0; r < rowCount; r++) gain += top1[r] - Math.max(top1Col[r] === i ? top2[r] : top1[r], next[r]);
        const rate = gain / grow;
        if (gain > 0 && (!best || rate > best.rate + 1e-9)) best = { i, grow, rate };
        if (grow < k * STEP) break;
      }
    }
    if (!best) break;
    widths[best.i] += best.grow;
    room -= best.grow;
  }
  // room no single column can turn into fewer lines: to the wrapping columns, by what they lack
  const takers = free.filter(({ c }) => !c.unbreakable).map(({ i }) => i);
  const lack = takers.map((i) => Math.max(needs[i].max + padding - widths[i], 0));
  const lackSum = lack.reduce((n, x) => n + x, 0);
  const weights = lackSum > 0 ? lack : takers.map((i) => widths[i]);
  const weightSum = weights.reduce((n, x) => n + x, 0);
  takers.forEach((i, j) => (widths[i] += weightSum > 0 ? (room * weights[j]) / weightSum : 0));
  return widths;
}

/** Lines of each cell of a column at a width, computed once per distinct text and width. */
class ColumnLines {
  private readonly cache = new Map<string, number[]>();
  private readonly distinct: { texts: string[]; index: number[] }[];

  constructor(
    columns: readonly ColumnContent[],
    private readonly padding: number,
  ) {
    this.distinct = columns.map((c) => {
      const seen = new Map<string, number>();
      const index = c.cells.map((t) => {
        let k = seen.get(t);
        if (k === undefined) seen.set(t, (k = seen.size));
        return k;
      });
      return { texts: [...seen.keys()], index };
    });
  }

  /** Lines per row of column `i` at width `w` (ems, padding included). */
  at(i: number, w: number): number[] {
    const key = `${i}:${w.toFixed(4)}`;
    let rows = this.cache.get(key);
    if (!rows) {
      const d = this.distinct[i];
      const perText = d.texts.map((t) => lineCount(t, w - this.padding));
      rows = d.index.map((k) => perText[k]);
      this.cache.set(key, rows);
    }
    return rows;
  }
}

/** Whether the narrowest widths of the columns fit in a width (ems): no identifier would break. */
export function fitsWidth(needs: readonly ColumnNeed[], available: number, padding: number): boolean {
  return needs.reduce((n, c) => n + (c.fixed ?? c.min + padding), 0) <= available + 1e-9;
}

/** Lines each row takes with the given column widths (ems, padding included). */
export function rowLines(rows: readonly (readonly string[])[], widths: readonly number[], padding: number): number[] {
  return rows.map((r) => Math.max(1, ...r.map((cell, i) => lineCount(cell, (widths[i] ?? 0) - padding))));
}
