// Whether a path stays where it must: the paths a campaign file names (registry exports, profiles and
// their `extends`, the bulletin template, the previous campaign, the output and evidence folders) may
// lead only inside the campaign folder, or into a folder the user allowed in their own settings (CLI
// `--allow` / INSPECTION_RECORDS_ALLOW, the editor's `inspectionRecords.allowedFolders`) — never
// into one a campaign file allows itself. Judged on the real path (symbolic links resolved), so a
// link inside the campaign cannot lead out of it.
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';

/** Environment variable: folders (separated by the platform's path delimiter) the user allows campaigns to name. */
export const ALLOW_ENV = 'INSPECTION_RECORDS_ALLOW';

/** Where the paths a campaign names may lead: its own folder and the folders the user allowed. */
export interface Containment {
  /** The campaign folder (absolute). */
  root: string;
  /** Folders the user allowed (absolute), from the user's settings only. */
  allowed: readonly string[];
}

/** Whether a path written in a campaign file is relative and stays inside its folder (no `..`, no drive, not absolute, no NUL). */
export function isContainedRelative(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0')) return false;
  return !rel.split(/[\\/]+/).some((seg) => seg === '..');
}

/** Whether `file` is `folder` or lies below it. */
export function isInside(file: string, folder: string): boolean {
  if (file === folder || plainBelow(file, folder) !== undefined) return true;
  const rel = path.relative(folder, file);
  // `..x` is a name below the folder; `..` alone or followed by a separator leaves it
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A `.` or `..` segment, a doubled separator, a leading or trailing one: a path whose place a string comparison cannot tell. */
const NOT_PLAIN = /(?:^|[\\/])\.\.?(?:[\\/]|$)|[\\/][\\/]|^[\\/]|[\\/]$/;

/**
 * `file` relative to `folder` when it plainly lies below it — `folder`, a separator, then segments
 * without `.`, `..` or doubled separators — told by comparing strings (`path.relative` resolves
 * both paths first, and a campaign asks it for each of its files); undefined when that cannot be
 * told so (another case on Windows, a path to resolve), and the caller then asks `path`.
 */
export function plainBelow(file: string, folder: string): string | undefined {
  const base = folder.endsWith(path.sep) ? folder : folder + path.sep;
  if (file.length <= base.length || !file.startsWith(base)) return undefined;
  const rest = file.slice(base.length);
  return NOT_PLAIN.test(rest) ? undefined : rest;
}

/** The folders the user allowed: `INSPECTION_RECORDS_ALLOW` and the given ones (relative to `cwd`), absolute, without empties. */
export function allowedFolders(env: Record<string, string | undefined>, cwd: string, given: readonly string[] = []): string[] {
  const fromEnv = (env[ALLOW_ENV] ?? '').split(path.delimiter);
  return [...new Set([...fromEnv, ...given].map((f) => f.trim()).filter((f) => f && !f.includes('\0')).map((f) => path.resolve(cwd, f)))];
}

/** A path a campaign names, resolved: inside the campaign or an allowed folder, outside both, or not there. */
export type ContainedPath =
  | { status: 'inside'; path: string; real: string }
  | { status: 'outside'; path: string }
  | { status: 'missing'; path: string; code: string };

/** Whether `rel` could be a path at all on this system (a Windows drive on POSIX cannot). */
function plausible(rel: string): boolean {
  if (!rel || rel.includes('\0')) return false;
  return process.platform === 'win32' || !/^[A-Za-z]:/.test(rel);
}

/** The real folders `c` stands for (the campaign's and the allowed ones that exist). */
function realRoots(c: Containment, realpath: (p: string) => string | undefined): string[] {
  const out: string[] = [];
  for (const f of [c.root, ...c.allowed]) {
    const r = realpath(path.resolve(f));
    if (r) out.push(r);
  }
  return out;
}

function decide(rel: string, base: string, c: Containment, realpath: (p: string) => string | undefined, errno: (p: string) => string): ContainedPath {
  const candidate = path.resolve(base, rel);
  if (!plausible(rel)) return { status: 'outside', path: candidate };
  const lexical = [c.root, ...c.allowed].map((f) => path.resolve(f));
  if (!lexical.some((f) => isInside(candidate, f))) return { status: 'outside', path: candidate };
  const real = realpath(candidate);
  const roots = realRoots(c, realpath);
  if (real !== undefined) return roots.some((r) => isInside(real, r)) ? { status: 'inside', path: candidate, real } : { status: 'outside', path: candidate };
  // not there: the nearest folder above it that is must lie inside (a link there could lead out)
  let up = path.dirname(candidate);
  for (;;) {
    const realUp = realpath(up);
    if (realUp !== undefined) {
      if (!roots.some((r) => isInside(realUp, r))) return { status: 'outside', path: candidate };
      break;
    }
    const next = path.dirname(up);
    if (next === up) break;
    up = next;
  }
  return { status: 'missing', path: candidate, code: errno(candidate) };
}

/** Resolves a path a campaign file names (relative to `base`) and says whether it stays inside `c`. */
export async function resolveContained(rel: string, base: string, c: Containment): Promise<ContainedPath> {
  // the real paths are gathered first (asynchronously), then judged like the synchronous version
  const known = new Map<string, string | undefined>();
  const codes = new Map<string, string>();
  const gather = async (p: string): Promise<void> => {
    if (known.has(p)) return;
    try {
      known.set(p, await fs.realpath(p));
    } catch (e) {
      known.set(p, undefined);
      codes.set(p, (e as NodeJS.ErrnoException).code ?? 'ENOENT');
    }
  };
  const candidate = path.resolve(base, rel);
  await Promise.all([c.root, ...c.allowed].map((f) => gather(path.resolve(f))));
  for (let p = candidate; ; p = path.dirname(p)) {
    await gather(p);
    if (known.get(p) !== undefined || path.dirname(p) === p) break;
  }
  return decide(rel, base, c, (p) => known.get(p), (p) => codes.get(p) ?? 'ENOENT');
}

/** `resolveContained` for synchronous callers (profiles, templates). */
export function resolveContainedSync(rel: string, base: string, c: Containment): ContainedPath {
  const codes = new Map<string, string>();
  const realpath = (p: string): string | undefined => {
    try {
      return realpathSync.native(p);
    } catch (e) {
      codes.set(p, (e as NodeJS.ErrnoException).code ?? 'ENOENT');
      return undefined;
    }
  };
  return decide(rel, base, c, realpath, (p) => codes.get(p) ?? 'ENOENT');
}

/** Whether an absolute path (a request's argument, a link's target) lies inside one of `folders`, judged on real paths. */
export async function isInsideAny(file: string, folders: readonly string[]): Promise<boolean> {
  if (folders.length === 0) return false;
  const real = await fs.realpath(file).catch(() => undefined);
  if (real === undefined) return false;
  for (const f of folders) {
    const r = await fs.realpath(f).catch(() => undefined);
    if (r !== undefined && isInside(real, r)) return true;
  }
  return false;
}
