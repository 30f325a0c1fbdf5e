// Outputs are written atomically: to a temporary file in the same folder, flushed, then renamed
// over the target, so a crash, a full disk or a read-only folder never leaves a half-written file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`output exists: ${file}`);
  }
}

/** Writes `data` to `file` atomically; refuses to replace an existing file unless `overwrite`; `mode` for a private file (0o600). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { overwrite?: boolean; mode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  if (!options.overwrite) {
    try {
      await fs.lstat(file);
      throw new OutputExistsError(file);
    } catch (e) {
      if (e instanceof OutputExistsError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  // the temporary name stays short whatever the target's (a name near the system's limit would not fit twice)
  const tmp = path.join(dir, `.${[...path.basename(file)].slice(0, 32).join('')}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', options.mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (!options.overwrite) {
      // link() fails if the target appeared meanwhile, so a concurrent writer is never clobbered
      await fs.link(tmp, file).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw new OutputExistsError(file);
        if (e.code === 'EPERM' || e.code === 'ENOTSUP' || e.code === 'EXDEV') return fs.rename(tmp, file);
        throw e;
      });
      await fs.rm(tmp, { force: true });
    } else {
      await fs.rename(tmp, file);
    }
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    // the error names the file the user asked for, not the temporary one (or none, as a handle's write)
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err === 'object' && typeof err.code === 'string' && !(e instanceof OutputExistsError)) err.path = file;
    throw e;
  }
}

/** `name.ext` numbered: itself for 1, `name (2).ext`, `name (3).ext` … */
function numbered(file: string, n: number): string {
  if (n === 1) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)} (${n})${ext}`;
}

/** Whether anything (a file, a folder, a dangling link) has this name. */
async function taken(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** A file name that does not exist yet: `name.ext`, then `name (2).ext`, `name (3).ext` … */
export async function freeFileName(file: string): Promise<string> {
  for (let i = 1; ; i++) if (!(await taken(numbered(file, i)))) return numbered(file, i);
}

/** A file an operation wrote. */
export interface WrittenFile {
  /** Absolute path. */
  file: string;
  /** Whether an existing file was replaced (`force`). */
  replaced: boolean;
  /** Whether the planned name existed and a free name was chosen instead. */
  renamed: boolean;
}

/**
 * Writes a new output: with `force` over an existing file of that name, else under the first free
 * name (`name (2).ext` …), never over anything.
 */
export async function writeNew(file: string, data: Uint8Array | string, force: boolean): Promise<WrittenFile> {
  if (force) {
    const existed = await fs.lstat(file).then(() => true, () => false);
    await writeFileAtomic(file, data, { overwrite: true });
    return { file, replaced: existed, renamed: false };
  }
  // another writer may take the free name between the check and the write: try the next one
  for (let attempt = 0; attempt < 100; attempt++) {
    const target = await freeFileName(file);
    try {
      await writeFileAtomic(target, data);
      return { file: target, replaced: false, renamed: target !== file };
    } catch (e) {
      if (!(e instanceof OutputExistsError)) throw e;
    }
  }
  throw new OutputExistsError(file);
}

/** How many numbers a set of outputs tries before it gives up (a folder full of earlier bulletins). */
const MAX_SET_NUMBER = 100;

/**
 * Writes the files of one output (a bulletin's md, docx and xlsx) under one numbering: all under
 * their planned names, else all as ` (2)`, ` (3)` …; with `force` over the planned names. Two runs at
 * once never mix their files: when another writer takes a name of the set first, the files this run
 * wrote under that number are removed again (they are its own: a name is only ever linked where none
 * was) and the next number is tried for the whole set.
 */
export async function writeNewSet(files: readonly { file: string; data: Uint8Array | string }[], force: boolean): Promise<WrittenFile[]> {
  if (force) {
    const out: WrittenFile[] = [];
    for (const f of files) out.push(await writeNew(f.file, f.data, true));
    return out;
  }
  for (let n = 1; n <= MAX_SET_NUMBER; n++) {
    const targets = files.map((f) => numbered(f.file, n));
    if ((await Promise.all(targets.map(taken))).some(Boolean)) continue;
    const written: string[] = [];
    try {
      for (const [i, f] of files.entries()) {
        await writeFileAtomic(targets[i], f.data);
        written.push(targets[i]);
      }
      return targets.map((file) => ({ file, replaced: false, renamed: n !== 1 }));
    } catch (e) {
      if (!(e instanceof OutputExistsError)) throw e;
      await Promise.all(written.map((w) => fs.rm(w, { force: true })));
    }
  }
  throw new OutputExistsError(files[0]?.file ?? '');
}
