// A campaign's per-record check results kept between runs, so that a second run re-checks only the
// records whose text changed. One file per campaign in the user's cache folder (never inside the
// campaign), named by a hash of the campaign's path. Every entry is keyed by a hash of the record's
// text; the whole file is valid only for one fingerprint of everything else a result depends on
// (tool version, locale, campaign.yaml, the profile files, the registry exports). A cache that cannot
// be read, or was written by another version, is simply not used: the cache only ever saves time.
// It is also the index of a warm run: each entry keeps the file's size, modification and change times
// and inode, so that an unchanged file is not even read (see `unchangedOnDisk`), and each result is
// kept as its own serialized blob, decoded only when something asks for it (the bulletin does, a
// `check` whose record has no problem does not).
// A cache can neither lie nor break a run: the index carries a keyed MAC (HMAC-SHA256 with a secret
// kept in the cache folder, readable by its owner only) checked before anything in it is decoded,
// and the digest of its blob file; on POSIX systems the files must belong to the user and be
// writable by no one else. Anything else — truncated, forged, another user's, a pipe or a device,
// too large — is ignored, rebuilt, and said (`CacheRead.notice`).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import pkg from '../../../../package.json';
import settings from './resultCache.json';
import type { ImportProblem } from '../registry/registryTypes';
import type { RuleOutcome } from '../rules/engine';
import { writeFileAtomic } from '../io/atomicWrite';
import { ownedByUser, readLimit, readRegular, readRegularSync } from '../io/readText';
import type { FileStamp } from './campaignFolder';
import type { DocumentCheck } from './workspace';

/** Bumped whenever the layout of a cache file or of a stored result changes. */
const CACHE_LAYOUT = 3;
const CACHE_FORMAT = 'inspection-records/result-cache';
export { CACHE_ENV, cacheFolder } from './cacheLocation';

/** A record's check as cached: what `runChecks` found, before reading problems and duplicate checks. */
export type CachedCheck = Omit<DocumentCheck, 'parsed'>;


/**
 * How close (ms) to the scan a file's modification time may be before the stamp is not trusted: a
 * file written twice within one tick of a coarse clock (FAT keeps 2 s) keeps its size and time.
 */
export const MTIME_SLACK_MS = 2000;

export interface CachedEntry {
  /** Hash of the file's text. */
  hash: string;
  /** The file as it was when its text was read (absent: always read it). */
  stamp?: FileStamp;
  /** The `kind` line the folder scan read in it. */
  declaredKind?: string;
  /** The problems reading it gave (an encoding warning …), kept for runs that do not read it. */
  readProblems: CachedCheck['diagnostics'];
  kind: CachedCheck['kind'];
  /** The check's diagnostics (before reading problems and duplicate checks). */
  diagnostics: CachedCheck['diagnostics'];
  /**
   * The rest of the check (record, result, registry), serialized: decode with `decodeCheck`. On disk
   * the blobs are in a file of their own beside the index, read only when a result is decoded.
   */
  rest: Uint8Array | BlobRef;
  /** Whether the text holds a suppression comment (`inspection-disable-`): else its diagnostics need no text. */
  marked: boolean;
  /** Duplicate-detection keys of the record. */
  keys: string[];
  /** Where the blob's rule outcome indices start in the cache's list of outcomes (absent: 0); blobs made by a check worker index its own list. */
  outcomeBase?: number;
}

/** The registry figures a run needs when no record has to be reconciled again. */
export interface CachedRegistry {
  /** Campaign-relative paths of the exports and the mapping file. */
  files: string[];
  problems: ImportProblem[];
  /** Running rows per kind, null for a kind without a registry; absent when there is no index at all. */
  running?: { website: number | null; media: number | null };
}

/** Where an entry's blob lies in the blob file, and its digest (a blob is read alone, without the whole file). */
export interface BlobRef {
  offset: number;
  length: number;
  digest: string;
}

/** Gives the bytes of a blob of the blob file, or undefined when they are not what the index wrote. */
export type BlobReader = (ref: BlobRef) => Uint8Array | undefined;

export interface CampaignCache {
  format: typeof CACHE_FORMAT;
  layout: number;
  toolVersion: string;
  root: string;
  fingerprint: string;
  /** When the run that wrote the cache began reading files (ms since the epoch). */
  scannedAt: number;
  /** The blob file's token (its first bytes): a blob file of another write is not used. */
  blobToken: string;
  /** SHA-256 of the whole blob file (the index's MAC covers it): a blob file changed since is not used. */
  blobDigest: string;
  /** Reads blobs of the blob file (none when it is missing or not of this index). */
  blobs?: BlobReader;
  registry: CachedRegistry;
  /** Campaign-relative path (`/`) → entry. */
  entries: Map<string, CachedEntry>;
  /**
   * The distinct rule outcomes the entries share. Most records have the same outcome for most rules,
   * so each entry points into this list rather than holding copies: the file is a quarter the size.
   */
  outcomes: RuleOutcome[];
}

