// The server's input over stdio, framed and bounded before the JSON-RPC reader sees it: a message
// larger than the limit (a 200 MB didOpen) is skipped as it streams in, never held in memory, and a
// header block that is no LSP header (no Content-Length, a number that is none, a line too long) is
// dropped, so that the reader always starts on a message and the connection goes on answering.
import { Transform, type TransformCallback } from 'node:stream';

/** Bytes one message may have (the body after its header): far above any record, far below what exhausts memory. */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/** A header block longer than this without its blank line is no header. */
const MAX_HEADER_BYTES = 8 * 1024;
const SEPARATOR = Buffer.from('\r\n\r\n');

/** What was dropped and why, for the server's log. */
export type DroppedInput = { reason: 'tooLarge'; bytes: number } | { reason: 'badHeader'; header: string };

/** A transform passing well-formed frames up to `maxBytes` through and dropping the rest. */
export class BoundedFrames extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes still to pass through (≥ 0) or to skip (skipping true). */
  private remaining = 0;
  private skipping = false;

  constructor(
    private readonly onDropped: (d: DroppedInput) => void,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data: Buffer = chunk;
    while (data.length > 0) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, data.length);
        if (!this.skipping) this.push(data.subarray(0, n));
        this.remaining -= n;
        data = data.subarray(n);
        continue;
      }
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      data = Buffer.alloc(0);
      const end = this.pending.indexOf(SEPARATOR);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) {
          this.onDropped({ reason: 'badHeader', header: this.pending.subarray(0, 80).toString('latin1') });
          // keep the last bytes: they may be the start of the separator
          this.pending = this.pending.subarray(this.pending.length - (SEPARATOR.length - 1));
        }
        break;
      }
      let header = this.pending.subarray(0, end);
      data = this.pending.subarray(end + SEPARATOR.length);
      this.pending = Buffer.alloc(0);
      let length = contentLength(header.toString('latin1'));
      if (length === undefined) {
        // the rest of a body that was not what its length said runs into the next header: resume there
        const at = header.toString('latin1').search(/content-length:/i);
        const rest = at > 0 ? header.subarray(at) : undefined;
        const restLength = rest && contentLength(rest.toString('latin1'));
        this.onDropped({ reason: 'badHeader', header: header.subarray(0, Math.min(80, at > 0 ? at : 80)).toString('latin1') });
        if (rest === undefined || restLength === undefined) continue;
        header = rest;
        length = restLength;
      }
      this.skipping = length > this.maxBytes;
      if (this.skipping) this.onDropped({ reason: 'tooLarge', bytes: length });
      else this.push(Buffer.concat([header, SEPARATOR]));
      this.remaining = length;
      if (length === 0 && !this.skipping) continue;
    }
    done();
  }
}

/** The Content-Length of a header block (LSP: `Name: value` lines), undefined when it has no valid one. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const m = /^content-length:\s*(\d{1,12})\s*$/i.exec(line);
    if (m) length = Number(m[1]);
    else if (!/^[\w-]+:.*$/.test(line)) return undefined;
  }
  return length;
}
