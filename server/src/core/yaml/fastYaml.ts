// A fast parser for the subset of YAML that inspection records are written in: block mappings and
// sequences, one-line flow mappings and sequences, plain and one-line quoted scalars, comments, LF or
// CRLF line ends. It gives the same value as `yaml` (parseDocument with the options of parseYaml, then
// toJS) and the same node ranges ([start, value end, node end], as `yaml` counts them), or undefined:
// anything it does not fully accept (anchors, aliases, tags, block scalars, multi-line scalars and flow
// collections, tabs, directives, several documents, duplicate keys, any syntax error …) goes to `yaml`.
// The equivalence is tested against `yaml` on the YAML test suite and on generated records
// (test/unit/fastYaml.test.ts): keep every rule here as strict as that proof.

/** A scalar of the fast parse: its resolved value and its source range. */
export interface FastScalar {
  readonly kind: 'scalar';
  readonly range: readonly [number, number, number];
  readonly value: unknown;
}

/** A mapping: keys (scalars, in order), the keys as `yaml`'s nodeAt matches them, and the values. */
export interface FastMap {
  readonly kind: 'map';
  readonly flow: boolean;
  range: [number, number, number];
  readonly keys: FastScalar[];
  /** `String(key value)`: what a path segment is compared with. */
  readonly names: string[];
  readonly values: FastNode[];
}

export interface FastSeq {
  readonly kind: 'seq';
  readonly flow: boolean;
  range: [number, number, number];
  readonly items: FastNode[];
}

export type FastNode = FastScalar | FastMap | FastSeq;

/** What the fast parse gives: the plain value and the node tree with ranges. */
export interface FastParse {
  readonly value: unknown;
  readonly root: FastMap | FastSeq;
}

/** Thrown inside the parser when the text leaves the accepted subset; never escapes `fastParse`. */
class Reject {
  constructor(readonly why: string) {}
}

/** Keys longer than this go to `yaml` (it reports keys over 1024 characters). */
const MAX_KEY = 1000;
/** Nesting deeper than this goes to `yaml` (which bounds it itself). */
const MAX_DEPTH = 64;

const SP = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Parses a record-shaped YAML text, or undefined when the text is outside the subset (use `yaml`). */
export function fastParse(text: string): FastParse | undefined {
  try {
    return new Parser(text).document();
  } catch (e) {
    if (e instanceof Reject) return undefined;
    throw e;
  }
}

/** Why the fast parse declined a text (for tests and benchmarks), or undefined when it accepts it. */
export function fastParseRejection(text: string): string | undefined {
  try {
    new Parser(text).document();
    return undefined;
  } catch (e) {
    if (e instanceof Reject) return e.why;
    throw e;
  }
}

/** Trailing comment and blank lines after a collection's last item, not yet given to any node. */
interface Trailing {
  /** The greatest indentation of a comment line among them, -1 when there is none. */
  maxCommentIndent: number;
}

class Parser {
  /** Offset where each line starts, where its content ends (before CR LF) and where the next starts. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly nexts: number[] = [];
  /** Leading spaces of each line; for a blank line, its length. */
  private readonly indents: number[] = [];
  /** 0 content, 1 blank, 2 comment only. */
  private readonly kinds: number[] = [];
  private depth = 0;

  constructor(private readonly text: string) {
    this.splitLines();
  }

  private reject(why: string): never {
    throw new Reject(why);
  }

