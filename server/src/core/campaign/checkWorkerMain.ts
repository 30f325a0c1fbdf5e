// A check worker (see checkWorkers.ts): loads its campaign once, then checks each chunk of documents
// it is sent and sends back what the workspace stores of each. Built as dist/checkWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckChunk, CheckSetup, WorkerReply } from './checkWorkers';
import { CampaignWorkspace } from './workspace';

if (parentPort) {
  const port = parentPort;
  const setup = workerData as CheckSetup;
  const reply = (r: WorkerReply): void => port.postMessage(r);
  const checker = CampaignWorkspace.checker(setup.root, setup.locale, setup.overrides);
  // chunks are checked one after another, in the order they came
  // (a campaign that fails to load is said in reply to the first chunk)
  let queue: Promise<unknown> = checker.catch(() => undefined);
  port.on('message', (chunk: CheckChunk) => {
    queue = queue.then(async () => reply({ chunk: chunk.chunk, ...(await checker)(chunk.documents) }))
      .catch((e: unknown) => reply({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  });
}
