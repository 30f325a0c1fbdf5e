// Cold loads of big campaigns check their records in worker threads: each worker loads the profile
// and the registry itself, checks its share of the documents and sends back what the workspace
// stores. The main thread keeps the order of the folder scan and does the duplicate-record pass, so
// that the result is the same as checking in one thread. When no worker can be started (a bundle
// without its worker file, a platform without threads), the caller checks in its own thread.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import settings from './checkWorkers.json';
import type { Locale } from '../model';
import type { CampaignOverrides, StoredCheck } from './workspace';

/** What one worker is asked to check. */
export interface CheckJob {
  root: string;
  locale: Locale;
  /** The user's settings overriding campaign.yaml, so workers judge as the main thread does. */
  overrides?: CampaignOverrides;
  documents: { file: string; text: string }[];
  /** Whether the worker reports how many documents it has checked (for a progress display). */
  progress?: boolean;
}

/** One document checked by a worker: the check as `runChecks` gives it, and its duplicate keys. */
export interface WorkerCheck {
  check: StoredCheck;
  keys: string[];
}

/** A worker's messages: progress, results a batch at a time, then done (with any results not sent in batches) or its error. */
export type WorkerReply = { ok: true; results: WorkerCheck[] } | { ok: false; error: string } | { progress: number } | { batch: WorkerCheck[] };

/** How many documents make starting workers worth it, and how many workers at most (from checkWorkers.json). */
export function workerSettings(): { minimumDocuments: number; workers: number } {
  const available = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const max = settings.maxWorkers > 0 ? settings.maxWorkers : available;
  return { minimumDocuments: settings.minimumDocuments, workers: Math.max(1, Math.min(max, available)) };
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

/**
 * Checks the documents in `workers` threads, each a contiguous share, results in the documents'
 * order; undefined when a worker could not start or failed (the caller then checks them itself).
 */
export async function checkInWorkers(job: CheckJob, workers: number, onChecked?: (done: number) => void): Promise<WorkerCheck[] | undefined> {
  const script = workerScript();
  if (!script || workers < 1) return undefined;
  const size = Math.ceil(job.documents.length / workers);
  const shares: CheckJob[] = [];
  for (let i = 0; i < job.documents.length; i += size) shares.push({ ...job, documents: job.documents.slice(i, i + size) });
  const started: Worker[] = [];
  // documents checked so far, per worker, summed for the caller's progress display
  const counts = shares.map(() => 0);
  const progress = onChecked && ((worker: number, done: number) => (counts[worker] = done, onChecked(counts.reduce((a, b) => a + b, 0))));
  try {
    const replies = await Promise.all(shares.map((share, i) => runWorker(script, { ...share, progress: progress !== undefined }, started, progress && ((done) => progress(i, done)))));
    return replies.flat();
  } catch {
    return undefined;
  } finally {
    for (const w of started) void w.terminate();
  }
}

function runWorker(script: { file: string; execArgv?: string[] }, share: CheckJob, started: Worker[], onChecked?: (done: number) => void): Promise<WorkerCheck[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.file, { execArgv: script.execArgv, workerData: share });
    started.push(worker);
    const received: WorkerCheck[] = [];
    worker.on('message', (reply: WorkerReply) => {
      if ('progress' in reply) onChecked?.(reply.progress);
      else if ('batch' in reply) for (const r of reply.batch) received.push(r);
      else if (reply.ok) resolve(received.concat(reply.results));
      else reject(new Error(reply.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`check worker exited (${code})`)));
  });
}
