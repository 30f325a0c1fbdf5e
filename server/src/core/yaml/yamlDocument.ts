// One parse per document: its plain value, node ranges and position helpers. Every later feature
// (schema validation, rules, registry, hover, completion) works from this. Records are read by the
// fast parser (fastYaml.ts) whenever they stay inside its subset, which is nearly always; the `yaml`
// Document (the syntax tree the language service's features walk) is then built only when a consumer
// asks for `doc`, `nodeAt` or `pairAt`. Values and range queries (`rangeOf`, `nodeRange`, `keyRange`)
// are answered from the fast parse's own tree. Anything outside the subset is parsed by `yaml` at once.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLError, type YAMLWarning } from 'yaml';
import type { NodePath, Position, Range } from '../model';
import { fastParse, type FastNode, type FastParse } from './fastYaml';

export interface ParsedYaml {
  readonly text: string;
  /** The `yaml` Document (built on first use when the fast parser read the text). */
  readonly doc: Document.Parsed;
  /** The plain JS value; `undefined` when the document could not be converted (e.g. alias bomb). */
  readonly value: unknown;
  /** Set when `toJS` itself failed (alias count exceeded …) or its value would be cyclic. */
  readonly conversionError?: string;
  /** An alias inside its own anchor (`x: &a [*a]`): the value would contain itself, so it is withheld. */
  readonly cyclicAlias?: boolean;
  /** The parser's errors and warnings (none when the fast parser read the text: it accepts only clean documents). */
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLWarning[];
  /** Whether the fast parser read the text (the `yaml` Document may still be built later, on demand). */
  readonly fast: boolean;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeAt(start: number, end: number): Range;
  /** The node at a path, or undefined (a `yaml` node: builds the Document). */
  nodeAt(path: NodePath): Node | undefined;
  /** The pair whose key is the last segment of the path (mappings only; builds the Document). */
  pairAt(path: NodePath): Pair | undefined;
  /** The source offsets [start, end] of the node at a path and whether it is a scalar, without the Document. */
  nodeRange(path: NodePath): { start: number; end: number; scalar: boolean } | undefined;
  /** The source offsets [start, end] of the key whose pair is at a path (mappings only), without the Document. */
  keyRange(path: NodePath): { start: number; end: number } | undefined;
  /**
   * The range of a path's value (or its key, or the key+value). When the path does not exist the
   * nearest existing ancestor's key is used, so a diagnostic always lands somewhere sensible.
   */
  rangeOf(path: NodePath, part?: 'value' | 'key'): Range;
}

/** Parse limits that keep hostile input bounded. */
export const YAML_LIMITS = { maxAliasCount: 100 } as const;

// resolveKnownTags off: `!!binary`, `!!set`, `!!omap`, `!!timestamp` would put Uint8Array, Set, Map
// and Date objects into a record; they stay text and are reported as unsupported tags instead.
// logLevel 'error': the parser's console warnings (a mapping used as a key) would only reach stderr
const DOCUMENT_OPTIONS = { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, resolveKnownTags: false, logLevel: 'error' } as const;

let documentsBuilt = 0;

/** How many `yaml` Documents parseYaml has built in this process (benchmarks and tests: the common path builds none). */
export function yamlDocumentsBuilt(): number {
  return documentsBuilt;
}

/** Parses a text with `yaml` as parseYaml does (the reference the fast parser is tested against). */
export function parseYamlDocument(text: string): Document.Parsed {
  documentsBuilt++;
  return parseDocument(text, DOCUMENT_OPTIONS);
}

/** What range queries need of a syntax tree: a node's offsets by path, a key's offsets by path. */
interface RangeTree {
  node(path: NodePath): { range: readonly number[]; scalar: boolean } | undefined;
  key(path: NodePath): readonly number[] | undefined;
}

/** Parses a YAML text once, keeping node ranges, duplicate keys as errors, a bounded alias count and plain JSON values. */
export function parseYaml(text: string, options: { fast?: boolean } = {}): ParsedYaml {
  return new ParsedText(text, options.fast === false ? undefined : fastParse(text));
}

/** A parsed text: one object per parse with its methods on the prototype (records are parsed by the hundred thousand). */
class ParsedText implements ParsedYaml {
  readonly value: unknown;
  readonly conversionError?: string;
  readonly cyclicAlias?: boolean;
  readonly fast: boolean;
  private built: Document.Parsed | undefined;
  private starts: number[] | undefined;
  private readonly tree: RangeTree;

  constructor(
    readonly text: string,
    quick: FastParse | undefined,
  ) {
    this.fast = quick !== undefined;
    if (quick) {
      this.value = quick.value;
      this.tree = fastTree(quick.root);
      return;
    }
    this.tree = this.documentTree();
    const doc = this.doc;
    try {
      this.value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
    } catch (e) {
      this.conversionError = e instanceof Error ? e.message : String(e);
    }
    // every consumer walks the value; one that contains itself would never end
    if (this.value !== undefined && text.includes('*') && containsItself(this.value)) {
      this.value = undefined;
      this.cyclicAlias = true;
      this.conversionError = 'cyclic alias';
    }
  }

  get doc(): Document.Parsed {
    return (this.built ??= parseYamlDocument(this.text));
  }

  get errors(): readonly YAMLError[] {
    return this.fast ? NONE : this.doc.errors;
  }

  get warnings(): readonly YAMLWarning[] {
    return this.fast ? NONE : this.doc.warnings;
  }