  /** Lines, and the characters `yaml` treats specially or that the subset leaves out. */
  private splitLines(): void {
    const text = this.text;
    const n = text.length;
    let lineStart = 0;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? text.charCodeAt(i) : 10;
      if (c === 10 || c === 13) {
        let next = i + 1;
        if (c === 13) {
          if (text.charCodeAt(i + 1) !== 10) this.reject('lone CR');
          next = i + 2;
        }
        if (i === n) next = n;
        this.addLine(lineStart, i, next);
        if (i === n || next >= n) break;
        lineStart = next;
        i = next - 1;
        continue;
      }
      if (c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0xfffe || c === 0xffff) this.reject('special character');
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = text.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) this.reject('lone surrogate');
        i++;
      }
    }
  }

  private addLine(start: number, end: number, next: number): void {
    const text = this.text;
    let j = start;
    while (j < end && text.charCodeAt(j) === SP) j++;
    this.starts.push(start);
    this.ends.push(end);
    this.nexts.push(next);
    this.indents.push(j - start);
    const c = j < end ? text.charCodeAt(j) : -1;
    this.kinds.push(c === -1 ? 1 : c === HASH ? 2 : 0);
    if (j === start && j < end) {
      // directives and document markers belong to `yaml`
      if (c === 37) this.reject('directive');
      if ((c === DASH || c === 46) && text.startsWith(c === DASH ? '---' : '...', j)) {
        const after = text.charCodeAt(j + 3);
        if (j + 3 >= end || after === SP) this.reject('document marker');
      }
    }
  }

  /** The first content line at or after `line` (the line count when there is none). */
  private nextContent(line: number): number {
    const kinds = this.kinds;
    while (line < kinds.length && kinds[line] !== 0) line++;
    return line;
  }

  /** Whether the content of a line (at `col`) is a block sequence entry: `-` then a space or the line end. */
  private isSeqEntry(line: number, col: number): boolean {
    const at = this.starts[line] + col;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 >= this.ends[line] || this.text.charCodeAt(at + 1) === SP;
  }

  document(): FastParse {
    const first = this.nextContent(0);
    if (first >= this.kinds.length) this.reject('no content');
    if (this.indents[first] !== 0) this.reject('indented root');
    const built = this.isSeqEntry(first, 0) ? this.blockSeq(first, 0) : this.blockMap(first, 0, 0);
    if (built.next < this.kinds.length) this.reject('content after the root collection');
    return { value: built.value, root: built.tree as FastMap | FastSeq };
  }

  /**
   * After a one-line value (scalar or flow collection) on `line`: where its node ends. `yaml` gives the
   * value's end the rest of its line and the comment lines after it that are indented deeper than
   * its collection (with the blank lines between them), up to the first comment line that is not.
   */
  private leafEnd(line: number, collectionIndent: number): number {
    let end = this.nexts[line];
    for (let l = line + 1; l < this.kinds.length; l++) {
      const k = this.kinds[l];
      if (k === 0) break;
      if (k === 2) {
        if (this.indents[l] <= collectionIndent) break;
        end = this.nexts[l];
      }
    }
    return end;
  }

  /** The trivia lines from `from` to the next content line: the deepest comment among them. */
  private trailingOf(from: number, to: number): Trailing {
    let max = -1;
    for (let l = from; l < to; l++) if (this.kinds[l] === 2 && this.indents[l] > max) max = this.indents[l];
    return { maxCommentIndent: max };
  }

  /** The first line after a leaf's absorbed comments (where the next item's trivia begin). */
  private afterLeaf(line: number, collectionIndent: number): number {
    let after = line + 1;
    for (let l = line + 1; l < this.kinds.length; l++) {
      const k = this.kinds[l];
      if (k === 0) break;
      if (k === 2) {
        if (this.indents[l] <= collectionIndent) break;
        after = l + 1;
      }
    }
    return after;
  }

  /** Offset of a content line's first character, or the text's end when there is no such line. */
  private contentOffset(line: number): number {
    return line < this.kinds.length ? this.starts[line] + this.indents[line] : this.text.length;
  }

  /**
   * A collection ends where the next content line is less indented. The trivia lines between stay in
   * it (its node end reaches that content) when one of their comments is at least as indented as the
   * collection and it is not at the root's column; else they pass to its parent.
   */
  private closeCollection(range: [number, number, number], indent: number, trailing: Trailing, nextLine: number): Trailing {
    if (indent > 0 && trailing.maxCommentIndent >= indent) {
      range[2] = this.contentOffset(nextLine);
      return { maxCommentIndent: -1 };
    }
    return trailing;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.reject('too deep');
  }

  /**
   * A block mapping whose first key is at column `col` of `line` (`col` > indent for a mapping that
   * starts after `- `), all keys at column `indent`.
   */
  private blockMap(line: number, indent: number, col: number): Built {
    this.enter();
    const map: FastMap = { kind: 'map', flow: false, range: [this.starts[line] + col, 0, 0], keys: [], names: [], values: [] };
    const value: Record<string, unknown> = {};
    let trailing: Trailing = { maxCommentIndent: -1 };
    let next = line;
    let keyCol = col;
    for (;;) {
      const lineEnd = this.ends[line];
      const keyStart = this.starts[line] + keyCol;
      const key = this.scalarToken(keyStart, lineEnd, 'key');
      const keyEnd = key.end;
      if (this.text.charCodeAt(keyEnd) !== COLON) this.reject('key without colon');
      if (keyEnd - keyStart > MAX_KEY) this.reject('long key');
      const keyNode: FastScalar = { kind: 'scalar', range: [keyStart, keyEnd, keyEnd], value: key.value };
      const name = key.value === null ? '' : String(key.value);
      if (Object.prototype.hasOwnProperty.call(value, name)) this.reject('duplicate key');
      let p = keyEnd + 1;
      if (p < lineEnd && this.text.charCodeAt(p) !== SP) this.reject('no space after colon');
      while (p < lineEnd && this.text.charCodeAt(p) === SP) p++;
      let child: Built;
      if (p < lineEnd && this.text.charCodeAt(p) !== HASH) {
        // a value on the key's line
        child = this.inlineChild(line, indent, p, lineEnd);
      } else {
        const hasComment = p < lineEnd;
        const c = this.nextContent(line + 1);
        const nested = c < this.kinds.length && (this.indents[c] > indent || (this.indents[c] === indent && this.isSeqEntry(c, indent)));
        if (nested) {
          child = this.nestedAt(c);
        } else {
          // an empty value: null, placed after the colon and the spaces that follow it
          const between = this.trailingOf(line + 1, c);
          if (between.maxCommentIndent >= 0) this.reject('comment lines after an empty value');
          let end = p;
          if (hasComment) {
            // `key:  # note` then the next key: the node ends after the spaces that begin the next line
            // (the next key's indentation, or a blank line's spaces: `yaml` splits at the second line break)
            if (!(c < this.kinds.length && this.indents[c] === indent)) this.reject('empty value with a comment at the end of a collection');
            end = this.starts[line + 1] + this.indents[line + 1];
          }
          child = { value: null, tree: { kind: 'scalar', range: [p, p, end], value: null }, next: c, trailing: NO_TRAILING };
        }
      }
      map.keys.push(keyNode);
      map.names.push(String(key.value));
      map.values.push(child.tree);
      setKey(value, name, child.value);
      map.range[1] = child.tree.range[2];
      ({ next, trailing } = child);
      // the parent (a sequence at this column) goes on after a `- ` here, or rejects it
      if (this.collectionEnds(next, indent) || this.isSeqEntry(next, indent)) break;
      line = next;
      keyCol = indent;
    }
    map.range[2] = map.range[1];
    const rest = this.closeCollection(map.range, indent, trailing, next);
    this.depth--;
    return { value, tree: map, next, trailing: rest };
  }

  /** A block sequence whose entries start at column `indent`, the first on `line`. */
  private blockSeq(line: number, indent: number): Built {
    this.enter();
    const seq: FastSeq = { kind: 'seq', flow: false, range: [this.starts[line] + indent, 0, 0], items: [] };
    const value: unknown[] = [];
    let trailing: Trailing = { maxCommentIndent: -1 };
    let next = line;
    for (;;) {
      const lineEnd = this.ends[line];
      let p = this.starts[line] + indent + 1;
      while (p < lineEnd && this.text.charCodeAt(p) === SP) p++;
      let child: Built;
      if (p < lineEnd && this.text.charCodeAt(p) !== HASH) {
        const col = p - this.starts[line];
        if (this.isSeqEntry(line, col)) {
          // `- - x`: a sequence whose entries are at the inner dash's column
          child = this.blockSeq(line, col);
        } else if (this.startsKey(p, lineEnd)) {
          // `- key: value`: a mapping whose keys are at the first key's column
          child = this.blockMap(line, col, col);
        } else {
          child = this.inlineChild(line, indent, p, lineEnd);
        }
      } else {
        if (p < lineEnd) this.reject('comment after an entry indicator');
        const c = this.nextContent(line + 1);
        if (c < this.kinds.length && this.indents[c] > indent) {
          child = this.nestedAt(c);
        } else {
          // `yaml` ends an empty entry after its whole item when a comment is anywhere in it (before or after the dash)
          let before = line;
          while (before > 0 && this.kinds[before - 1] !== 0) before--;
          if (this.trailingOf(before, line).maxCommentIndent >= 0 || this.trailingOf(line + 1, c).maxCommentIndent >= 0) this.reject('comment lines around an empty entry');
          child = { value: null, tree: { kind: 'scalar', range: [p, p, p], value: null }, next: c, trailing: NO_TRAILING };
        }
      }
      seq.items.push(child.tree);
      value.push(child.value);
      seq.range[1] = child.tree.range[2];
      ({ next, trailing } = child);
      // a key of the parent mapping at the same column
      if (this.collectionEnds(next, indent) || !this.isSeqEntry(next, indent)) break;
      line = next;
    }
    seq.range[2] = seq.range[1];
    const rest = this.closeCollection(seq.range, indent, trailing, next);
    this.depth--;
    return { value, tree: seq, next, trailing: rest };
  }

  /** A one-line value on `line` at `p` as a collection's child: its node end, and what follows it. */
  private inlineChild(line: number, collectionIndent: number, p: number, lineEnd: number): Built {
    const leaf = this.inlineValue(p, lineEnd);
    (leaf.node.range as [number, number, number])[2] = this.leafEnd(line, collectionIndent);
    const after = this.afterLeaf(line, collectionIndent);
    const next = this.nextContent(after);
    return { value: leaf.value, tree: leaf.node, next, trailing: this.trailingOf(after, next) };
  }

  /** A block collection starting on its own line `c`: a sequence at a `- `, else a mapping. */
  private nestedAt(c: number): Built {
    const col = this.indents[c];
    return this.isSeqEntry(c, col) ? this.blockSeq(c, col) : this.blockMap(c, col, col);
  }

  /** After an entry: whether its collection ends at line `next` (less indented, or the end); a deeper line is refused. */
  private collectionEnds(next: number, indent: number): boolean {
    if (next >= this.kinds.length || this.indents[next] < indent) return true;
    if (this.indents[next] > indent) this.reject('more indented line');
    return false;
  }

  /** Whether the text at `p` is a mapping key: a scalar followed by `:` and a space or the line end. */
  private startsKey(p: number, lineEnd: number): boolean {
    const c = this.text.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = this.quotedEnd(p, lineEnd);
      return this.text.charCodeAt(q) === COLON && (q + 1 >= lineEnd || this.text.charCodeAt(q + 1) === SP);
    }
    if (c === 91 || c === 123) return false;
    for (let i = p; i < lineEnd; i++) {
      const d = this.text.charCodeAt(i);
      if (d === COLON && (i + 1 >= lineEnd || this.text.charCodeAt(i + 1) === SP)) return true;
      if (d === HASH && i > p && this.text.charCodeAt(i - 1) === SP) return false;
    }
    return false;
  }

  /** A value on one line in block context: a quoted or plain scalar or a flow collection, then nothing but a comment. */
  private inlineValue(p: number, lineEnd: number): { value: unknown; node: FastNode } {
    const c = this.text.charCodeAt(p);
    let out: { value: unknown; node: FastNode; end: number };
    if (c === 91 || c === 123) {
      out = this.flowCollection(p, lineEnd);
    } else {
      const s = this.scalarToken(p, lineEnd, 'value');
      out = { value: s.value, node: { kind: 'scalar', range: [p, s.end, 0], value: s.value }, end: s.end };
    }
    let q = out.end;
    const spaced = q < lineEnd && this.text.charCodeAt(q) === SP;
    while (q < lineEnd && this.text.charCodeAt(q) === SP) q++;
    if (q < lineEnd && !(spaced && this.text.charCodeAt(q) === HASH)) this.reject('text after a value');
    return out;
  }

  /**
   * A scalar in block context starting at `p`: quoted (one line) or plain. A key ends before `:`; a
   * plain value ends before ` #` or the line end, and may not hold `: ` (a mapping on one line).
   */
  private scalarToken(p: number, lineEnd: number, role: 'key' | 'value'): { value: unknown; end: number } {
    const quoted = this.quotedScalar(p, lineEnd);
    if (quoted) return quoted;
    const text = this.text;
    this.checkPlainStart(p, lineEnd, false);
    let last = p;
    let i = p;
    for (; i < lineEnd; i++) {
      const d = text.charCodeAt(i);
      if (d === COLON && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === SP)) {
        if (role === 'key') break;
        this.reject('mapping inside a plain value');
      }
      if (d === HASH && text.charCodeAt(i - 1) === SP) {
        if (role === 'key') this.reject('comment inside a key');
        break;
      }
      if (d !== SP) last = i + 1;
    }
    if (role === 'key' && (i >= lineEnd || last !== i)) this.reject('not a key');
    return { value: resolvePlain(text.slice(p, last)), end: last };
  }

  /** Plain scalars may not start with an indicator (YAML 1.2, 7.3.3). */
  private checkPlainStart(p: number, lineEnd: number, flow: boolean): void {
    const text = this.text;
    const c = text.charCodeAt(p);
    // , [ ] { } # & * ! | > ' " % @ `
    if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === HASH || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96) {
      this.reject('indicator at the start of a plain scalar');
    }
    if (c === DASH || c === 63 || c === COLON) {
      const d = p + 1 < lineEnd ? text.charCodeAt(p + 1) : SP;
      if (d === SP || (flow && (d === 44 || d === 91 || d === 93 || d === 123 || d === 125))) this.reject('indicator at the start of a plain scalar');
    }
  }

  /** A quoted scalar at `p` (one line), or undefined when `p` holds no quote. */
  private quotedScalar(p: number, lineEnd: number): { value: string; end: number } | undefined {
    const c = this.text.charCodeAt(p);
    if (c !== 34 && c !== 39) return undefined;
    const end = this.quotedEnd(p, lineEnd);
    return { value: this.quotedValue(p, end), end };
  }

  /** Where a quoted scalar starting at `p` ends (after its closing quote), on the same line. */
  private quotedEnd(p: number, lineEnd: number): number {
    const text = this.text;
    const q = text.charCodeAt(p);
    for (let i = p + 1; i < lineEnd; i++) {
      const d = text.charCodeAt(i);
      if (q === 34 && d === 92) {
        i++;
        continue;
      }
      if (d === q) {
        if (q === 39 && text.charCodeAt(i + 1) === 39 && i + 1 < lineEnd) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return this.reject('quoted scalar over several lines');
  }

  private quotedValue(p: number, end: number): string {
    const text = this.text;
    const inner = text.slice(p + 1, end - 1);
    if (text.charCodeAt(p) === 39) return inner.includes("''") ? inner.replace(/''/g, "'") : inner;
    return inner.includes('\\') ? unescapeDouble(inner, (why) => this.reject(why)) : inner;
  }

  /** A flow mapping or sequence that opens at `p` and closes on the same line. */
  private flowCollection(p: number, lineEnd: number): { value: unknown; node: FastNode; end: number } {
    this.enter();
    const text = this.text;
    const open = text.charCodeAt(p);
    const close = open === 91 ? 93 : 125;
    const skip = (i: number): number => {
      while (i < lineEnd && text.charCodeAt(i) === SP) i++;
      return i;
    };
    let i = skip(p + 1);
    let out: { value: unknown; node: FastNode; end: number };
    if (open === 91) {
      const seq: FastSeq = { kind: 'seq', flow: true, range: [p, 0, 0], items: [] };
      const value: unknown[] = [];
      while (text.charCodeAt(i) !== close) {
        if (i >= lineEnd) this.reject('flow sequence over several lines');
        const item = this.flowNode(i, lineEnd);
        i = skip(item.end);
        (item.node.range as [number, number, number])[2] = i;
        seq.items.push(item.node);
        value.push(item.value);
        const d = text.charCodeAt(i);
        if (d === 44) i = skip(i + 1);
        else if (d !== close) this.reject('flow sequence entry not followed by , or ]');
      }
      seq.range[1] = seq.range[2] = i + 1;
      out = { value, node: seq, end: i + 1 };
    } else {
      const map: FastMap = { kind: 'map', flow: true, range: [p, 0, 0], keys: [], names: [], values: [] };
      const value: Record<string, unknown> = {};
      while (text.charCodeAt(i) !== close) {
        if (i >= lineEnd) this.reject('flow mapping over several lines');
        const kc = text.charCodeAt(i);
        if (kc === 91 || kc === 123) this.reject('collection as a key');
        const key = this.flowScalar(i, lineEnd, true);
        if (text.charCodeAt(key.end) !== COLON) this.reject('flow key without colon');
        const keyNode: FastScalar = { kind: 'scalar', range: [i, key.end, key.end], value: key.value };
        const name = key.value === null ? '' : String(key.value);
        if (Object.prototype.hasOwnProperty.call(value, name)) this.reject('duplicate key');
        let j = key.end + 1;
        const quotedKey = kc === 34 || kc === 39;
        const afterColon = text.charCodeAt(j);
        if (!quotedKey && j < lineEnd && afterColon !== SP && afterColon !== 44 && afterColon !== close) this.reject('colon without space');
        j = skip(j);
        let child: { value: unknown; node: FastNode };
        const d = text.charCodeAt(j);
        if (j >= lineEnd) this.reject('flow mapping over several lines');
        if (d === 44 || d === close) {
          child = { value: null, node: { kind: 'scalar', range: [j, j, j], value: null } };
          i = j;
        } else {
          const v = this.flowNode(j, lineEnd);
          i = skip(v.end);
          (v.node.range as [number, number, number])[2] = i;
          child = v;
        }
        map.keys.push(keyNode);
        map.names.push(String(key.value));
        map.values.push(child.node);
        setKey(value, name, child.value);
        const e = text.charCodeAt(i);
        if (e === 44) i = skip(i + 1);
        else if (e !== close) this.reject('flow mapping entry not followed by , or }');
      }
      map.range[1] = map.range[2] = i + 1;
      out = { value, node: map, end: i + 1 };
    }
    this.depth--;
    return out;
  }

  /** A node inside a flow collection: a nested one-line collection or a scalar (node end set by the caller). */
  private flowNode(i: number, lineEnd: number): { value: unknown; node: FastNode; end: number } {
    const c = this.text.charCodeAt(i);
    if (c === 91 || c === 123) return this.flowCollection(i, lineEnd);
    const s = this.flowScalar(i, lineEnd, false);
    // `[a: b]` is a mapping inside the sequence: not in the subset
    if (this.text.charCodeAt(s.end) === COLON) this.reject('pair inside a flow sequence');
    return { value: s.value, node: { kind: 'scalar', range: [i, s.end, 0], value: s.value }, end: s.end };
  }

  /** A scalar inside a flow collection: quoted, or plain up to `,` `[` `]` `{` `}`, `: ` or the line end. */
  private flowScalar(i: number, lineEnd: number, key: boolean): { value: unknown; end: number } {
    const quoted = this.quotedScalar(i, lineEnd);
    if (quoted) return quoted;
    const text = this.text;
    this.checkPlainStart(i, lineEnd, true);
    let last = i;
    for (let j = i; j < lineEnd; j++) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125) break;
      if (d === COLON) {
        const e = j + 1 < lineEnd ? text.charCodeAt(j + 1) : SP;
        if (e === SP || e === 44 || e === 91 || e === 93 || e === 123 || e === 125) break;
      }
      if (d === HASH && text.charCodeAt(j - 1) === SP) this.reject('comment inside a flow collection');
      if (d !== SP) last = j + 1;
    }
    if (key && last === i) this.reject('empty flow key');
    return { value: resolvePlain(text.slice(i, last)), end: last };
  }
}

const NO_TRAILING: Trailing = { maxCommentIndent: -1 };

interface Built {
  value: unknown;
  tree: FastNode;
  /** The next content line after the collection (the line count at the end). */
  next: number;
  trailing: Trailing;
}

/** Sets a key as `yaml`'s toJS does: `__proto__` becomes an own property, not the prototype. */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar resolved by the YAML 1.2 core schema, in `yaml`'s order of tests. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // most scalars are text: only these first characters can start anything else
  const maybe = s.length === 0 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 43 || c === DASH || c === 46 || (c >= 48 && c <= 57);
  if (!maybe) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** The escapes of a one-line double-quoted scalar, as `yaml` reads them; `reject` for any it would report. */
function unescapeDouble(s: string, reject: (why: string) => never): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = s[++i];
    const simple = e === undefined ? undefined : ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (length === 0) reject('escape');
    const hex = s.substr(i + 1, length);
    if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) reject('escape');
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) reject('escape');
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}
