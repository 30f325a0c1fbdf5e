// Outputs are written atomically: to a temporary file in the same folder, flushed, then renamed
// over the target, so a crash, a full disk or a read-only folder never leaves a half-written file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

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
  const tmp = path.join(dir, `.${[...path.basename(file)].slice(0, 32).join('')}.${process.pid}.${Date.now().toString(36)}.tmp`);
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

/** A file name that does not exist yet: `name.ext`, then `name (2).ext`, `name (3).ext` … */
export async function freeFileName(file: string): Promise<string> {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? file : `${base} (${i})${ext}`;
    try {
      await fs.lstat(candidate);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
      throw e;
    }
  }
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