/**
 * Makes equal rule outcomes one object, so that the serializer writes each once. Outcomes read from
 * a cache are already shared (the serializer keeps identity), so only new ones are compared.
 */
export class OutcomeTable {
  private readonly known: Set<RuleOutcome>;
  private readonly byKey = new Map<string, RuleOutcome>();
  private readonly used = new Set<RuleOutcome>();

  constructor(previous: readonly RuleOutcome[] = []) {
    this.known = new Set(previous);
    for (const o of previous) this.byKey.set(outcomeKey(o), o);
  }

  /** The shared outcome equal to `o`. */
  intern(o: RuleOutcome): RuleOutcome {
    let shared = o;
    if (!this.known.has(o)) {
      const key = outcomeKey(o);
      const found = this.byKey.get(key);
      if (found) shared = found;
      else (this.byKey.set(key, o), this.known.add(o));
    }
    this.used.add(shared);
    return shared;
  }

  /** The outcomes interned so far (what the cache file keeps). */
  list(): RuleOutcome[] {
    return [...this.used];
  }
}

/** A check's record, result and registry outcome as a blob, its rule outcomes as indices into the shared list. */
export function encodeCheck(check: CachedCheck, outcomes: OutcomeTable, index: Map<RuleOutcome, number>): Uint8Array {
  const { diagnostics: _d, kind: _k, ...rest } = check;
  if (rest.result) {
    const ids = rest.result.outcomes.map((o) => {
      const shared = outcomes.intern(o);
      let i = index.get(shared);
      if (i === undefined) index.set(shared, (i = index.size));
      return i;
    });
    return v8.serialize({ ...rest, result: { ...rest.result, outcomes: ids } });
  }
  return v8.serialize(rest);
}

/** The check an entry holds, decoded (undefined when its blob is damaged); `outcomes` is the list its outcome indices point into. */
export function decodeCheck(entry: Pick<CachedEntry, 'rest' | 'kind' | 'diagnostics' | 'outcomeBase'>, outcomes: readonly RuleOutcome[], blobs?: BlobReader): CachedCheck | undefined {
  try {
    const bytes = blobBytes(entry.rest, blobs);
    if (!bytes) return undefined;
    const rest = v8.deserialize(bytes) as Partial<CachedCheck> | null;
    if (!rest || typeof rest !== 'object') return undefined;
    if (rest.result) {
      const base = entry.outcomeBase ?? 0;
      const ids = (rest.result as unknown as { outcomes: unknown }).outcomes;
      if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i) && i >= 0 && base + i < outcomes.length)) return undefined;
      rest.result = { ...rest.result, outcomes: (ids as number[]).map((i) => outcomes[base + i]) };
    }
    return { ...(rest as CachedCheck), kind: entry.kind, diagnostics: entry.diagnostics };
  } catch {
    return undefined;
  }
}

/** An entry's blob: its own bytes, or its place in the blob file. */
export function blobBytes(rest: Uint8Array | BlobRef, blobs?: BlobReader): Uint8Array | undefined {
  if (rest instanceof Uint8Array) return rest;
  return blobs?.(rest);
}

/** A blob's digest as the index keeps it (128 bits of SHA-256). */
function blobDigestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}

/** Blobs read one at a time before the whole blob file is read instead (a bulletin, or a cache written again, reads them all). */
const BLOBS_READ_ALONE = 64;

/**
 * The reader of a blob file: a few blobs are read alone (a warm `check` decodes only the records
 * with duplicates), past that the whole file is read once. Either way the file must be the user's,
 * begin with the index's token, and each blob match its digest.
 */
function blobReader(file: string, token: string, digest: string): BlobReader {
  let whole: Buffer | undefined | null = null;
  let alone = 0;
  return (ref) => {
    if (ref.offset < BLOB_HEADER) return undefined;
    let bytes: Uint8Array | undefined;
    if (whole === null && alone < BLOBS_READ_ALONE) {
      alone++;
      bytes = readBlobAlone(file, token, ref);
    } else {
      if (whole === null) {
        const r = readRegularSync(file, readLimit('cacheBlobs'));
        whole = 'bytes' in r && ownedByUser(r.stat) && r.bytes.subarray(0, BLOB_HEADER).toString('latin1') === token && sha256(r.bytes) === digest ? r.bytes : undefined;
      }
      if (whole && ref.offset + ref.length <= whole.length) bytes = whole.subarray(ref.offset, ref.offset + ref.length);
    }
    return bytes && blobDigestOf(bytes) === ref.digest ? bytes : undefined;
  };
}

