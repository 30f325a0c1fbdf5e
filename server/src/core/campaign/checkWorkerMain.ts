// A check worker (see checkWorkers.ts): checks the documents it is given against its campaign and
// sends back what the workspace stores of each. Built as dist/checkWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckJob, WorkerCheck, WorkerReply } from './checkWorkers';
import { CampaignWorkspace } from './workspace';

/** Documents whose results go back in one message. */
const RESULT_BATCH = 1000;

async function work(job: CheckJob): Promise<WorkerReply> {
  try {
    const onChecked = job.progress && parentPort ? (done: number) => parentPort!.postMessage({ progress: done } satisfies WorkerReply) : undefined;
    // the results go back a batch at a time: the worker never holds them all (memory, and the
    // garbage collector's work over it)
    const send = (results: WorkerCheck[]): void => parentPort!.postMessage({ batch: results } satisfies WorkerReply);
    await CampaignWorkspace.checkDocuments(job.root, job.locale, job.documents, job.overrides, onChecked, parentPort ? { size: RESULT_BATCH, send } : undefined);
    return { ok: true, results: [] };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  void work(workerData as CheckJob).then((reply) => port.postMessage(reply));
}
