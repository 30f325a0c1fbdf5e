// Writes a value as YAML in the many ways a person or another tool might lay it out: block or flow
// collections, indented or flush sequences, 1–4 space indentation, plain, single- or double-quoted
// scalars (sometimes plain where quotes were needed), numbers, nulls and booleans in their other
// spellings, comments after values and on lines of their own at any indentation, blank lines,
// trailing spaces and CRLF. The text need not read back as the value: the differential tests only
// ask that the fast parser and `yaml` agree on it, or that the fast parser declines it.
import fc from 'fast-check';
import { Prng } from '../../../scripts/gen/prng';

/** The choices of one layout; per-node choices come from `seed`. */
export interface Layout {
  seed: number;
  indent: number;
  /** Sequences under a key written at the key's column (`key:\n- a`) rather than indented. */
  flushSequences: boolean;
  crlf: boolean;
  /** Chances (0–1) per node or line. */
  flow: number;
  comment: number;
  commentLine: number;
  blank: number;
  trailingSpace: number;
  oddScalar: number;
}

export const layoutArbitrary: fc.Arbitrary<Layout> = fc.record({
  seed: fc.integer(),
  indent: fc.integer({ min: 1, max: 4 }),
  flushSequences: fc.boolean(),
  crlf: fc.boolean(),
  flow: fc.constantFrom(0, 0.1, 0.3, 0.7),
  comment: fc.constantFrom(0, 0.1, 0.3),
  commentLine: fc.constantFrom(0, 0.05, 0.2),
  blank: fc.constantFrom(0, 0.05, 0.2),
  trailingSpace: fc.constantFrom(0, 0.1),
  oddScalar: fc.constantFrom(0, 0.05, 0.2),
});

const COMMENTS = ['# 备注', '#', '# note: a: b', '#未答复', '# - x', '# "quoted"', "# it's", '# {[ ]}', '#   '];
const SAFE_PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`~][^#:\n\r\t]*$/u;

/** The value as YAML text under a layout. */
export function writeYaml(value: unknown, layout: Layout): string {
  const rnd = new Prng(layout.seed, 'layout');
  const chance = (p: number): boolean => p > 0 && rnd.next() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd.next() * xs.length)];
  const lines: string[] = [];
  const pad = (n: number): string => ' '.repeat(n);

  const scalar = (v: unknown, inFlow: boolean): string => {
    if (v === null || v === undefined) return pick(['', '~', 'null', 'Null', 'NULL']);
    if (typeof v === 'boolean') return chance(layout.oddScalar) ? (v ? pick(['True', 'TRUE']) : pick(['False', 'FALSE'])) : String(v);
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return pick(['.nan', '.NaN', '.NAN']);
      if (!Number.isFinite(v)) return v > 0 ? pick(['.inf', '+.inf', '.Inf', '+.INF']) : pick(['-.inf', '-.Inf', '-.INF']);
      if (chance(layout.oddScalar)) {
        if (Number.isInteger(v) && v >= 0 && v < 2 ** 31) return pick([`0x${v.toString(16)}`, `0o${v.toString(8)}`, `+${v}`, `${v}.`, `${v}e0`, `0${v}`]);
        return pick([v.toExponential(), `${v}`]);
      }
      return String(v);
    }
    const s = String(v);
    if (chance(layout.oddScalar) && !/[\n\r]/.test(s)) return s; // plain whatever it holds
    const style = rnd.next();
    if (SAFE_PLAIN.test(s) && s.trim() === s && !(inFlow && /[,[\]{}]/.test(s)) && style < 0.6) return s;
    if (style < 0.8 && !/[\n\r]/.test(s) && !/[\u0000-\u001f\u007f-\u009f]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
    return JSON.stringify(s);
  };

  const flowText = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(flowText).join(pick([', ', ',', ' , ']))}${v.length && chance(0.1) ? ',' : ''}]`;
    if (v && typeof v === 'object') {
      const inner = Object.entries(v).map(([k, x]) => `${scalar(k, true)}: ${flowText(x)}`).join(pick([', ', ',']));
      return pick(['{ ', '{']) + inner + (inner ? pick([' }', '}']) : '}');
    }
    return scalar(v, true);
  };

  const isCollection = (v: unknown): v is object => typeof v === 'object' && v !== null;
  const isEmpty = (v: object): boolean => (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

  /** Ends a line: trailing spaces, a comment, then maybe comment and blank lines of their own. */
  const push = (line: string, near: number): void => {
    let out = line;
    if (chance(layout.comment)) out += `${pad(1 + Math.floor(rnd.next() * 3))}${pick(COMMENTS)}`;
    if (chance(layout.trailingSpace)) out += pad(1 + Math.floor(rnd.next() * 3));
    lines.push(out);
    while (chance(layout.commentLine)) lines.push(`${pad(Math.max(0, near + Math.floor(rnd.next() * 7) - 3))}${pick(COMMENTS)}`);
    while (chance(layout.blank)) lines.push(chance(0.3) ? pad(Math.floor(rnd.next() * 6)) : '');
  };

  /** Writes `v` as the value after `head` (a key with its colon, or a sequence dash), at column `col`. */
  const entry = (head: string, v: unknown, col: number): void => {
    if (!isCollection(v) || isEmpty(v) || chance(layout.flow)) {
      const text = isCollection(v) ? flowText(v) : scalar(v, false);
      push(`${pad(col)}${head}${text === '' ? '' : ` ${text}`}`, col);
      return;
    }
    push(`${pad(col)}${head}`, col);
    const inner = Array.isArray(v) && layout.flushSequences && head.endsWith(':') ? col : col + layout.indent;
    block(v, inner);
  };

  const block = (v: object, col: number): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (isCollection(item) && !Array.isArray(item) && !isEmpty(item) && !chance(layout.flow) && chance(0.7)) {
          // `- key: value` with the other keys under the first
          const entries = Object.entries(item);
          const [k0, v0] = entries[0];
          const keyCol = col + 1 + Math.max(1, layout.indent - 1);
          entryAfterDash(`${scalar(k0, false)}:`, v0, col, keyCol);
          for (const [k, x] of entries.slice(1)) entry(`${scalar(k, false)}:`, x, keyCol);
        } else {
          entry('-', item, col);
        }
      }
    } else {
      for (const [k, x] of Object.entries(v)) entry(`${scalar(k, false)}:`, x, col);
    }
  };

  /** The first entry of a mapping written on its sequence item's line. */
  const entryAfterDash = (head: string, v: unknown, dashCol: number, keyCol: number): void => {
    const prefix = `${pad(dashCol)}-${pad(keyCol - dashCol - 1)}`;
    if (!isCollection(v) || isEmpty(v) || chance(layout.flow)) {
      const text = isCollection(v) ? flowText(v) : scalar(v, false);
      push(`${prefix}${head}${text === '' ? '' : ` ${text}`}`, keyCol);
      return;
    }
    push(`${prefix}${head}`, keyCol);
    const inner = Array.isArray(v) && layout.flushSequences ? keyCol : keyCol + layout.indent;
    block(v, inner);
  };

  while (chance(layout.commentLine)) lines.push(pick(COMMENTS));
  if (isCollection(value) && !isEmpty(value)) block(value, 0);
  else lines.push(isCollection(value) ? flowText(value) : scalar(value, false));
  const text = `${lines.join('\n')}\n`;
  return layout.crlf ? text.replace(/\n/g, '\r\n') : text;
}