  /**
   * Lines as editors count them (LF, CRLF and a lone CR each end one), for every line of the text:
   * the parser's own line counter stops where it gives up on a broken document.
   */
  private get lineStarts(): number[] {
    return (this.starts ??= lineStartsOf(this.text));
  }

  /** Where a line's characters end (before its line break). */
  private contentEnd(line: number): number {
    const { text, lineStarts } = this;
    if (line + 1 >= lineStarts.length) return text.length;
    const next = lineStarts[line + 1];
    return text[next - 1] === '\n' && next - 2 >= lineStarts[line] && text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  positionAt(offset: number): Position {
    const { text, lineStarts } = this;
    const o = Math.max(0, Math.min(offset, text.length));
    // binary search for the last line start <= o
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // an offset inside a line break (the LF of CRLF) is the end of its line
    return { line: lo, character: Math.min(o, this.contentEnd(lo)) - lineStarts[lo] };
  }

  offsetAt(p: Position): number {
    const { text, lineStarts } = this;
    if (p.line >= lineStarts.length) return text.length;
    const line = Math.max(0, p.line);
    return Math.min(lineStarts[line] + Math.max(0, p.character), this.contentEnd(line));
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  pairAt(path: NodePath): Pair | undefined {
    if (path.length === 0) return undefined;
    const parent = path.length === 1 ? this.doc.contents : this.nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    const found = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    if (found || parent.items.every((p) => isScalar(p.key))) return found;
    // a list or mapping used as a key has no text of its own: find it by its place among the keys
    const parentValue = path.slice(0, -1).reduce<unknown>((v, seg) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined), this.value);
    const keys = parentValue && typeof parentValue === 'object' ? Object.keys(parentValue) : [];
    const i = keys.indexOf(String(last));
    return keys.length === parent.items.length && i >= 0 ? parent.items[i] : undefined;
  }

  nodeAt(path: NodePath): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        node = pair?.value ?? undefined;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
      } else {
        return undefined;
      }
      if (node === undefined || node === null) return undefined;
    }
    return (node ?? undefined) as Node | undefined;
  }

  /** Range queries answered by the `yaml` Document (texts the fast parser declined). */
  private documentTree(): RangeTree {
    return {
      node: (path) => {
        const node = path.length === 0 ? (this.doc.contents as Node | null) : this.nodeAt(path);
        return node?.range ? { range: node.range, scalar: isScalar(node) } : undefined;
      },
      key: (path) => (this.pairAt(path)?.key as Node | null | undefined)?.range ?? undefined,
    };
  }

  rangeOf(path: NodePath, part: 'value' | 'key' = 'value'): Range {
    const { tree } = this;
    for (let depth = path.length; depth >= 0; depth--) {
      const p = path.slice(0, depth);
      const exact = depth === path.length;
      const key = depth > 0 ? tree.key(p) : undefined;
      if (key && (part === 'key' || !exact)) return this.rangeAt(key[0], key[1]);
      const range = tree.node(p)?.range;
      if (range) {
        if (exact && part === 'value') return this.rangeAt(range[0], range[1]);
        // the root, or a sequence item without a key: its own range, first line only
        return this.rangeAt(range[0], Math.min(range[1], this.lineEnd(range[0])));
      }
      if (key) return this.rangeAt(key[0], key[1]);
    }
    return this.rangeAt(0, Math.min(this.text.length, this.lineEnd(0)));
  }

  private lineEnd(offset: number): number {
    return this.contentEnd(this.positionAt(offset).line);
  }

  nodeRange(path: NodePath): { start: number; end: number; scalar: boolean } | undefined {
    const n = this.tree.node(path);
    return n ? { start: n.range[0], end: n.range[1], scalar: n.scalar } : undefined;
  }

  keyRange(path: NodePath): { start: number; end: number } | undefined {
    const k = path.length > 0 ? this.tree.key(path) : undefined;
    return k ? { start: k[0], end: k[1] } : undefined;
  }
}

const NONE: readonly never[] = Object.freeze([]);

/** Range queries over the fast parse's tree, matching keys as nodeAt does (`String(key value)`). */
function fastTree(root: FastNode): RangeTree {
  const find = (path: NodePath, length: number): FastNode | undefined => {
    let node: FastNode | undefined = root;
    for (let i = 0; i < length && node; i++) {
      const seg = path[i];
      if (node.kind === 'map') {
        const at = node.names.indexOf(String(seg));
        node = at >= 0 ? node.values[at] : undefined;
      } else if (node.kind === 'seq' && typeof seg === 'number') {
        node = node.items[seg];
      } else {
        return undefined;
      }
    }
    return node;
  };
  return {
    node: (path) => {
      const n = find(path, path.length);
      return n ? { range: n.range, scalar: n.kind === 'scalar' } : undefined;
    },
    key: (path) => {
      const parent = find(path, path.length - 1);
      if (parent?.kind !== 'map') return undefined;
      const at = parent.names.indexOf(String(path[path.length - 1]));
      return at >= 0 ? parent.keys[at].range : undefined;
    },
  };
}

/** Offsets where lines start: 0, and after every LF, CRLF and lone CR. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** Whether a value reaches itself (depth-first with an explicit stack: the value may nest deeply). */
function containsItself(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  const enter = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null || done.has(v)) return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    stack.push({ node: v, children: Array.isArray(v) ? v : Object.values(v), next: 0 });
    return false;
  };
  if (enter(root)) return true;
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      if (enter(top.children[top.next++])) return true;
    } else {
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
    }
  }
  return false;
}

export { isMap, isPair, isScalar, isSeq };
