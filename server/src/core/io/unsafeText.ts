// Characters that must not travel from a record into what people open: control characters (invalid
// in the XML of .docx/.xlsx, escape sequences in a terminal), bidirectional overrides such as U+202E
// (they make a name read differently from what it is) and lone surrogate halves. The classes are
// data (unsafeCharacters.json); outputs show the escaped ones as visible `[U+202E]` notation.
import data from './unsafeCharacters.json';

export type UnsafeClass = 'control' | 'bidi' | 'invisible';

/** One unsafe character of a text: its UTF-16 index, code point (or lone surrogate) and class. */
export interface UnsafeChar {
  index: number;
  code: number;
  kind: UnsafeClass;
}

interface ClassData {
  key: string;
  escaped: boolean;
  ranges: string[][];
}

const CLASSES = (data.classes as ClassData[]).map((c) => ({
  kind: c.key as UnsafeClass,
  escaped: c.escaped,
  ranges: c.ranges.map(([from, to]) => [parseInt(from, 16), parseInt(to, 16)] as const),
}));

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
const charClass = (escapedOnly: boolean): string =>
  CLASSES.filter((c) => c.escaped || !escapedOnly)
    .flatMap((c) => c.ranges.map(([a, b]) => (a === b ? `\\u${hex(a)}` : `\\u${hex(a)}-\\u${hex(b)}`)))
    .join('');
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const ANY_UNSAFE = new RegExp(`[${charClass(false)}]|${LONE_SURROGATE}`, 'g');
const ESCAPED_UNSAFE = new RegExp(`[${charClass(true)}]|${LONE_SURROGATE}`, 'g');
// a terminal also moves the cursor back on a carriage return, hiding what came before it
const TERMINAL_UNSAFE = new RegExp(`[\\r${charClass(true)}]|${LONE_SURROGATE}`, 'g');

function classOf(code: number): UnsafeClass {
  if (code >= 0xd800 && code <= 0xdfff) return 'control';
  for (const c of CLASSES) if (c.ranges.some(([a, b]) => code >= a && code <= b)) return c.kind;
  return 'control';
}

/** Every unsafe character of a text (controls, bidi overrides, invisible characters, lone surrogates). */
export function findUnsafeChars(text: string): UnsafeChar[] {
  const out: UnsafeChar[] = [];
  ANY_UNSAFE.lastIndex = 0;
  for (let m = ANY_UNSAFE.exec(text); m; m = ANY_UNSAFE.exec(text)) {
    const code = m[0].charCodeAt(0);
    out.push({ index: m.index, code, kind: classOf(code) });
  }
  return out;
}

/** The visible notation of a character, e.g. `[U+202E]`. */
export function unsafeNotation(code: number): string {
  return data.escape.replace('{code}', hex(code));
}

/** A text fit for an output: controls, bidi overrides and lone surrogates shown as `[U+XXXX]`. */
export function escapeUnsafeText(text: string): string {
  ESCAPED_UNSAFE.lastIndex = 0;
  if (!ESCAPED_UNSAFE.test(text)) return text;
  return text.replace(ESCAPED_UNSAFE, (c) => unsafeNotation(c.charCodeAt(0)));
}

/**
 * Text for a terminal: the escaped classes and carriage returns as `\uXXXX`, so that a record cannot
 * send escape sequences to the screen. Inside JSON strings this is a valid escape of the same text.
 */
export function escapeForTerminal(text: string): string {
  TERMINAL_UNSAFE.lastIndex = 0;
  if (!TERMINAL_UNSAFE.test(text)) return text;
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${hex(c.charCodeAt(0))}`);
}

/**
 * The value with every string passed through `escapeUnsafeText`, copying only the objects and arrays
 * that hold something to escape (copy on write): a national-size model with nothing unsafe is walked
 * once and returned as it is, with no bookkeeping per object. Other values (numbers, bigints,
 * booleans, class instances) are kept. A reference back to an object being copied (a cycle) is left
 * pointing at the original.
 */
export function escapeUnsafeDeep<T>(value: T): T {
  const ancestors = new Set<object>();
  const define = (out: Record<string, unknown>, key: string, v: unknown): void => {
    // defineProperty: a `__proto__` key stays an own property and never changes the prototype
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  };
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string') return escapeUnsafeText(v);
    if (typeof v !== 'object' || v === null || ancestors.has(v)) return v;
    if (Array.isArray(v)) {
      ancestors.add(v);
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        const y = copy(x);
        if (!out && y !== x) out = v.slice(0, i);
        if (out) out.push(y);
      }
      ancestors.delete(v);
      return out ?? v;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    // class instances (Date, Uint8Array, Map …) are not text containers: kept as they are
    if (proto !== Object.prototype && proto !== null) return v;
    ancestors.add(v);
    const entries = Object.entries(v);
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < entries.length; i++) {
      const [k, x] = entries[i];
      const key = escapeUnsafeText(k);
      const y = copy(x);
      if (!out && (y !== x || key !== k)) {
        out = proto === null ? Object.create(null) : {};
        for (let j = 0; j < i; j++) define(out!, entries[j][0], entries[j][1]);
      }
      if (out) define(out, key, y);
    }
    ancestors.delete(v);
    return out ?? v;
  };
  return copy(value) as T;
}
