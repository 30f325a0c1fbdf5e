// The language server as an editor drives it: the real bundle (`node dist/server.js --stdio`) spoken
// to over stdio by bench/lspDriver.ts. Figures: the initial index of a campaign (spawn → end of the
// `$/progress` report, every record read and checked), the server's resident memory after it, and
// didChange → diagnostics on a typical record of that campaign, pulled (VS Code: no debounce) and
// pushed (Neovim 0.7: after the typing debounce).
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { yamlFiles } from './campaignCache';
import type { BenchResult, Figure } from './figures';
import { LspClient, timeEdits, type LspServerSpec } from './lspDriver';
import { ylsSpec } from './sideBySide.bench';
import { median, msSince, percentile } from './stats';

export interface ServerBenchOptions {
  /** dist/server.js. */
  serverJs: string;
  /** The campaign folder to index. */
  dir: string;
  /** Edits timed with a pulling client. */
  edits?: number;
  /** Edits timed with a push-only client (each waits for the debounce). */
  pushEdits?: number;
}

/** The texts of an edit session on a record: its last post date alternately impossible and valid. */
function editSession(record: string, edits: number): string[] {
  const field = /^lastPost: .*$/m.test(record) ? 'lastPost' : 'checkDate';
  const re = new RegExp(`^${field}: .*$`, 'm');
  const texts = [record];
  for (let i = 1; i <= edits; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    texts.push(record.replace(re, `${field}: ${i % 2 ? `2021-13-${day}` : `2021-06-${day}`}`));
  }
  return texts;
}

/** The median-sized media record of the campaign (a typical record to type in). */
async function typicalRecord(dir: string): Promise<string> {
  const files = (await yamlFiles(dir)).filter((f) => /^kind: media$/m.test(readFileSync(f, 'utf8')));
  if (files.length === 0) throw new Error(`no media record in ${dir}`);
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await fs.stat(f)).size })));
  sized.sort((a, b) => a.size - b.size || (a.f < b.f ? -1 : 1));
  return sized[Math.floor(sized.length / 2)].f;
}

/** Starts the server on the campaign and waits for the end of its indexing progress. */
async function startIndexed(spec: LspServerSpec, dir: string): Promise<{ client: LspClient; indexMs: number }> {
  const started = process.hrtime.bigint();
  const client = await LspClient.start(spec, pathToFileURL(dir).href);
  await client.waitFor('$/progress', (p) => (p.value as { kind?: string } | undefined)?.kind === 'end', 600_000);
  return { client, indexMs: msSince(started) };
}

/**
 * Spawn → initialize → didOpen of one record at once, and the time from didOpen to its first
 * pushed diagnostics (the campaign being indexed meanwhile, for our server), and the server's peak
 * of resident memory until its index is done.
 */
async function openToFirstDiagnostics(spec: LspServerSpec, dir: string, record: string, waitForIndex: boolean): Promise<{ ms: number; rssMiB?: number }> {
  const client = await LspClient.start({ ...spec, pull: false }, pathToFileURL(dir).href);
  try {
    const uri = pathToFileURL(record).href;
    const first = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 600_000);
    const started = process.hrtime.bigint();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(record, 'utf8') } });
    await first;
    const ms = msSince(started);
    if (waitForIndex) await client.waitFor('$/progress', (p) => (p.value as { kind?: string } | undefined)?.kind === 'end', 600_000);
    const memory = client.memory();
    return { ms, rssMiB: memory ? memory.rss / 2 ** 20 : undefined };
  } finally {
    await client.stop();
  }
}

