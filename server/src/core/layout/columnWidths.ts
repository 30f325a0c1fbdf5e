// Column widths of a name list sized from its content: each column has a narrowest width (its
// longest identifier, or the longest piece its text cannot break in) and a widest one (its longest
// text on one line); the table gets the widest widths when they fit, else the narrowest ones and the
// remaining room where it saves the most printed lines (WidthSearch). Identifiers (网站标识码,
// 账号ID, URLs, 序号) therefore never break while long names and problem descriptions wrap. All
// widths are in ems of the table's font size.
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
    const max = Math.max(0, ...texts.map((t) => textWidthEm(t)));
    if (c.unbreakable) return { min: max, max, unbreakable: true, fixed: c.fixed };
    const whole = Math.max(0, ...texts.map((t) => textWidthEm(t)).filter((w) => w <= o.keepWhole));
    const pieces = Math.max(0, ...texts.map(longestPieceEm));
    const min = Math.min(max, Math.max(whole, pieces, o.minWrapping));
    return { min, max, unbreakable: false, fixed: c.fixed };
  });
}

/** Width steps of the search (ems), the jumps tried at each step, and how many joint moves. */
const STEP = 0.25;
const JUMPS = [1, 2, 4, 8, 16, 32];
const PLATEAU_MOVES = 20;
const EXCHANGE_ROUNDS = 20;
/** Long lists are searched on evenly spread rows: the widths that suit them suit the rest. */
const SEARCH_ROWS = 300;

/** The columns with every `k`-th row only, when there are more rows than the search needs. */
function searchSample(columns: readonly ColumnContent[]): readonly ColumnContent[] {
  const n = columns[0]?.cells.length ?? 0;
  if (n <= SEARCH_ROWS) return columns;
  const step = n / SEARCH_ROWS;
  const pick = Array.from({ length: SEARCH_ROWS }, (_, j) => Math.floor(j * step));
  return columns.map((c) => ({ ...c, cells: pick.map((r) => c.cells[r]) }));
}

function sum(move: ReadonlyMap<number, number>): number {
  return [...move.values()].reduce((n, g) => n + g, 0);
}

/** The smallest growth (a multiple of STEP, at most `limit`) that sets a text in `target` lines. */
function growthFor(text: string, width: number, limit: number, target: number, padding: number): number | undefined {
  for (let g = STEP; g <= limit + 1e-9; g += STEP) if (lineCount(text, width + g - padding) <= target) return g;
  return undefined;
}

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
  const search = new WidthSearch(searchSample(columns), needs, widths, padding, free.filter(({ c }) => !c.unbreakable && c.max > c.min).map(({ i }) => i));
  room = search.grow(room);
  search.exchange();
  // room no single column can turn into fewer lines: to the wrapping columns, by what they lack
  const takers = free.filter(({ c }) => !c.unbreakable).map(({ i }) => i);
  const lack = takers.map((i) => Math.max(needs[i].max + padding - widths[i], 0));
  const lackSum = lack.reduce((n, x) => n + x, 0);
  const weights = lackSum > 0 ? lack : takers.map((i) => widths[i]);
  const weightSum = weights.reduce((n, x) => n + x, 0);
  takers.forEach((i, j) => (widths[i] += weightSum > 0 ? (room * weights[j]) / weightSum : 0));
  return widths;
}

/**
 * The search for widths that set the rows in the fewest lines (a row is as tall as its tallest cell):
 * first the room is handed out a step at a time to the move that saves the most lines per em, then
 * width is traded from one column to others while that saves lines.
 */
class WidthSearch {
  private readonly lines: ColumnLines;
  private readonly rowCount: number;

  constructor(
    private readonly columns: readonly ColumnContent[],
    private readonly needs: readonly ColumnNeed[],
    /** The widths being searched (changed in place). */
    private readonly widths: number[],
    private readonly padding: number,
    /** Columns that may change width. */
    private readonly growing: readonly number[],
  ) {
    this.lines = new ColumnLines(columns, padding);
    this.rowCount = columns[0]?.cells.length ?? 0;
  }

  private limit(i: number): number {
    return this.needs[i].max + this.padding - this.widths[i];
  }

  /** Each row's height in lines with the widths changed by `change` (column → ems). */
  private heights(change?: ReadonlyMap<number, number>): number[] {
    const cols = this.widths.map((w, i) => this.lines.at(i, w + (change?.get(i) ?? 0)));
    const h = new Array<number>(this.rowCount).fill(1);
    for (const c of cols) for (let r = 0; r < this.rowCount; r++) if (c[r] > h[r]) h[r] = c[r];
    return h;
  }

  private total(change?: ReadonlyMap<number, number>): number {
    return this.heights(change).reduce((n, x) => n + x, 0);
  }

  /** Moves that lower a row by a line by widening every cell that holds it, the cheapest first. */
  private rowMoves(): Map<number, number>[] {
    const current = this.widths.map((w, i) => this.lines.at(i, w));
    const heights = this.heights();
    const moves = new Map<string, Map<number, number>>();
    for (let r = 0; r < this.rowCount && moves.size < 2 * PLATEAU_MOVES; r++) {
      if (heights[r] <= 1) continue;
      const move = new Map<number, number>();
      for (let i = 0; i < current.length; i++) {
        if (current[i][r] < heights[r]) continue;
        const grow = this.growing.includes(i) ? growthFor(this.columns[i].cells[r], this.widths[i], this.limit(i), heights[r] - 1, this.padding) : undefined;
        if (grow === undefined) {
          move.clear();
          break;
        }
        move.set(i, grow);
      }
      if (move.size) moves.set([...move].map(([i, g]) => `${i}:${g}`).join(','), move);
    }
    return [...moves.values()].sort((x, y) => sum(x) - sum(y)).slice(0, PLATEAU_MOVES);
  }

  private apply(change: ReadonlyMap<number, number>): void {
    for (const [i, g] of change) this.widths[i] += g;
  }

  /** Hands out `room` while it saves lines; returns what is left. */
  grow(room: number): number {
    for (;;) {
      const before = this.total();
      let best: { move: Map<number, number>; grow: number; rate: number } | undefined;
      const consider = (move: Map<number, number>) => {
        const grow = sum(move);
        if (grow <= 1e-9 || grow > room + 1e-9) return;
        const gain = before - this.total(move);
        const rate = gain / grow;
        if (gain > 0 && (!best || rate > best.rate + 1e-9)) best = { move, grow, rate };
      };
      for (const i of this.growing) {
        for (const k of JUMPS) {
          const grow = Math.min(k * STEP, this.limit(i), room);
          if (grow <= 1e-9) break;
          consider(new Map([[i, grow]]));
          if (grow < k * STEP) break;
        }
      }
      // no column saves a line alone when a row is held up by two cells: widen them together
      if (!best) for (const move of this.rowMoves()) consider(move);
      if (!best) return room;
      this.apply(best.move);
      room -= best.grow;
    }
  }

  /** Trades width from one column to the cells that hold rows up, while that saves lines. */
  exchange(): void {
    for (let round = 0; round < EXCHANGE_ROUNDS; round++) {
      const before = this.total();
      let best: { change: Map<number, number>; gain: number } | undefined;
      for (const move of this.rowMoves()) {
        const grow = sum(move);
        for (const d of this.growing) {
          if (move.has(d) || this.widths[d] - grow < this.needs[d].min + this.padding - 1e-9) continue;
          const change = new Map(move).set(d, -grow);
          const gain = before - this.total(change);
          if (gain > 0 && (!best || gain > best.gain)) best = { change, gain };
        }
      }
      if (!best) return;
      this.apply(best.change);
    }
  }
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
