// Near-miss search ("did you mean …") over many keys without scanning them all: q-gram buckets give
// a candidate set that provably holds every key within k edits (each edit destroys at most two
// bigrams, so of any 2k+1 distinct bigrams of the query one survives in a near key — we look up
// the 2k+1 rarest), and a bounded edit distance confirms. Containment (省司法厅 ⊂ 海南省司法厅) is
// found through the rarest bucket (query inside a key) and substring lookups (key inside query).

// Two rows of the distance matrix, reused across calls (a search verifies many candidates).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance of a and b, or max + 1 as soon as it is known to exceed max. Only the band
 * of cells within max of the diagonal is computed (cells outside it are above max anyway).
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const over = max + 1;
  if (Math.abs(la - lb) > max) return over;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rowA.length < lb + 2) {
    rowA = new Int32Array(2 * lb + 2);
    rowB = new Int32Array(2 * lb + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= lb + 1; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      let v = sub < del ? sub : del;
      if (ins < v) v = ins;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < lb) cur[hi + 1] = over;
    if (rowMin > max) return over;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[lb] <= max ? prev[lb] : over;
}

export interface NearSearchOptions {
  /** Edits allowed (0 disables the edit-distance search). */
  maxDistance: number;
  /** Containment in either direction, when given. */
  containment?: { minLength: number; minRatio: number };
  /** Keys examined at most per search (bounds the worst case of very common q-grams). */
  maxScan: number;
  /** The query's group (≥ 0): keys of another group are never returned (see the constructor). */
  group?: number;
  /**
   * Stop looking at further buckets once this many keys within the distance are found. Buckets go
   * rarest first, so the keys found first share the query's most telling part (a place name, say).
   */
  enough?: number;
  /** Keeps only the keys this accepts (before `enough` counts them): what makes a near miss meaningful. */
  accept?: (item: number) => boolean;
}

export interface NearHit {
  /** Index of the key in the list the index was built from. */
  item: number;
  /** Edit distance, when within maxDistance. */
  distance?: number;
  /** 'inside': the query lies inside the key; 'around': the key lies inside the query. */
  containment?: 'inside' | 'around';
}

/** The bit (0–63) a bigram sets in a key's signature. */
function bigramBit(code: number): number {
  return Math.imul(code, 0x9e3779b1) >>> 26;
}

/**
 * A bigram as a small integer (30 bits, which V8 keeps unboxed, so Maps keyed by it stay fast).
 * Distinct bigrams may share a code: a bucket then holds a few more candidates, never fewer.
 */
function bigramCode(s: string, p: number): number {
  const c1 = s.charCodeAt(p);
  return ((c1 << 15) ^ (c1 >>> 15) ^ s.charCodeAt(p + 1)) & 0x3fffffff;
}

/** A query's distinct bigram codes with their signature bits. */
interface QueryGrams {
  codes: number[];
  words: Uint8Array;
  masks: Uint32Array;
}

function queryGrams(query: string): QueryGrams {
  const codes = new Set<number>();
  for (let p = 0; p + 1 < query.length; p++) codes.add(bigramCode(query, p));
  const list = [...codes];
  const words = new Uint8Array(list.length);
  const masks = new Uint32Array(list.length);
  list.forEach((code, i) => {
    const bit = bigramBit(code);
    words[i] = bit >>> 5;
    masks[i] = 1 << (bit & 31);
  });
  return { codes: list, words, masks };
}

/** A part of a bucket: the keys of one group (or all of them). */
type Slice = Int32Array;
const EMPTY: Slice = new Int32Array(0);

/**
 * Fuzzy lookup over a fixed list of keys (already normalised); buckets are built on first search.
 * Keys may belong to groups (for names: the place they start with) and a search within a group
 * never returns keys of another. Each bigram bucket lists its keys ordered by group, so a search
 * takes just its group's slice and the slice of keys without a group (binary search), however
 * common the bigram is elsewhere. Each key also keeps a 64-bit signature of its bigrams, so that
 * most candidates are rejected by counting the query's bigrams the key may hold (a signature never
 * misses one it holds) before any edit distance is computed.
 */
export class NearKeyIndex {
  private exact?: Map<string, number[]>;
  /** Bigram code → keys holding it, ordered by group (-1 first), then by position. */
  private bigrams?: Map<number, Int32Array>;
  /** Character and length buckets, for queries too short for bigrams (built when first needed). */
  private chars?: Map<number, number[]>;
  private byLength?: Map<number, number[]>;
  /** Bigram signatures: words 2i and 2i+1 for key i. */
  private signatures?: Uint32Array;
  /** Key lengths (capped at 255: beyond any edit distance of interest). */
  private lengths?: Uint8Array;
  /** Per-key stamp of the last search that saw it (dedupes candidates without a Set). */
  private seen?: Int32Array;
  private stamp = 0;
  private readonly groupOf: Int32Array;
  /** The longest key: no key lies inside a query in a substring longer than this. */
  private longest = 0;

