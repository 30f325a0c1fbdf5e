// A regular file's bytes, read safely: only a regular file (a pipe, a device or a socket is refused,
// judged on the opened descriptor, so nothing can change between the check and the read), never more
// than a limit; stats of many files; whether a file is the user's own. Node's file API only: light
// enough for the CLI's launcher (core/io/codeCache.ts), and the ground readText.ts decodes on.
import { close, constants, fstat, fstatSync, open, openSync, closeSync, read, readSync, stat as statFile, statSync, type Stats } from 'node:fs';

/**
 * Why a file's bytes were not read: an errno code of the file system (`ENOENT`, `EACCES` …), not a
 * regular file (`notRegular`, with what it is), or larger than the limit (`tooLarge`).
 */
export type ReadRefusal =
  | { reason: 'errno'; code: string; message: string }
  | { reason: 'notRegular'; type: SpecialFileType }
  | { reason: 'tooLarge'; size: number; limit: number };

/** What a path that is not a regular file is. */
export type SpecialFileType = 'directory' | 'fifo' | 'device' | 'socket' | 'other';

/** The bytes of a regular file, or why they were not read. */
/** `changed`: the file's size or modification time moved while it was read (another program writing it). */
export type RegularRead = { bytes: Buffer; stat: Stats; changed?: boolean } | { refused: ReadRefusal };

// Opening a named pipe for reading blocks until a writer comes (for ever): opened without blocking,
// and then refused because it is no regular file. O_NOFOLLOW is not used: links are followed, and
// where they may lead is the caller's check (io/containment.ts).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1 << 20;

/** Whether a file was written while it was read: its size or times moved, or it held other than its size. */
function movedWhileRead(before: Stats, after: Stats, read: number): boolean {
  return before.size !== after.size || before.mtimeMs !== after.mtimeMs || read !== before.size;
}

/** The next read's size: what fstat says is left (plus one byte, to see a file that grew), at most a chunk and limit + 1 in all. */
function chunkSize(size: number, done: number, limit: number): number {
  // the whole file and one byte in one read (the byte tells a file that grew), one buffer and no
  // copy (a 100 MB cache index was read in 1 MiB pieces and joined: 0.7 s); beyond its size, pieces
  return Math.max(1, Math.min(limit + 1 - done, done <= size ? size - done + 1 : CHUNK));
}

function specialType(stat: Stats): SpecialFileType {
  if (stat.isDirectory()) return 'directory';
  if (stat.isFIFO()) return 'fifo';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  if (stat.isSocket()) return 'socket';
  return 'other';
}

/** Why an opened file is not read: not a regular file, or larger than the limit; undefined when it is read. */
function refusalOf(stat: Stats, limit: number): ReadRefusal | undefined {
  if (!stat.isFile()) return { reason: 'notRegular', type: specialType(stat) };
  if (stat.size > limit) return { reason: 'tooLarge', size: stat.size, limit };
  return undefined;
}

function errnoRefusal(e: unknown): { refused: ReadRefusal } {
  const err = e as NodeJS.ErrnoException;
  return { refused: { reason: 'errno', code: err?.code ?? 'EIO', message: err?.message ?? String(e) } };
}

/**
 * Reads a regular file's bytes, at most `limit` of them: the file is opened without blocking, its
 * type and size taken from the opened descriptor (fstat), and a file growing while it is read is
 * still cut at limit + 1 bytes and refused. Never throws.
 */
export async function readRegular(file: string, limit: number): Promise<RegularRead> {
  let fd: number | undefined;
  try {
    fd = await callback<number>((done) => open(file, OPEN_FLAGS, done));
    const opened = fd;
    const stat = await callback<Stats>((done) => fstat(opened, done));
    const refused = refusalOf(stat, limit);
    if (refused) return { refused };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize(stat.size, total, limit));
      const bytesRead = await callback<number>((done) => read(opened, buffer, 0, buffer.length, null, done));
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { refused: { reason: 'tooLarge', size: total, limit } };
      // a regular file reads short only at its end: no further read to learn it
      if (bytesRead < buffer.length) break;
    }
    const after = await callback<Stats>((done) => fstat(opened, done));
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stat, ...(movedWhileRead(stat, after, total) ? { changed: true } : {}) };
  } catch (e) {
    return errnoRefusal(e);
  } finally {
    const opened = fd;
    if (opened !== undefined) await new Promise<void>((resolve) => close(opened, () => resolve()));
  }
}

/**
 * Node's callback file API as a promise: a campaign reads each of its files with four calls, and
 * `fs.promises` (a FileHandle per file) costs several times as much per call — 165,001 files read
 * in about 30 s that way on this project's benchmark machine.
 */
function callback<T>(call: (done: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
}

/** A file's stat through the same callback API, undefined when it cannot be had (a warm run stats every file: 1.3 s for 165,005 files against 2.9 s through `fs.promises.stat`). */
export function statOrUndefined(file: string): Promise<Stats | undefined> {
  return callback<Stats>((done) => statFile(file, done)).catch(() => undefined);
}

/**
 * Stats many files the fastest way the disk allows: synchronously while stats come back at once (a
 * local disk, its metadata cached: 165,005 files in 0.9 s against 1.9 s through the callback API),
 * through the callback API — many at a time, each waiting on the disk — once they are slow (a
 * network share). Slow means most of a window of stats took long, not one: a busy machine stalls a
 * single call now and then. A synchronous run gives the event loop a turn every few milliseconds.
 */
export class FileStamper {
  private slow = false;
  private sliceStart = performance.now();
  private window = 0;
  private slowInWindow = 0;

  /** Stats judged together, and how many of them must be slow to go over to the callback API. */
  static readonly WINDOW = 64;
  static readonly SLOW_IN_WINDOW = 32;
  /** How long synchronous stats may hold the event loop (ms). */
  static readonly SLICE_MS = 20;

  /** `slowMs`: a stat slower than this (ms) did not come from memory. */
  constructor(private readonly slowMs = 1) {}

  /** Whether this stamper has gone over to the callback API. */
  get parallel(): boolean {
    return this.slow;
  }

  async stat(file: string): Promise<Stats | undefined> {
    if (this.slow) return statOrUndefined(file);
    const started = performance.now();
    let stat: Stats | undefined;
    try {
      stat = statSync(file);
    } catch {
      stat = undefined;
    }
    const now = performance.now();
    if (now - started > this.slowMs) this.slowInWindow++;
    if (++this.window === FileStamper.WINDOW) {
      if (this.slowInWindow >= FileStamper.SLOW_IN_WINDOW) this.slow = true;
      this.window = this.slowInWindow = 0;
    }
    if (now - this.sliceStart > FileStamper.SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sliceStart = performance.now();
    }
    return stat;
  }
}

/** `readRegular` for synchronous callers (profiles, templates). */
export function readRegularSync(file: string, limit: number): RegularRead {
  let fd: number | undefined;
  try {
    fd = openSync(file, OPEN_FLAGS);
    const stat = fstatSync(fd);
    const refused = refusalOf(stat, limit);
    if (refused) return { refused };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize(stat.size, total, limit));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return { refused: { reason: 'tooLarge', size: total, limit } };
      if (bytesRead < buffer.length) break;
    }
    const after = fstatSync(fd);
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), stat, ...(movedWhileRead(stat, after, total) ? { changed: true } : {}) };
  } catch (e) {
    return errnoRefusal(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a file (or folder) may be trusted as the user's own: theirs, and writable by no one else (always on Windows). */
export function ownedByUser(stat: Stats): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}
