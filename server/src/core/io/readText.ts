// Reads a user's file safely: only a regular file (a pipe, a device or a socket is refused, judged
// on the opened descriptor, so nothing can change between the check and the read), never more than
// the limit of its kind (readLimits.json), strict UTF-8 (BOM stripped), UTF-16 with BOM, and files
// saved as GB18030/GBK by Chinese Windows editors decoded correctly with a warning, never mojibake.
// Binary files and undecodable bytes are reported with a position instead of being guessed at.
import * as iconv from 'iconv-lite';
import bundle from '../../../../l10n/messages/files.json';
import { catalogue } from '../l10n';
import { Severity, type CoreDiagnostic, type Locale, type Range } from '../model';
import { READ_CODES } from '../codes';
import limits from './readLimits.json';
import { readRegular, readRegularSync, type ReadRefusal } from './regularFile';

export * from './regularFile';

const t = catalogue(bundle);

/** The kinds of file the tool reads, each with its size limit (readLimits.json). */
export type ReadKind = Exclude<keyof typeof limits, '$comment'>;

/** The size limit (bytes) of a kind of file. */
export function readLimit(kind: ReadKind): number {
  return limits[kind];
}

/** Default size limit of a record file: far above any real record, far below a mistake. */
export const RECORD_SIZE_LIMIT = limits.record;

/** A regular file's text as UTF-8 (BOM removed) for synchronous callers, or why it was not read. */
export function readRegularTextSync(file: string, kind: ReadKind): { text: string } | { refused: ReadRefusal } {
  const r = readRegularSync(file, readLimit(kind));
  return 'refused' in r ? r : { text: r.bytes.toString('utf8').replace(/^\uFEFF/, '') };
}

/** The localised sentence for a refusal (without the file name: callers place it). */
export function refusalMessage(r: ReadRefusal, locale: Locale, kind: ReadKind = 'record'): string {
  return refusalProblem(r, locale, kind).message;
}

