// Cold loads of big campaigns check their records in worker threads. The pool starts as soon as a
// load knows it has enough records to check (while the folder is still being read): each worker
// loads the campaign, its profile and registry once, then checks the documents it is sent, a chunk
// at a time, while the main thread goes on reading. The main thread keeps the order of the folder
// scan and does the duplicate-record pass, so that the result is the same as checking in one
// thread. When no worker can be started (a bundle without its worker file, a platform without
// threads) or one fails, the caller checks in its own thread.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import settings from './checkWorkers.json';
import type { Locale } from '../model';
import type { RuleOutcome } from '../rules/engine';
import type { CachedEntry } from './resultCache';
import type { CampaignOverrides } from './workspace';

/** The campaign every worker of a pool checks against (the worker's workerData). */
export interface CheckSetup {
  root: string;
  locale: Locale;
  /** The user's settings overriding campaign.yaml, so workers judge as the main thread does. */
  overrides?: CampaignOverrides;
}

/** A document to check. */
export interface CheckDocument {
  file: string;
  text: string;
}

/** What one worker is asked to check in one message. */
export interface CheckChunk {
  chunk: number;
  documents: CheckDocument[];
}

/**
 * One document checked by a worker, as the result cache keeps a check: its kind, diagnostics and
 * duplicate keys, the rest (record, result, registry outcome) serialized, its rule outcomes as
 * indices into the worker's list of outcomes. The main thread decodes it only when something asks
 * (a `check` without problems never does) and writes it to the cache as it is.
 */
export type WorkerCheck = Pick<CachedEntry, 'kind' | 'diagnostics' | 'keys'> & { rest: Uint8Array };

/** A worker's messages: a chunk's results (in its documents' order) with the outcomes its list gained, or its error. */
export type WorkerReply = { chunk: number; results: WorkerCheck[]; outcomes: RuleOutcome[] } | { error: string };

/** A worker's check with the list of outcomes its indices point into (that worker's, complete once the pool is finished). */
export interface PooledCheck {
  check: WorkerCheck;
  outcomes: readonly RuleOutcome[];
}

/** How many documents make starting workers worth it, how many workers at most, and how many documents go in one message (from checkWorkers.json). */
export function workerSettings(): { minimumDocuments: number; workers: number; chunk: number } {
  const available = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const max = settings.maxWorkers > 0 ? settings.maxWorkers : available;
  return { minimumDocuments: settings.minimumDocuments, workers: Math.max(1, Math.min(max, available)), chunk: settings.chunkDocuments };
}

/**
 * The worker's script: `checkWorker.js` next to the bundle (dist/), or the TypeScript source when
 * running from sources (tests), which the worker then loads through tsx.
 */
function workerScript(): { file: string; execArgv?: string[] } | undefined {
  const built = path.join(__dirname, 'checkWorker.js');
  if (existsSync(built)) return { file: built };
  const source = path.join(__dirname, 'checkWorkerMain.ts');
  if (!existsSync(source)) return undefined;
  try {
    return { file: source, execArgv: [...process.execArgv, '--require', require.resolve('tsx/cjs')] };
  } catch {
    return undefined;
  }
}

interface PoolWorker {
  worker: Worker;
  /** Documents sent and not yet answered. */
  outstanding: number;
  /** The worker's list of rule outcomes, as its replies extend it. */
  outcomes: RuleOutcome[];
}

/**
 * Worker threads checking documents against one campaign. `submit` as documents become known (each
 * chunk goes to the worker with the least outstanding work), then `finish` for every result by
 * file; any failure makes `finish` give undefined, and the caller checks the documents itself.
 */
export class CheckPool {
  private readonly workers: PoolWorker[] = [];
  private readonly results = new Map<string, PooledCheck>();
  private readonly sizes = new Map<number, { files: string[]; worker: PoolWorker }>();
  private nextChunk = 0;
  private checked = 0;
  private failed = false;
  private settle?: () => void;

  private constructor(private readonly onChecked?: (done: number) => void) {}

  /** Starts `count` workers for the campaign, or gives undefined when none can start. */
  static start(setup: CheckSetup, count: number, onChecked?: (done: number) => void): CheckPool | undefined {
    const script = workerScript();
    if (!script || count < 1) return undefined;
    const pool = new CheckPool(onChecked);
    try {
      for (let i = 0; i < count; i++) pool.spawn(script, setup);
    } catch {
      pool.close();
      return undefined;
    }
    return pool;
  }

  private spawn(script: { file: string; execArgv?: string[] }, setup: CheckSetup): void {
    const worker = new Worker(script.file, { execArgv: script.execArgv, workerData: setup });
    const entry: PoolWorker = { worker, outstanding: 0, outcomes: [] };
    this.workers.push(entry);
    worker.on('message', (reply: WorkerReply) => {
      if ('error' in reply) return this.fail();
      const sent = this.sizes.get(reply.chunk);
      if (!sent || sent.files.length !== reply.results.length) return this.fail();
      this.sizes.delete(reply.chunk);
      sent.worker.outstanding -= sent.files.length;
      for (const o of reply.outcomes) entry.outcomes.push(o);
      sent.files.forEach((file, i) => this.results.set(file, { check: reply.results[i], outcomes: entry.outcomes }));
      this.checked += sent.files.length;
      this.onChecked?.(this.checked);
      this.maybeSettle();
    });
    worker.once('error', () => this.fail());
    worker.once('exit', () => this.fail());
  }

  /** Sends documents to be checked (to the worker with the least outstanding work). */
  submit(documents: CheckDocument[]): void {
    if (this.failed || documents.length === 0) return;
    const target = this.workers.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
    const chunk = this.nextChunk++;
    this.sizes.set(chunk, { files: documents.map((d) => d.file), worker: target });
    target.outstanding += documents.length;
    try {
      target.worker.postMessage({ chunk, documents } satisfies CheckChunk);
    } catch {
      this.fail();
    }
  }

  /** Every submitted document's check by file, once all are answered; undefined when a worker failed. Closes the pool. */
  async finish(): Promise<Map<string, PooledCheck> | undefined> {
    if (!this.failed && this.sizes.size > 0) await new Promise<void>((resolve) => (this.settle = resolve));
    this.close();
    return this.failed ? undefined : this.results;
  }

  /** Stops every worker (pending work is dropped). */
  close(): void {
    for (const w of this.workers) {
      w.worker.removeAllListeners('exit');
      void w.worker.terminate();
    }
  }

  private fail(): void {
    this.failed = true;
    this.maybeSettle(true);
  }

  private maybeSettle(force = false): void {
    if (this.settle && (force || this.sizes.size === 0)) {
      const settle = this.settle;
      this.settle = undefined;
      settle();
    }
  }
}

/** Checks documents in `workers` threads; results in the documents' order, or undefined when a worker failed. */
export async function checkInWorkers(setup: CheckSetup, documents: CheckDocument[], workers: number): Promise<PooledCheck[] | undefined> {
  const pool = CheckPool.start(setup, workers);
  if (!pool) return undefined;
  const size = Math.ceil(documents.length / workers);
  for (let i = 0; i < documents.length; i += size) pool.submit(documents.slice(i, i + size));
  const results = await pool.finish();
  return results && documents.map((d) => results.get(d.file)!);
}
