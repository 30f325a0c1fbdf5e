// A check worker (see checkWorkers.ts): checks the documents it is given against its campaign and
// sends back what the workspace stores of each. Built as dist/checkWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckJob, WorkerReply } from './checkWorkers';
import { CampaignWorkspace } from './workspace';

async function work(job: CheckJob): Promise<WorkerReply> {
  try {
    const onChecked = job.progress && parentPort ? (done: number) => parentPort!.postMessage({ progress: done } satisfies WorkerReply) : undefined;
    return { ok: true, results: await CampaignWorkspace.checkDocuments(job.root, job.locale, job.documents, job.overrides, onChecked) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  void work(workerData as CheckJob).then((reply) => port.postMessage(reply));
}