/** One blob read from the blob file (its owner and token checked), or undefined. */
function readBlobAlone(file: string, token: string, ref: BlobRef): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || !ownedByUser(stat) || ref.offset + ref.length > stat.size) return undefined;
    const head = Buffer.alloc(BLOB_HEADER);
    if (readSync(fd, head, 0, BLOB_HEADER, 0) !== BLOB_HEADER || head.toString('latin1') !== token) return undefined;
    const bytes = Buffer.alloc(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(fd, bytes, done, ref.length - done, ref.offset + done);
      if (n === 0) return undefined;
      done += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Bytes of the blob file's token at its start. */
const BLOB_HEADER = 24;

/**
 * Whether a file still holds the text an entry was made from, judged by its stamp alone: same size,
 * modification and change times and inode, and modified well before the run that read it (else two
 * writes within one clock tick could look the same).
 */
export function unchangedOnDisk(entry: CachedEntry | undefined, stamp: FileStamp, scannedAt: number): boolean {
  const s = entry?.stamp;
  return !!s && s.size === stamp.size && s.mtimeMs === stamp.mtimeMs && s.ctimeMs === stamp.ctimeMs && s.ino === stamp.ino && s.mtimeMs + MTIME_SLACK_MS < scannedAt && s.ctimeMs + MTIME_SLACK_MS < scannedAt;
}

function outcomeKey(o: RuleOutcome): string {
  // most outcomes have no condition detail: a cheap key for those
  return o.conditions.length === 0 && Object.keys(o).length === 4 ? `${o.ruleId}\u0000${o.kind}\u0000${o.status}` : JSON.stringify(o);
}

/** The cache file of a campaign (absolute root) inside `folder`. */
export function cacheFileOf(folder: string, root: string): string {
  return path.join(folder, `campaign-${hashText(path.resolve(root)).slice(0, 32)}.v8`);
}

/** A short hash of a text (not for security: it only tells whether a file changed). */
export function hashText(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** The version of the tool, part of every fingerprint (a new version may check differently). */
export function toolVersion(): string {
  return String((pkg as { version?: string }).version ?? '0');
}

/** The running program's file (the bundle) by size and time: a rebuild of the same version is new code too. */
function buildStamp(): string {
  try {
    const s = statSync(require.main?.filename ?? __filename);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}

/**
 * The fingerprint of what every result depends on besides the record's own text: the tool version,
 * the locale, the campaign root, and the contents of the given files (campaign.yaml, profile files,
 * registry exports). A missing or unreadable file counts as such, so that its appearing changes it.
 */
export async function fingerprint(parts: { locale: string; root: string; files: string[] }): Promise<string> {
  const hash = createHash('sha1');
  hash.update(`${CACHE_FORMAT}\u0000${CACHE_LAYOUT}\u0000${toolVersion()}\u0000${buildStamp()}\u0000${parts.locale}\u0000${path.resolve(parts.root)}\u0000`);
  const files = [...new Set(parts.files.map((f) => path.resolve(f)))].sort();
  // read as the checks read them: a pipe or a device is not read (it would block or never end)
  const contents = await Promise.all(
    files.map(async (f) => {
      const r = await readRegular(f, readLimit('registry'));
      return 'bytes' in r ? hashText(r.bytes) : `!${r.refused.reason === 'errno' ? r.refused.code : r.refused.reason}`;
    }),
  );
  files.forEach((f, i) => hash.update(`${f}\u0000${contents[i]}\u0000`));
  return hash.digest('base64url');
}

const CACHE_FILE = /^campaign-[\w-]+\.(v8|blobs)$/;
const BLOB_SUFFIX = '.blobs';

/** The blob file beside a cache index. */
export function blobFileOf(indexFile: string): string {
  return indexFile.replace(/\.v8$/, BLOB_SUFFIX);
}

/** Why a cache on disk was not used, when that deserves a word to the user (a missing or outdated one does not). */
export type CacheDistrust = 'forged' | 'damaged' | 'notRegular' | 'notOwned' | 'tooLarge';

/** A campaign's cache as read: the cache, or nothing (with the reason, when it was distrusted). */
export interface CacheRead {
  cache?: CampaignCache;
  distrust?: CacheDistrust;
}

/** The first bytes of an index file: the layout of what follows (MAC, then the serialized index). */
const INDEX_MAGIC = Buffer.from('inspection-records cache 2\n', 'latin1');
const MAC_BYTES = 32;
/** The cache folder's secret (HMAC key), readable and writable by its owner only. */
export const CACHE_KEY_FILE = 'cache-key';


/**
 * The cache folder's secret: read (a regular file of the user's, private to them), or made once
 * (exclusive create, mode 0600). Undefined when the folder holds one that cannot be trusted or read.
 */
export async function cacheKey(folder: string, create: boolean): Promise<Buffer | undefined> {
  const file = path.join(folder, CACHE_KEY_FILE);
  const read = await readRegular(file, readLimit('cacheSecret'));
  if ('bytes' in read) {
    const privateToOwner = typeof process.getuid !== 'function' || (read.stat.uid === process.getuid() && (read.stat.mode & 0o077) === 0);
    return privateToOwner && read.bytes.length >= 32 ? read.bytes : undefined;
  }
  if (!create || read.refused.reason !== 'errno' || read.refused.code !== 'ENOENT') return undefined;
  try {
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(randomBytes(32).toString('hex'));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    // another run made it at the same moment: use theirs
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  return cacheKey(folder, false);
}

function mac(key: Buffer, payload: Uint8Array): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** The serialized index, checked: its MAC under `key`; undefined when it does not verify. */
function verifiedPayload(data: Buffer, key: Buffer): Buffer | undefined {
  if (data.length < INDEX_MAGIC.length + MAC_BYTES || !data.subarray(0, INDEX_MAGIC.length).equals(INDEX_MAGIC)) return undefined;
  const given = data.subarray(INDEX_MAGIC.length, INDEX_MAGIC.length + MAC_BYTES);
  const payload = data.subarray(INDEX_MAGIC.length + MAC_BYTES);
  return timingSafeEqual(given, mac(key, payload)) ? payload : undefined;
}

/** An index file's bytes for `value` (serialized, with its MAC under `key`). */
export function signedIndex(value: unknown, key: Buffer): Buffer {
  const payload = v8.serialize(value);
  return Buffer.concat([INDEX_MAGIC, mac(key, payload), payload]);
}

/** Reads a cache index's value (verified), for tests and tools that must look inside one. */
export async function readIndexValue(file: string): Promise<unknown> {
  const key = await cacheKey(path.dirname(file), false);
  const read = await readRegular(file, readLimit('cacheIndex'));
  if (!key || !('bytes' in read)) return undefined;
  const payload = verifiedPayload(read.bytes, key);
  return payload && v8.deserialize(payload);
}

/** Writes a cache index's value, signed with the folder's secret (tests change indexes this way). */
export async function writeIndexValue(file: string, value: unknown): Promise<void> {
  const key = await cacheKey(path.dirname(file), true);
  if (!key) throw new Error(`no cache key in ${path.dirname(file)}`);
  await writeFileAtomic(file, signedIndex(value, key), { overwrite: true, mode: 0o600 });
}

/**
 * Reads a campaign's cache. Nothing when there is none, or one of another version, folder or
 * layout; nothing with the reason when it cannot be trusted (see CacheDistrust): either way the
 * run checks everything and writes a new one.
 */
export async function readCache(file: string, root: string): Promise<CacheRead> {
  const read = await readRegular(file, readLimit('cacheIndex'));
  if ('refused' in read) {
    const r = read.refused;
    if (r.reason === 'errno') return r.code === 'ENOENT' || r.code === 'ENOTDIR' ? {} : { distrust: 'damaged' };
    return { distrust: r.reason === 'tooLarge' ? 'tooLarge' : 'notRegular' };
  }
  if (!ownedByUser(read.stat)) return { distrust: 'notOwned' };
  // not even the layout's first bytes (truncated, random, an older version's): damaged
  if (!read.bytes.subarray(0, INDEX_MAGIC.length).equals(INDEX_MAGIC)) return { distrust: 'damaged' };
  const key = await cacheKey(path.dirname(file), false);
  const payload = key && verifiedPayload(read.bytes, key);
  if (!payload) return { distrust: read.bytes.length < INDEX_MAGIC.length + MAC_BYTES ? 'damaged' : 'forged' };
  try {
    const value = v8.deserialize(payload) as Partial<CampaignCache> | null;
    if (!value || typeof value !== 'object') return { distrust: 'damaged' };
    if (value.format !== CACHE_FORMAT || value.layout !== CACHE_LAYOUT || value.toolVersion !== toolVersion()) return {};
    if (value.root !== path.resolve(root)) return {};
    if (typeof value.fingerprint !== 'string' || typeof value.scannedAt !== 'number') return { distrust: 'damaged' };
    if (!(value.entries instanceof Map) || !Array.isArray(value.outcomes) || !value.registry || !Array.isArray(value.registry.files) || !Array.isArray(value.registry.problems)) return { distrust: 'damaged' };
    if (typeof value.blobToken !== 'string' || typeof value.blobDigest !== 'string') return { distrust: 'damaged' };
    for (const e of value.entries.values()) if (!validEntry(e)) return { distrust: 'damaged' };
    const token = value.blobToken;
    const digest = value.blobDigest;
    // the blob file is the one this index was written with: same token, same digests, the user's
    value.blobs = blobReader(blobFileOf(file), token, digest);
    return { cache: value as CampaignCache };
  } catch {
    // verified but not decodable: written by a broken run
    return { distrust: 'damaged' };
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** The shape of an entry (its blob is checked when decoded). */
function validEntry(e: unknown): e is CachedEntry {
  const x = e as Partial<CachedEntry> | null;
  if (!x || typeof x !== 'object' || typeof x.hash !== 'string' || typeof x.marked !== 'boolean') return false;
  const r = x.rest as BlobRef | undefined;
  if (!r || typeof r !== 'object' || !Number.isInteger(r.offset) || !Number.isInteger(r.length) || r.length < 0 || typeof r.digest !== 'string') return false;
  if (!Array.isArray(x.keys) || !Array.isArray(x.diagnostics) || !Array.isArray(x.readProblems)) return false;
  if (x.outcomeBase !== undefined && !(Number.isInteger(x.outcomeBase) && x.outcomeBase >= 0)) return false;
  const s = x.stamp;
  return s === undefined || (typeof s === 'object' && s !== null && [s.size, s.mtimeMs, s.ctimeMs, s.ino].every((n) => typeof n === 'number'));
}

/** Writes a campaign's cache atomically, signed with the folder's secret; failures are ignored (a read-only home only costs time). */
export async function writeCache(file: string, cache: Omit<CampaignCache, 'format' | 'layout' | 'toolVersion' | 'blobToken' | 'blobDigest' | 'blobs'>, previousBlobs?: BlobReader): Promise<boolean> {
  try {
    const key = await cacheKey(path.dirname(file), true);
    if (!key) return false;
    // the blobs first, in a file of their own, then the index that points into them
    const token = `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}`.padEnd(BLOB_HEADER, '.').slice(0, BLOB_HEADER);
    const parts: Uint8Array[] = [Buffer.from(token, 'latin1')];
    let offset = BLOB_HEADER;
    const entries = new Map<string, CachedEntry>();
    for (const [rel, e] of cache.entries) {
      const bytes = blobBytes(e.rest, previousBlobs);
      if (!bytes) continue; // a blob lost with a damaged blob file: that record is checked again next time
      parts.push(bytes);
      entries.set(rel, { ...e, rest: { offset, length: bytes.length, digest: e.rest instanceof Uint8Array ? blobDigestOf(bytes) : e.rest.digest } });
      offset += bytes.length;
    }
    const blobFile = Buffer.concat(parts, offset);
    await writeFileAtomic(blobFileOf(file), blobFile, { overwrite: true, mode: 0o600 });
    const value = { format: CACHE_FORMAT, layout: CACHE_LAYOUT, toolVersion: toolVersion(), ...cache, entries, blobToken: token, blobDigest: sha256(blobFile) };
    await writeFileAtomic(file, signedIndex(value, key), { overwrite: true, mode: 0o600 });
    await pruneCaches(path.dirname(file), Date.now() - settings.pruneAfterDays * 86_400_000);
    return true;
  } catch {
    return false;
  }
}

/** Deletes the cache files of the folder last written before `before` (ms since the epoch). */
async function pruneCaches(folder: string, before: number): Promise<void> {
  for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
    if (!CACHE_FILE.test(name)) continue;
    const file = path.join(folder, name);
    // a blob file goes with its index (whose time a warm run refreshes), or alone when the index is gone
    const index = name.endsWith(BLOB_SUFFIX) ? file.slice(0, -BLOB_SUFFIX.length) + '.v8' : file;
    const stat = await fs.stat(index).catch(() => undefined);
    if (!stat || stat.mtimeMs < before) {
      const own = await fs.stat(file).catch(() => undefined);
      if (own && own.mtimeMs < before) await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }
}

/** Marks a cache as used (it was read whole and needs no writing), so that pruning keeps it. */
export async function touchCache(file: string): Promise<void> {
  const now = new Date();
  await fs.utimes(file, now, now).catch(() => undefined);
}