/** Runs the benchmark; figures keyed `server.*` (milliseconds, MiB, counts). */
export async function benchServer(opts: ServerBenchOptions): Promise<Record<string, number>> {
  const edits = opts.edits ?? 200;
  const pushEdits = opts.pushEdits ?? 40;
  const spec: LspServerSpec = { name: 'inspection-records', command: process.execPath, args: [opts.serverJs, '--stdio'], initializationOptions: { locale: 'zh-cn' } };
  const record = await typicalRecord(opts.dir);
  const texts = editSession(readFileSync(record, 'utf8'), edits);
  const uri = pathToFileURL(record).href;
  const out: Record<string, number> = { 'server.files': (await yamlFiles(opts.dir)).length };

  // open → first diagnostics: with an empty result cache (the first open of a campaign), then cached
  const cache = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-open-cache-'));
  try {
    const env = { ...process.env, INSPECTION_RECORDS_CACHE: cache };
    const cold = await openToFirstDiagnostics({ ...spec, env }, opts.dir, record, true);
    out['server.open.cold.ms'] = cold.ms;
    if (cold.rssMiB !== undefined) out['server.open.cold.rssMiB'] = cold.rssMiB;
    out['server.open.cached.ms'] = (await openToFirstDiagnostics({ ...spec, env }, opts.dir, record, true)).ms;
  } finally {
    await fs.rm(cache, { recursive: true, force: true });
  }
  try {
    out['server.open.yls.ms'] = (await openToFirstDiagnostics(ylsSpec('media'), opts.dir, record, false)).ms;
    out['server.open.ratio'] = out['server.open.cold.ms'] / out['server.open.yls.ms'];
  } catch {
    // yaml-language-server not installed: ours alone
  }

  const { client, indexMs } = await startIndexed(spec, opts.dir);
  try {
    out['server.index.ms'] = indexMs;
    const memory = client.memory();
    if (memory) out['server.index.rssMiB'] = memory.rss / 2 ** 20;
    const started = process.hrtime.bigint();
    const report = (await client.request('workspace/diagnostic', { previousResultIds: [] })) as { items: { items?: unknown[] }[] };
    out['server.workspaceDiagnostics.ms'] = msSince(started);
    out['server.workspaceDiagnostics.files'] = report.items.length;
    out['server.workspaceDiagnostics.filesWithProblems'] = report.items.filter((i) => (i.items?.length ?? 0) > 0).length;
    const pulled = await timeEdits(client, uri, texts, { mode: 'pull' });
    const ms = pulled.edits.map((e) => e.ms);
    out['server.edit.pull.p50'] = median(ms);
    out['server.edit.pull.p95'] = percentile(ms, 95);
    out['server.edit.pull.edits'] = ms.length;
  } finally {
    await client.stop();
  }

  const push = await startIndexed({ ...spec, pull: false }, opts.dir);
  try {
    const pushed = await timeEdits(push.client, uri, texts.slice(0, pushEdits + 1), { mode: 'push' });
    const ms = pushed.edits.map((e) => e.ms);
    out['server.edit.push.p50'] = median(ms);
    out['server.edit.push.p95'] = percentile(ms, 95);
    out['server.edit.push.edits'] = ms.length;
  } finally {
    await push.client.stop();
  }
  return out;
}

/** The figures as a result table for bench/main.ts. */
export async function benchServerResult(opts: ServerBenchOptions): Promise<BenchResult> {
  const f = await benchServer(opts);
  const figure = (key: string, label: string, unit: Figure['unit'], note?: string): Figure[] =>
    f[key] === undefined ? [] : [{ key, label, value: f[key], unit, ...(note ? { note } : {}) }];
  return {
    name: 'server',
    title: 'Language server over stdio (node dist/server.js --stdio)',
    figures: [
      ...figure('server.open.cold.ms', 'didOpen → first diagnostics, first open (index running)', 'ms', `${f['server.files']} YAML files, empty result cache`),
      ...figure('server.open.cached.ms', 'didOpen → first diagnostics, campaign cached', 'ms'),
      ...figure('server.open.yls.ms', 'yaml-language-server didOpen → first diagnostics (same record)', 'ms'),
      ...figure('server.open.ratio', 'ours (first open) ÷ yaml-language-server', 'ratio'),
      ...figure('server.open.cold.rssMiB', 'server RSS after the first index', 'MiB'),
      ...figure('server.index.ms', 'initial index (spawn → end of $/progress)', 'ms', `${f['server.files']} YAML files`),
      ...figure('server.index.rssMiB', 'server RSS after indexing', 'MiB'),
      ...figure('server.workspaceDiagnostics.ms', 'workspace/diagnostic, full report', 'ms', `${f['server.workspaceDiagnostics.files']} files, ${f['server.workspaceDiagnostics.filesWithProblems']} with problems`),
      ...figure('server.edit.pull.p50', 'didChange → pulled diagnostics p50', 'ms', `${f['server.edit.pull.edits']} edits of a typical record`),
      ...figure('server.edit.pull.p95', 'didChange → pulled diagnostics p95', 'ms'),
      ...figure('server.edit.push.p50', 'didChange → pushed diagnostics p50', 'ms', `${f['server.edit.push.edits']} edits, includes the typing debounce`),
      ...figure('server.edit.push.p95', 'didChange → pushed diagnostics p95', 'ms'),
    ],
  };
}

// `npx tsx bench/server.bench.ts <campaign folder>` runs it alone (after `npm run build`)
if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npx tsx bench/server.bench.ts <campaign folder>\n');
    process.exit(2);
  }
  void benchServer({ serverJs: path.resolve(__dirname, '..', 'dist', 'server.js'), dir: path.resolve(dir) }).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
