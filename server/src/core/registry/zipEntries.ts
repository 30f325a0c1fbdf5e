// Reads the entries of a ZIP archive held in memory (an .xlsx is one): the central directory gives
// every entry's place, so entries are read in any order and only when asked for — no temporary
// files, nothing written to disk. Stored and deflated entries; sizes are checked so that a
// crafted archive cannot inflate without bound: no entry above maxEntryBytes or, above
// ratioFloorBytes, compressed more than maxRatio:1, and no more than maxTotalBytes read in all
// (importLimits.json).
import { inflateRawSync } from 'node:zlib';
import limits from './importLimits.json';

/** Why an archive cannot be read (the importer turns it into a localised message). */
export class ZipError extends Error {}

/** An entry that would decompress beyond the bounds (a zip bomb): its name and which bound. */
export class ZipLimitError extends ZipError {
  constructor(
    readonly entry: string,
    readonly limit: 'size' | 'ratio' | 'total',
    readonly size: number,
    readonly compressedSize: number,
  ) {
    super(`${entry}: decompressed size ${size} beyond the ${limit} limit`);
  }
}

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of an archive by name; `read(name)` inflates one on demand. */
export class ZipEntries {
  private readonly entries = new Map<string, Entry>();
  private readonly view: DataView;
  /** Bytes decompressed so far (bounded by maxTotalBytes). */
  private inflated = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = this.findEnd();
    const count = this.view.getUint16(end + 10, true);
    let p = this.view.getUint32(end + 16, true);
    if (count === 0xffff || p === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || this.view.getUint32(p, true) !== CENTRAL) throw new ZipError('broken central directory');
      const nameLength = this.view.getUint16(p + 28, true);
      const extraLength = this.view.getUint16(p + 30, true);
      const commentLength = this.view.getUint16(p + 32, true);
      const name = new TextDecoder('utf-8').decode(bytes.subarray(p + 46, p + 46 + nameLength));
      this.entries.set(name, {
        flags: this.view.getUint16(p + 8, true),
        method: this.view.getUint16(p + 10, true),
        compressedSize: this.view.getUint32(p + 20, true),
        size: this.view.getUint32(p + 24, true),
        localOffset: this.view.getUint32(p + 42, true),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows. */
  private findEnd(): number {
    for (let p = this.bytes.length - 22; p >= Math.max(0, this.bytes.length - 22 - 0xffff); p--) {
      if (this.view.getUint32(p, true) === EOCD) return p;
    }
    throw new ZipError('not a ZIP archive');
  }

  /** Whether the archive has an entry of that name. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The bytes of an entry, or undefined when there is none. */
  read(name: string): Uint8Array | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.flags & 1) throw new ZipError(`${name} is encrypted`);
    const p = e.localOffset;
    if (p + 30 > this.bytes.length || this.view.getUint32(p, true) !== LOCAL) throw new ZipError(`broken entry ${name}`);
    const start = p + 30 + this.view.getUint16(p + 26, true) + this.view.getUint16(p + 28, true);
    const data = this.bytes.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw new ZipError(`truncated entry ${name}`);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new ZipError(`unsupported compression in ${name}`);
    // the declared size is what inflating may produce (checked below): judged before anything is inflated
    if (e.size > limits.maxEntryBytes) throw new ZipLimitError(name, 'size', e.size, e.compressedSize);
    if (e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) throw new ZipLimitError(name, 'ratio', e.size, e.compressedSize);
    if (this.inflated + e.size > limits.maxTotalBytes) throw new ZipLimitError(name, 'total', this.inflated + e.size, e.compressedSize);
    this.inflated += e.size;
    try {
      // The declared size bounds the output: a crafted entry cannot expand beyond it.
      const out = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
      if (out.length !== e.size) throw new ZipError(`size mismatch in ${name}`);
      return out;
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new ZipError(`cannot inflate ${name}: ${(err as Error).message}`);
    }
  }

  /** An entry decoded as UTF-8 text (XML parts), or undefined. */
  text(name: string): string | undefined {
    const bytes = this.read(name);
    return bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }
}
