// A soak test of the bundled language server over stdio: thousands of random operations against a
// copy of a campaign — incremental edits (lone surrogate halves, edits inside a surrogate pair,
// huge lines), opens, closes, files created/changed/deleted on disk with their watcher events (the
// registry and campaign.yaml included), and requests (hover, completion, code actions, symbols,
// code lenses, pulled diagnostics), some cancelled at once. The server must never exit, must
// answer every request (a result, or the cancellation error), and its memory must settle.
// CI size: 2,000 operations; `INSPECTION_LONG=1`: 50,000 (SOAK_OPS and SOAK_SEED override).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, LspTestClient, PULL_CLIENT, removeCopy, SERVER, uriOf } from './lspHarness';
import { mulberry32 } from '../../scripts/gen/prng';

const LONG = process.env.INSPECTION_LONG === '1';
const OPS = Number(process.env.SOAK_OPS ?? (LONG ? 50000 : 2000));
const SEED = Number(process.env.SOAK_SEED ?? 20210616);
/** Requests waiting for an answer at once, at most (a busy editor sends a few at a time). */
const MAX_IN_FLIGHT = 16;
/** A request not answered within this time counts as a hang. */
const ANSWER_MS = 15000;
/** Memory may grow after the warm-up by at most this much (MB), beyond this share of the warm-up figure. */
const RSS_SLACK_MB = 120;
const RSS_SLACK_SHARE = 0.5;


/** Resident memory of a process in MB (Linux), or undefined elsewhere. */
function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The pulled diagnostics of an open document: code, place and message. */
async function pulled(client: LspTestClient, uri: string): Promise<unknown> {
  const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  return report.kind === 'full' ? report.items.map((d) => [d.code, d.range, d.message]) : report;
}

const PIECES = [
  'kind: media\n', 'platform: 抖音\n', 'name: 定安发布\n', 'checkDate: 2021-06-16\n', 'lastPost: 2021/6/1\n', 'columns:\n  - ', '  ', '- ', ': ', ':',
  '"', "'", '[', ']', '{', '}', ',', '\n', '\t', '#', '&a ', '*a', '!!str ', '---\n', '|\n', '\\', '2021-02-30', '儋州教育', '微信公众号', 'x',
  '\u202e', '\u0000', '\r\n', '\ufeff', '\ud800', '\udc00', '😀', '__proto__: 1\n', 'interaction: { available: false }\n', 'serviceMenu: { links: 3, broken: 5 }\n',
];

