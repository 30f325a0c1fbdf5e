// One HTTP request, with Node's own fetch (undici): no redirect followed (the crawler follows them
// so that each hop is checked against robots.txt and recorded as evidence), a deadline covering the
// connection, the headers and the body, and a cap on the body's size. Every way a request can fail
// (timeout, refused, reset, unknown host, a certificate the system does not trust) comes back as a
// reason, never as a thrown error: an unreachable site is a fact about the site.
import type { Clock } from './clock';

export interface FetchRequest {
  url: string;
  /** The whole request must finish within this many milliseconds. */
  timeoutMs: number;
  /** Bytes of body kept; the rest is not read (`truncated`). */
  maxBytes: number;
  userAgent: string;
  signal?: AbortSignal;
}

export type FetchFailureReason = 'timeout' | 'tls' | 'refused' | 'reset' | 'dns' | 'network' | 'aborted';

export type FetchOutcome =
  | {
      ok: true;
      status: number;
      contentType?: string;
      location?: string;
      body: Uint8Array;
      truncated: boolean;
      elapsedMs: number;
    }
  | { ok: false; reason: FetchFailureReason; code?: string; elapsedMs: number };

/** Performs one request; tests inject their own. */
export type Fetcher = (request: FetchRequest) => Promise<FetchOutcome>;

/** Codes of certificate problems (Node's TLS and OpenSSL names). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)|HOSTNAME_MISMATCH$)/;

/** The reason of a failed fetch, from the error's cause chain. */
export function failureReason(e: unknown, timedOut: boolean, aborted: boolean): { reason: FetchFailureReason; code?: string } {
  if (timedOut) return { reason: 'timeout' };
  if (aborted) return { reason: 'aborted' };
  let code: string | undefined;
  for (let c: unknown = e, depth = 0; c && typeof c === 'object' && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const k = (c as { code?: unknown }).code;
    if (typeof k === 'string') {
      code = k;
      break;
    }
  }
  if (code && TLS_CODE.test(code)) return { reason: 'tls', code };
  if (code === 'ECONNREFUSED') return { reason: 'refused', code };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') return { reason: 'reset', code };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return { reason: 'dns', code };
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return { reason: 'timeout', code };
  return { reason: 'network', code };
}

/** The real fetcher: Node's fetch, timed with `clock`. */
export function httpFetcher(clock: Clock): Fetcher {
  return async (request) => {
    const started = clock.now();
    const deadline = AbortSignal.timeout(Math.max(1, request.timeoutMs));
    const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
    const elapsed = () => Math.max(0, clock.now() - started);
    try {
      const response = await fetch(request.url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': request.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' },
      });
      const { body, truncated } = await readBody(response, request.maxBytes);
      return {
        ok: true,
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        location: response.headers.get('location') ?? undefined,
        body,
        truncated,
        elapsedMs: elapsed(),
      };
    } catch (e) {
      return { ok: false, ...failureReason(e, deadline.aborted, request.signal?.aborted === true), elapsedMs: elapsed() };
    }
  };
}

/** Reads at most `maxBytes` of a response body, cancelling the rest. */
async function readBody(response: Response, maxBytes: number): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return { body, truncated };
}
