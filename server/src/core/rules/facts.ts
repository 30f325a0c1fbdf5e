// Reading facts out of a record through the dotted paths a profile declares (`homepage.lastUpdate`,
// `homepage.subpages[*].lastUpdate`). Records arrive as plain YAML values that may be incomplete or
// ill-typed, so every read says whether the fact is there and where its node is.
import type { NodePath } from '../model';

export type FieldSegment = string | '*';

const cache = new Map<string, FieldSegment[]>();

/** Splits `a.b[*].c` into [a, b, *, c]. Throws on an empty segment. */
export function parseFieldPath(field: string): FieldSegment[] {
  const hit = cache.get(field);
  if (hit) return hit;
  const out: FieldSegment[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]+)((?:\[\*\])*)$/.exec(part);
    if (!m) throw new Error(`bad field path: ${field}`);
    out.push(m[1]);
    for (let i = 0; i < m[2].length / 3; i++) out.push('*');
  }
  cache.set(field, out);
  return out;
}

/** Whether a field path fans out over list items. */
export function isMultiPath(field: string): boolean {
  return parseFieldPath(field).includes('*');
}

export interface FactRead {
  /** Path of the node (or of where it would be when missing). */
  path: NodePath;
  /** undefined when missing; null when written as null (both count as missing). */
  value: unknown;
}

export const isPresent = (v: unknown): boolean => v !== undefined && v !== null;

function isRecordLike(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a single-valued field below `base`; a missing step gives value undefined. */
export function readField(base: unknown, basePath: NodePath, field: string): FactRead {
  const segs = parseFieldPath(field);
  let v: unknown = base;
  const path: (string | number)[] = [...basePath];
  for (const s of segs) {
    if (s === '*') throw new Error(`multi-valued path used as single: ${field}`);
    path.push(s);
    v = isRecordLike(v) ? v[s] : undefined;
  }
  return { path, value: v };
}

/**
 * Reads a field that may fan out over lists (`[*]`). Missing lists give no values; a step that is
 * present but not a list is reported in `notList` so the caller can say the fact is ill-typed.
 */
export function readAll(base: unknown, basePath: NodePath, field: string): { values: FactRead[]; notList?: NodePath } {
  const segs = parseFieldPath(field);
  let frontier: FactRead[] = [{ path: [...basePath], value: base }];
  let notList: NodePath | undefined;
  for (const s of segs) {
    const next: FactRead[] = [];
    for (const f of frontier) {
      if (s === '*') {
        if (Array.isArray(f.value)) f.value.forEach((item, i) => next.push({ path: [...f.path, i], value: item }));
        else if (isPresent(f.value)) notList ??= f.path;
      } else {
        next.push({ path: [...f.path, s], value: isRecordLike(f.value) ? f.value[s] : undefined });
      }
    }
    frontier = next;
  }
  return { values: frontier, notList };
}

/** The longest common prefix of node paths (where a hit on several items is shown). */
export function commonAncestor(paths: NodePath[]): NodePath {
  if (paths.length === 0) return [];
  let prefix = [...paths[0]];
  for (const p of paths.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < p.length && prefix[i] === p[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** A path as the profile would write it: `interaction.columns[2].messages[0]`. */
export function pathText(path: NodePath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