describe('language server soak', function () {
  this.timeout(LONG ? 3_600_000 : 120_000);
  let folder: string;
  let client: LspTestClient;

  before(async () => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
    client = LspTestClient.start();
    await client.initialize(PULL_CLIENT, folder, { locale: 'zh-cn', diagnosticsDelayMs: 20 });
    await client.waitFor(() => client.progress.some((p) => p.kind === 'end'), 'the end of indexing', 20000);
  });

  after(async () => {
    await client.stop();
    removeCopy(folder);
  });

  it(`survives ${OPS} random operations, answers every request, and its memory settles`, async () => {
    const rnd = mulberry32(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const pid = client.process.pid!;
    let exited: string | undefined;
    client.process.once('exit', (code, signal) => (exited = `exit ${code} ${signal}`));

    const records = ['media/no-date.yaml', 'media/danzhou/edu.yaml', 'websites/justice.yaml'];
    const originals = new Map(records.map((r) => [r, readFileSync(path.join(folder, r), 'utf8')]));
    const registry = path.join(folder, 'registry', 'media.csv');
    const registryText = readFileSync(registry, 'utf8');
    const campaign = path.join(folder, 'campaign.yaml');
    const campaignText = readFileSync(campaign, 'utf8');

    const open = new Map<string, TextDocument>();
    const latest = new Map<string, Diagnostic[]>();
    const pending = new Set<Promise<void>>();
    const outcomes = { answered: 0, cancelled: 0, edits: 0, opens: 0, closes: 0, fileEvents: 0 };
    const failures: string[] = [];
    const rss: { op: number; mb: number }[] = [];

    /** Sends a request and checks its answer: a result, or the cancellation error when it was cancelled. */
    const request = (method: string, send: (token: CancellationTokenSource['token']) => Promise<unknown>, cancel: boolean): void => {
      const source = new CancellationTokenSource();
      let timer: NodeJS.Timeout | undefined;
      const answered = Promise.race([
        send(source.token).then(
          (result) => {
            outcomes.answered++;
            if (method === DocumentDiagnosticRequest.method) {
              const r = result as DocumentDiagnosticReport & { uri?: string };
              if (r.kind === 'full') for (const d of r.items) assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
            }
          },
          (e: unknown) => {
            const code = e instanceof ResponseError ? e.code : undefined;
            if (code === LSPErrorCodes.RequestCancelled || code === LSPErrorCodes.ServerCancelled || code === LSPErrorCodes.ContentModified) outcomes.cancelled++;
            else failures.push(`${method}: ${e instanceof Error ? e.message : String(e)}${code === undefined ? '' : ` (${code})`}`);
          },
        ),
        new Promise<void>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${method} not answered within ${ANSWER_MS} ms`)), ANSWER_MS);
        }),
      ])
        .catch((e: Error) => void failures.push(e.message))
        .finally(() => {
          clearTimeout(timer);
          pending.delete(answered);
        });
      pending.add(answered);
      if (cancel) source.cancel();
    };

    /** A position anywhere in a document, sometimes just past its end or inside a surrogate pair. */
    const somewhere = (doc: TextDocument): Position => {
      const offset = Math.floor(rnd() * (doc.getText().length + 1));
      const p = doc.positionAt(offset);
      if (rnd() < 0.05) return { line: p.line + Math.floor(rnd() * 3), character: p.character + Math.floor(rnd() * 50) };
      return p;
    };

    const insertion = (): string => {
      const r = rnd();
      if (r < 0.002) return `note: ${'很长的一行'.repeat(20000)}\n`; // a 100,000-character line
      if (r < 0.05) return String.fromCharCode(Math.floor(rnd() * 0x10000)); // any code unit, lone surrogates included
      if (r < 0.2) return '';
      let s = '';
      for (let i = Math.floor(rnd() * 4); i >= 0; i--) s += pick(PIECES);
      return s;
    };

    const editOpen = (uri: string, doc: TextDocument): void => {
      const text = doc.getText();
      let start = Math.floor(rnd() * (text.length + 1));
      let end = Math.min(text.length, start + Math.floor(rnd() * 30));
      // an edit that starts or ends between the halves of a surrogate pair
      if (rnd() < 0.05) {
        const pair = text.search(/[\ud800-\udbff][\udc00-\udfff]/);
        if (pair >= 0) [start, end] = [pair + 1, pair + 1 + Math.floor(rnd() * 2)];
      }
      let newText = insertion();
      // keep documents bounded: a runaway document starts over
      if (text.length > 400_000) [start, end, newText] = [0, text.length, originals.get(records[0])!];
      const range: Range = { start: doc.positionAt(start), end: doc.positionAt(end) };
      const version = client.edit(uri, range, newText);
      open.set(uri, TextDocument.update(doc, [{ range, text: newText }], version));
      outcomes.edits++;
    };

    const fileEvent = (): void => {
      const r = rnd();
      const changes: { uri: string; type: FileChangeType }[] = [];
      if (r < 0.5) {
        // a record changed, created or deleted on disk
        const rel = rnd() < 0.7 ? pick(records) : `media/soak-${Math.floor(rnd() * 5)}.yaml`;
        const file = path.join(folder, rel);
        const roll = rnd();
        if (roll < 0.2 && existsSync(file)) {
          rmSync(file);
          changes.push({ uri: uriOf(file), type: FileChangeType.Deleted });
        } else {
          const existed = existsSync(file);
          let text = originals.get(rel) ?? originals.get(records[0])!;
          for (let i = 0; i < 3; i++) text = text.slice(0, Math.floor(rnd() * text.length)) + insertion() + text.slice(Math.floor(rnd() * text.length));
          writeFileSync(file, roll < 0.6 ? (originals.get(rel) ?? text) : text);
          changes.push({ uri: uriOf(file), type: existed ? FileChangeType.Changed : FileChangeType.Created });
        }
      } else if (r < 0.85) {
        // the registry export: a row more, garbage, gone, or back as it was
        const roll = rnd();
        if (roll < 0.15) {
          rmSync(registry, { force: true });
          changes.push({ uri: uriOf(registry), type: FileChangeType.Deleted });
        } else {
          writeFileSync(registry, roll < 0.4 ? registryText + `${Math.floor(rnd() * 100)},定安县,抖音,定安旅游${Math.floor(rnd() * 9)},dl${Math.floor(rnd() * 9)},定安县旅游局,正常\n` : roll < 0.55 ? '\u0000\u0001garbage' : registryText);
          changes.push({ uri: uriOf(registry), type: FileChangeType.Changed });
        }
      } else {
        // campaign.yaml: another window, a broken file, or back as it was
        const roll = rnd();
        writeFileSync(campaign, roll < 0.3 ? campaignText.replace('end: 2021-06-20', 'end: 2021-06-15') : roll < 0.45 ? campaignText + 'checkWindow: [\n' : campaignText);
        changes.push({ uri: uriOf(campaign), type: FileChangeType.Changed });
      }
      void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
      outcomes.fileEvents++;
    };

    const started = Date.now();
    for (let op = 0; op < OPS; op++) {
      if (exited) break;
      while (pending.size >= MAX_IN_FLIGHT) await Promise.race(pending);
      const uris = [...open.keys()];
      const r = rnd();
      if (r < 0.32 && uris.length > 0) {
        const uri = pick(uris);
        editOpen(uri, open.get(uri)!);
      } else if (r < 0.4 || uris.length === 0) {
        const rel = rnd() < 0.8 ? pick(records) : `media/unsaved-${Math.floor(rnd() * 5)}.yaml`;
        const file = path.join(folder, rel);
        const uri = uriOf(file);
        if (open.has(uri)) client.close(uri);
        const text = existsSync(file) ? readFileSync(file, 'utf8') : insertion() + (originals.get(records[0]) ?? '');
        client.open(file, text);
        open.set(uri, TextDocument.create(uri, 'yaml', 1, text));
        outcomes.opens++;
      } else if (r < 0.45) {
        const uri = pick(uris);
        client.close(uri);
        open.delete(uri);
        outcomes.closes++;
      } else if (r < 0.5) {
        fileEvent();
      } else {
        const uri = pick(uris);
        const doc = open.get(uri)!;
        const cancel = rnd() < 0.1;
        const textDocument = { uri };
        const kind = rnd();
        if (kind < 0.25) request(HoverRequest.method, (t) => client.connection.sendRequest(HoverRequest.type, { textDocument, position: somewhere(doc) }, t), cancel);
        else if (kind < 0.45) request(CompletionRequest.method, (t) => client.connection.sendRequest(CompletionRequest.type, { textDocument, position: somewhere(doc) }, t), cancel);
        else if (kind < 0.6) {
          const start = somewhere(doc);
          const diagnostics = latest.get(uri) ?? [];
          request(CodeActionRequest.method, (t) => client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start, end: start }, context: { diagnostics } }, t), cancel);
        } else if (kind < 0.7) request(DocumentSymbolRequest.method, (t) => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }, t), cancel);
        else if (kind < 0.75) request(CodeLensRequest.method, (t) => client.connection.sendRequest(CodeLensRequest.type, { textDocument }, t), cancel);
        else
          request(
            DocumentDiagnosticRequest.method,
            (t) =>
              client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }, t).then((report) => {
                if (report.kind === 'full') latest.set(uri, report.items);
                return report;
              }),
            cancel,
          );
      }
      if (op % 100 === 0) {
        // let the server breathe between bursts, as a typist does, then sample its memory
        await new Promise((res) => setTimeout(res, 5));
        const mb = rssMb(pid);
        if (mb !== undefined) rss.push({ op, mb });
      }
    }
    await Promise.all(pending);
    const elapsed = Date.now() - started;
    const warm = rss.length >= 8 ? median(rss.filter((s) => s.op >= OPS / 4 && s.op < OPS / 2).map((s) => s.mb)) : undefined;
    const end = rss.length >= 8 ? median(rss.slice(-Math.max(3, Math.floor(rss.length / 8))).map((s) => s.mb)) : undefined;
    console.log(
      `      soak: ${OPS} operations in ${elapsed} ms (${outcomes.edits} edits, ${outcomes.opens} opens, ${outcomes.closes} closes, ${outcomes.fileEvents} file events, ` +
        `${outcomes.answered} answers, ${outcomes.cancelled} cancelled, ${failures.length} failed)` +
        (warm !== undefined && end !== undefined ? `; RSS ${rss[0].mb.toFixed(0)} → ${warm.toFixed(0)} after warm-up → ${end.toFixed(0)} MB at the end` : ''),
    );

    assert.equal(exited, undefined, `the server ended: ${exited}`);
    // distinct failures, each with how often it happened
    const counted = [...failures.reduce((m, f) => m.set(f, (m.get(f) ?? 0) + 1), new Map<string, number>())].map(([f, n]) => `${n}× ${f}`);
    assert.deepEqual(counted, [], `${failures.length} requests failed`);

    // afterwards it still works: the campaign's files put back, a known record gets its known diagnostic
    for (const [rel, text] of originals) writeFileSync(path.join(folder, rel), text);
    writeFileSync(registry, registryText);
    writeFileSync(campaign, campaignText);
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [campaign, registry, ...records.map((r) => path.join(folder, r))].map((f) => ({ uri: uriOf(f), type: FileChangeType.Changed as FileChangeType })),
    });
    for (const uri of open.keys()) client.close(uri);
    for (let i = 0; i < 5; i++) for (const extra of [`media/soak-${i}.yaml`]) rmSync(path.join(folder, extra), { force: true });
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: Array.from({ length: 5 }, (_, i) => ({ uri: uriOf(path.join(folder, `media/soak-${i}.yaml`)), type: FileChangeType.Deleted as FileChangeType })),
    });
    // the soaked server agrees with a fresh one on the same files (file events are handled in the
    // background: its answer converges)
    const fresh = LspTestClient.start();
    try {
      await fresh.initialize(PULL_CLIENT, folder, { locale: 'zh-cn' });
      for (const rel of records) {
        const file = path.join(folder, rel);
        const expected = await pulled(fresh, fresh.open(file, originals.get(rel)!));
        const uri = client.open(file, originals.get(rel)!);
        let got: unknown;
        for (const until = Date.now() + 10000; Date.now() < until; await new Promise((res) => setTimeout(res, 100))) {
          got = await pulled(client, uri);
          if (JSON.stringify(got) === JSON.stringify(expected)) break;
        }
        assert.deepEqual(got, expected, rel);
      }
    } finally {
      await fresh.stop();
    }

    // memory: after the warm-up (the first quarter), growth stays bounded
    if (warm !== undefined && end !== undefined) {
      const limit = warm * (1 + RSS_SLACK_SHARE) + RSS_SLACK_MB;
      assert.ok(end <= limit, `memory grew from ${warm.toFixed(0)} MB to ${end.toFixed(0)} MB (limit ${limit.toFixed(0)} MB)`);
    }
    assert.ok(outcomes.answered > OPS / 5, `only ${outcomes.answered} answers`);
  });
});