  /**
   * `groups` gives each key a group (≥ 0) or none (-1); a search with a group skips keys of other
   * groups — for names, the place they belong to: 三亚市教育局 is no near miss of 海口市教育局.
   */
  constructor(
    private readonly keys: readonly string[],
    groups?: Int32Array,
  ) {
    this.groupOf = groups ?? new Int32Array(keys.length).fill(-1);
  }

  private build(): void {
    const n = this.keys.length;
    this.exact = new Map();
    this.signatures = new Uint32Array(n * 2);
    this.seen = new Int32Array(n);
    this.lengths = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const key = this.keys[i];
      if (!key) continue;
      push(this.exact, key, i);
      this.lengths[i] = Math.min(key.length, 255);
      if (key.length > this.longest) this.longest = key.length;
      for (let p = 0; p + 1 < key.length; p++) {
        const bit = bigramBit(bigramCode(key, p));
        this.signatures[2 * i + (bit >>> 5)] |= 1 << (bit & 31);
      }
    }
    // Keys visited in group order fill every bucket already sorted by group.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.groupOf[a] - this.groupOf[b] || a - b);
    this.bigrams = buckets(this.keys, order);
  }

  private buildShort(): void {
    this.chars = new Map();
    this.byLength = new Map();
    this.keys.forEach((key, i) => {
      if (!key) return;
      push(this.byLength!, key.length, i);
      for (let p = 0; p < key.length; p++) push(this.chars!, key.charCodeAt(p), i);
    });
  }

  /** The keys a search of `group` may see that hold a bigram: its group's and those of no group. */
  private bigramBucket(code: number, group: number): Slice[] {
    const list = this.bigrams!.get(code);
    if (!list) return [];
    if (group < 0) return [list];
    const ungrouped = this.lowerBound(list, 0);
    const from = this.lowerBound(list, group);
    const to = this.lowerBound(list, group + 1);
    return [list.subarray(0, ungrouped), from < to ? list.subarray(from, to) : EMPTY];
  }

  /** The first position in a bucket whose key's group is at least `group`. */
  private lowerBound(list: Int32Array, group: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.groupOf[list[mid]] < group) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether key i may be returned to a search of `group`. */
  private inGroup(i: number, group: number): boolean {
    if (group < 0) return true;
    const g = this.groupOf[i];
    return g < 0 || g === group;
  }

  /** How many of the query's bigrams key i may hold (never fewer than it holds). */
  private mayShare(i: number, q: QueryGrams): number {
    const sig = this.signatures!;
    let n = 0;
    for (let g = 0; g < q.codes.length; g++) if (sig[2 * i + q.words[g]] & q.masks[g]) n++;
    return n;
  }

  /** Keys within `maxDistance` edits of `query`, or containing / contained in it; best first. */
  search(query: string, options: NearSearchOptions): NearHit[] {
    if (!query) return [];
    if (!this.exact) this.build();
    const k = options.maxDistance;
    const group = options.group ?? -1;
    const hits = new Map<number, NearHit>();
    let budget = options.maxScan;
    const q = queryGrams(query);

    if (k > 0) {
      // Each edit removes at most two of the query's bigrams from a near key.
      const needed = q.codes.length - 2 * k;
      const stamp = ++this.stamp;
      const seen = this.seen!;
      const lengths = this.lengths!;
      const n = Math.min(query.length, 255);
      const enough = options.enough ?? Infinity;
      scan: for (const bucket of this.candidateBuckets(query, q, k, group)) {
        if (hits.size >= enough) break;
        for (const list of bucket) {
          for (const i of list) {
            if (budget-- <= 0) break scan;
            if (seen[i] === stamp) continue;
            seen[i] = stamp;
            if (Math.abs(lengths[i] - n) > k || !this.inGroup(i, group)) continue;
            if (needed > 0 && this.mayShare(i, q) < needed) continue;
            const d = boundedEditDistance(query, this.keys[i], k);
            if (d <= k && (!options.accept || options.accept(i))) hits.set(i, { item: i, distance: d });
          }
        }
      }
    }

    const c = options.containment;
    if (c && query.length >= c.minLength && query.length >= 2) {
      // query inside a key: the key holds every bigram of the query, so the rarest bucket has it
      const all = q.codes.map((code) => this.bigramBucket(code, group));
      const rarest = all.reduce((a, b) => (size(b) < size(a) ? b : a));
      scan: for (const list of rarest) {
        for (const i of list) {
          if (budget-- <= 0) break scan;
          const key = this.keys[i];
          if (key.length > query.length && query.length / key.length >= c.minRatio && this.mayShare(i, q) === q.codes.length && key.includes(query) && (!options.accept || options.accept(i))) {
            hits.set(i, { ...hits.get(i), item: i, containment: 'inside' });
          }
        }
      }
    }
    if (c) {
      // a key inside the query: look its possible substrings up directly
      const minLen = Math.max(c.minLength, Math.ceil(query.length * c.minRatio));
      // only substrings as long as some key can be one (a 12,000-character name is not sliced 10^7 times)
      for (let len = Math.min(query.length - 1, this.longest); len >= minLen; len--) {
        for (let s = 0; s + len <= query.length; s++) {
          for (const i of this.exact!.get(query.slice(s, s + len)) ?? []) {
            if (!this.inGroup(i, group) || (options.accept && !options.accept(i))) continue;
            if (!hits.has(i) || hits.get(i)!.containment === undefined) hits.set(i, { ...hits.get(i), item: i, containment: 'around' });
          }
        }
      }
    }

    const rank = (h: NearHit): number => (h.distance !== undefined ? h.distance : k + 1);
    return [...hits.values()].sort((a, b) =>
      rank(a) - rank(b) ||
      Math.abs(this.keys[a.item].length - query.length) - Math.abs(this.keys[b.item].length - query.length) ||
      a.item - b.item);
  }

  /** Buckets whose union holds every key within k edits of the query, rarest first. */
  private candidateBuckets(query: string, q: QueryGrams, k: number, group: number): (Slice | number[])[][] {
    if (q.codes.length >= 2 * k + 1) return rarest(q.codes.map((code) => this.bigramBucket(code, group)), 2 * k + 1);
    // too few bigrams: of any k+1 distinct characters one survives k edits
    if (!this.chars) this.buildShort();
    const chars = [...new Set(Array.from({ length: query.length }, (_, p) => query.charCodeAt(p)))];
    const lists = chars.map((ch) => [this.chars!.get(ch) ?? []]);
    const buckets = chars.length >= k + 1 ? rarest(lists, k + 1) : lists;
    // Every character of a query of at most k characters may be edited away: keys that short
    // can be near without sharing anything.
    if (query.length <= k) for (let len = 1; len <= k; len++) buckets.push([this.byLength!.get(len) ?? []]);
    return buckets;
  }
}

