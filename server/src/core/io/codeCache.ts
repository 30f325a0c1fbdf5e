// Loads a CommonJS bundle with a V8 code cache, so that a short run (a warm `check`) does not spend
// a third of its time compiling the tool's own code. Node 20 has no compile cache of its own
// (module.enableCompileCache came with Node 22), and v8-compile-cache keeps only the code compiled
// when a file is loaded, not the functions a run compiles later: on a warm province `check` that
// changes nothing measurable (0.99×), the cache taken after a run does (0.87×, BENCHMARKS.md).
// The cache is written once a run is over (when there was none or V8 refused it), in the user's cache
// folder, one file per installed bundle; it is used only when it belongs to the user, no one else
// may write it, and its header names the very bundle file (size, modification time, inode) and the
// Node version and platform it was made by. Anything else is ignored and made again: the cache only
// ever saves time.
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHash } from 'node:crypto';
import { ownedByUser, readRegularSync } from './regularFile';

/** Bumped when the layout of a code cache file changes. */
const LAYOUT = 'inspection-records/code-cache 1';
/** A code cache larger than this is not read (the CLI's is about 2 MiB). */
const MAX_BYTES = 64 * 1024 * 1024;

/** What a code cache is valid for: the bundle file as it is on disk and the runtime that compiled it. */
function stampOf(bundle: string, stat: Stats): string {
  return [LAYOUT, bundle, stat.size, stat.mtimeMs, stat.ino, process.version, process.arch, process.platform].join('\u0000');
}

/** The code cache file of a bundle inside `folder`, for one kind of run (a subcommand: each compiles other functions). */
export function codeCacheFileOf(folder: string, bundle: string, run: string): string {
  const name = /^[a-z][a-z-]{0,31}$/.test(run) ? run : 'other';
  return path.join(folder, `code-${createHash('sha1').update(path.resolve(bundle)).digest('hex').slice(0, 24)}-${name}.bin`);
}

/** The cached data stored for `stamp`, or undefined when there is none that can be trusted (the user's own, in a folder of theirs). */
function readCodeCache(file: string, stamp: string): Buffer | undefined {
  try {
    if (!ownedByUser(statSync(path.dirname(file)))) return undefined;
  } catch {
    return undefined;
  }
  const read = readRegularSync(file, MAX_BYTES);
  if (!('bytes' in read) || !ownedByUser(read.stat)) return undefined;
  const header = Buffer.from(`${stamp}\n`);
  const bytes = read.bytes;
  return bytes.length > header.length && bytes.subarray(0, header.length).equals(header) ? bytes.subarray(header.length) : undefined;
}

/** Writes the cache (header, then V8's data) atomically, private to the user; failures are ignored. */
function writeCodeCache(file: string, stamp: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temp, Buffer.concat([Buffer.from(`${stamp}\n`), data]), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

/** How a load used its code cache: none asked for, none there (or not one to trust), used, or refused by V8 (made again). */
export type CodeCacheState = 'off' | 'absent' | 'used' | 'rejected';

/** A bundle loaded by `loadWithCodeCache`. */
export interface LoadedBundle {
  exports: unknown;
  cache: CodeCacheState;
  /** Writes the code cache now (done at the latest when the process exits; once). */
  save: () => void;
}

/**
 * Loads `bundle` as the main module would be loaded (its `require`, `module`, `__dirname`) with the
 * code cache of `folder` for runs of the kind `run` (none when `folder` is undefined), and gives its
 * exports. The bundle's own `require.main === module` test is false: the caller runs what it exports.
 * A cache that was missing or refused is written when the process exits, so that the functions the
 * run compiled are in it too.
 */
export function loadWithCodeCache(bundle: string, folder: string | undefined, run: string): LoadedBundle {
  const file = path.resolve(bundle);
  const stat = statSync(file);
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const cacheFile = folder ? codeCacheFileOf(folder, file, run) : undefined;
  const stamp = stampOf(file, stat);
  const cachedData = cacheFile ? readCodeCache(cacheFile, stamp) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const cache: CodeCacheState = !cacheFile ? 'off' : !cachedData ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  let saved = cache === 'off' || cache === 'used';
  const save = (): void => {
    if (saved) return;
    saved = true;
    writeCodeCache(cacheFile!, stamp, script.createCachedData());
  };
  if (!saved) process.once('exit', save);
  const mod = new Module(file, require.main);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths: (dir: string) => string[] })._nodeModulePaths(path.dirname(file));
  const localRequire = Module.createRequire(file);
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, localRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, cache, save };
}