/** A refusal as a diagnostic at the start of the file (`kind` words the size limit). */
export function refusalProblem(r: ReadRefusal, locale: Locale, kind: ReadKind = 'record'): CoreDiagnostic {
  if (r.reason === 'tooLarge' && kind !== 'record') {
    const args = { size: formatSize(r.size, locale), limit: formatSize(r.limit, locale), what: t(locale, `read.kind.${kind}`) };
    return problem(READ_CODES.tooLarge, Severity.Error, t(locale, 'read.tooLargeKind', args));
  }
  if (r.reason === 'tooLarge') return tooLarge(r.size, r.limit, locale);
  if (r.reason === 'notRegular') {
    if (r.type === 'directory') return problem(READ_CODES.isDirectory, Severity.Error, t(locale, 'read.isDirectory'));
    return problem(READ_CODES.notRegular, Severity.Error, t(locale, 'read.notRegular', { what: t(locale, `read.type.${r.type}`) }));
  }
  return readError({ code: r.code, message: r.message } as NodeJS.ErrnoException, locale);
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface ReadTextResult {
  /** The decoded text (BOM removed); undefined when the file could not be read or decoded. */
  text?: string;
  encoding?: TextEncodingName;
  /** Errors (text undefined) or warnings (text usable); ranges point into the file. */
  problems: CoreDiagnostic[];
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problem(code: string, severity: Severity, message: string, range: Range = START): CoreDiagnostic {
  return { range, severity, code, message, source: 'io' };
}

/**
 * Reads and decodes a user file (a regular file only), refusing files over `maxBytes` (by default
 * the limit of a record). Never throws for I/O errors.
 */
export async function readUserText(file: string, locale: Locale, maxBytes = RECORD_SIZE_LIMIT): Promise<ReadTextResult> {
  const r = await readRegular(file, maxBytes);
  if ('refused' in r) return { problems: [refusalProblem(r.refused, locale)] };
  const decoded = decodeUserBytes(r.bytes, locale);
  // what was read may be half of the old text and half of the new: said, so the user checks again
  if (r.changed) decoded.problems.push(problem(READ_CODES.changedWhileRead, Severity.Warning, t(locale, 'read.changedWhileRead')));
  return decoded;
}

function tooLarge(size: number, limit: number, locale: Locale): CoreDiagnostic {
  return problem(READ_CODES.tooLarge, Severity.Error, t(locale, 'read.tooLarge', { size: formatSize(size, locale), limit: formatSize(limit, locale) }));
}

function formatSize(bytes: number, locale: Locale): string {
  return bytes >= 1024 * 1024
    ? t(locale, 'size.mb', { value: (bytes / (1024 * 1024)).toFixed(1) })
    : t(locale, 'size.kb', { value: Math.ceil(bytes / 1024) });
}

/** The localised problem for a failed stat/read/readdir. */
export function readError(e: NodeJS.ErrnoException, locale: Locale): CoreDiagnostic {
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return problem(READ_CODES.notFound, Severity.Error, t(locale, 'read.notFound'));
    case 'EACCES':
    case 'EPERM':
      return problem(READ_CODES.permission, Severity.Error, t(locale, 'read.permission'));
    case 'EISDIR':
      return problem(READ_CODES.isDirectory, Severity.Error, t(locale, 'read.isDirectory'));
    case 'ELOOP':
      return problem(READ_CODES.loop, Severity.Error, t(locale, 'read.loop'));
    default:
      return problem(READ_CODES.failed, Severity.Error, t(locale, 'read.failed', { code: e.code ?? e.message }));
  }
}

/** Decodes a file's bytes: UTF-8 (BOM stripped), UTF-16 by BOM, else GB18030 with a warning. */
export function decodeUserBytes(bytes: Uint8Array, locale: Locale): ReadTextResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding: TextEncodingName = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = iconv.decode(Buffer.from(bytes.subarray(2)), encoding);
    const label = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return { text, encoding, problems: [problem(READ_CODES.utf16, Severity.Warning, t(locale, 'read.utf16', { encoding: label }))] };
  }
  if (bytes.includes(0)) return { problems: [problem(READ_CODES.binary, Severity.Error, t(locale, 'read.binary'))] };
  try {
    // fatal: a single invalid byte fails the decode instead of becoming U+FFFD; the BOM is consumed
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', problems: [] };
  } catch {
    // not UTF-8: below
  }
  if (isGb18030(bytes)) {
    return {
      text: iconv.decode(Buffer.from(bytes), 'gb18030'),
      encoding: 'gb18030',
      problems: [problem(READ_CODES.gb18030, Severity.Warning, t(locale, 'read.gb18030'))],
    };
  }
  const bad = firstInvalidUtf8(bytes);
  const message = t(locale, 'read.badEncoding', { byte: bytes[bad].toString(16).toUpperCase().padStart(2, '0') });
  return { problems: [problem(READ_CODES.badEncoding, Severity.Error, message, positionOfByte(bytes, bad))] };
}

/** Whether the bytes are well-formed GB18030 (1-, 2- and 4-byte sequences). */
export function isGb18030(bytes: Uint8Array): boolean {
  const inRange = (b: number | undefined, lo: number, hi: number): boolean => b !== undefined && b >= lo && b <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) i += 1;
    else if (!inRange(b, 0x81, 0xfe)) return false;
    else if (inRange(bytes[i + 1], 0x40, 0xfe) && bytes[i + 1] !== 0x7f) i += 2;
    else if (inRange(bytes[i + 1], 0x30, 0x39) && inRange(bytes[i + 2], 0x81, 0xfe) && inRange(bytes[i + 3], 0x30, 0x39)) i += 4;
    else return false;
  }
  return true;
}

/** Offset of the first byte that breaks UTF-8 (bytes.length when there is none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points above U+10FFFF are invalid too
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** The LSP position (UTF-16 column) of a byte offset, counting the valid UTF-8 text before it. */
function positionOfByte(bytes: Uint8Array, offset: number): Range {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const character = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length;
  return { start: { line, character }, end: { line, character: character + 1 } };
}