/**
 * Bigram buckets of many keys, built in two passes (count, then fill) into one typed array each.
 * Keys are visited in `order`, so each bucket lists them in that order.
 */
function buckets(keys: readonly string[], order: readonly number[]): Map<number, Int32Array> {
  const slot = new Map<number, number>();
  const counts: number[] = [];
  for (const i of order) {
    const key = keys[i];
    let last = -1;
    for (let p = 0; p + 1 < key.length; p++) {
      const code = bigramCode(key, p);
      let s = slot.get(code);
      if (s === undefined) {
        slot.set(code, (s = counts.length));
        counts.push(0);
      }
      // a key holding a bigram twice is listed once (consecutive repeats are the common case)
      if (s !== last) counts[s]++;
      last = s;
    }
  }
  const lists = counts.map((c) => new Int32Array(c));
  const fill = new Int32Array(counts.length);
  for (const i of order) {
    const key = keys[i];
    for (let p = 0; p + 1 < key.length; p++) {
      const s = slot.get(bigramCode(key, p))!;
      const list = lists[s];
      if (fill[s] > 0 && list[fill[s] - 1] === i) continue;
      list[fill[s]++] = i;
    }
  }
  const out = new Map<number, Int32Array>();
  for (const [code, s] of slot) out.set(code, fill[s] === lists[s].length ? lists[s] : lists[s].subarray(0, fill[s]));
  return out;
}

function push<K>(m: Map<K, number[]>, k: K, i: number): void {
  const list = m.get(k);
  if (!list) m.set(k, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

function size(bucket: ArrayLike<number>[]): number {
  let n = 0;
  for (const list of bucket) n += list.length;
  return n;
}

function rarest<T extends ArrayLike<number>>(all: T[][], count: number): T[][] {
  return [...all].sort((a, b) => size(a) - size(b)).slice(0, count);
}
