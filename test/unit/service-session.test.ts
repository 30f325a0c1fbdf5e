import { strict as assert } from 'node:assert';
import { CancellationTokenSource, FileChangeType, type ClientCapabilities, type Diagnostic, type InitializeParams } from 'vscode-languageserver';
import { checkText } from '../../server/src/core/campaign/checkFile';
import type { Locale } from '../../server/src/core/model';
import { fileToUri } from '../../server/src/service/fileUri';
import { InspectionSession } from '../../server/src/service/inspectionSession';
import type { LspClient } from '../../server/src/service/lspClient';
import type { FileChange, WorkspaceView } from '../../server/src/service/workspaceView';

const ROOT = '/c';
const A = '/c/media/a.yaml';
const B = '/c/media/b.yaml';
const REGISTRY = '/c/registry/media.csv';
const good = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n';
const badDate = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021/6/16\n';

/** Pushes of files that are not open go out in batches: let them go. */
const pushed = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 40));

/** A client that records what the server sends. */
class RecordingClient implements LspClient {
  published: { uri: string; diagnostics: Diagnostic[]; version?: number }[] = [];
  refreshes = 0;
  progressTitles: string[] = [];
  logs: string[] = [];
  changedCampaigns: string[] = [];
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version?: number): void {
    this.published.push({ uri, diagnostics, version });
  }
  refreshDiagnostics(): void {
    this.refreshes++;
  }
  refreshCodeLenses(): void {}
  async progress(title: string) {
    this.progressTitles.push(title);
    return { report: () => undefined, done: () => undefined };
  }
  log(_level: string, message: string): void {
    this.logs.push(message);
  }
  showMessage(): void {}
  async ask() {
    return undefined;
  }
  async configuration() {
    return undefined;
  }
  async watchFiles() {
    return true;
  }
  campaignChanged(uri: string): void {
    this.changedCampaigns.push(uri);
  }
}

interface World {
  session: InspectionSession;
  client: RecordingClient;
  files: Map<string, string>;
  reads: string[];
  /** fileChanged calls the campaign received. */
  changes: string[];
  /** What the campaign says must be checked again when a file changes. */
  dependents: Map<string, string[]>;
}

function world(capabilities: ClientCapabilities, locale = 'zh-cn'): World {
  const client = new RecordingClient();
  const files = new Map([
    [A, good],
    [B, badDate],
  ]);
  const reads: string[] = [];
  const dependents = new Map<string, string[]>();
  const changes: string[] = [];
  const view = (loc: Locale): WorkspaceView => ({
    root: ROOT,
    recordFiles: () => [...files.keys()].filter((f) => f.endsWith('.yaml')),
    checkDocument: (file, text) => {
      const c = checkText(file, text, loc);
      return { parsed: c.parsed, kind: c.kind, diagnostics: c.diagnostics };
    },
    fileChanged: async (file: string, change: FileChange) => {
      changes.push(`${change} ${file}`);
      return { recheck: dependents.get(file) ?? [file] };
    },
    registryRows: () => [],
    profile: () => undefined,
  });
  const session = new InspectionSession(
    {
      client,
      openWorkspace: async (_root, opts) => view(opts.locale),
      schemaOnly: (loc) => ({ ...view(loc), root: '', recordFiles: () => [] }),
      findCampaignRoot: async (f) => (f.startsWith(ROOT) ? ROOT : undefined),
      findCampaignRoots: async () => [ROOT],
      readText: async (file) => {
        reads.push(file);
        const text = files.get(file);
        return text === undefined ? { problems: [] } : { text, problems: [] };
      },
      fileExists: async (file) => files.has(file),
      today: () => '2021-06-18',
    },
    { pushDelayMs: 20 },
  );
  const params: InitializeParams = {
    processId: null,
    rootUri: fileToUri(ROOT),
    workspaceFolders: [{ uri: fileToUri(ROOT), name: 'c' }],
    capabilities,
    initializationOptions: { locale },
  };
  session.initialize(params);
  return { session, client, files, reads, dependents, changes };
}

const PULL: ClientCapabilities = { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } };
const PUSH: ClientCapabilities = {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('service: session', () => {
  it('push: indexes the campaign, publishing the records that have problems', async () => {
    const w = world(PUSH);
    await w.session.initialized();
    await pushed();
    assert.deepEqual(w.client.published.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]), [[fileToUri(B), ['IR3001']]]);
    assert.deepEqual(w.client.progressTitles, ['正在检查活动文件夹中的记录']);
    w.session.shutdown();
  });

  it('push: publishes at once on open, then once per typing pause with the newest version', async () => {
    const w = world(PUSH);
    await w.session.initialized();
    await pushed();
    w.client.published = [];
    const uri = fileToUri(A);
    w.session.didOpen(uri, 1, good);
    await sleep(5);
    assert.deepEqual(w.client.published.map((p) => [p.version, p.diagnostics.length]), [[1, 0]]);
    w.session.didChange(uri, 2, badDate.replace('2021/6/16', '2021/6/1'));
    w.session.didChange(uri, 3, badDate);
    await sleep(60);
    assert.deepEqual(w.client.published.map((p) => [p.version, p.diagnostics.map((d) => d.code)]), [[1, []], [3, ['IR3001']]]);
    w.session.shutdown();
  });

  it('pull: a full report, then "unchanged" while the diagnostics stay the same', async () => {
    const w = world(PULL);
    await w.session.initialized();
    await pushed();
    const uri = fileToUri(A);
    w.session.didOpen(uri, 1, badDate);
    const first = await w.session.documentDiagnostics(uri, undefined);
    assert.equal(first.kind, 'full');
    const again = await w.session.documentDiagnostics(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    w.session.didChange(uri, 2, badDate + '# 备注\n');
    assert.deepEqual(await w.session.documentDiagnostics(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    w.session.didChange(uri, 3, good);
    const fixed = await w.session.documentDiagnostics(uri, first.resultId);
    assert.equal(fixed.kind, 'full');
    assert.notEqual(fixed.resultId, first.resultId);
    assert.deepEqual(fixed.kind === 'full' && fixed.items, []);
    w.session.shutdown();
  });

  it('pull: workspace diagnostics list the records that are not open, then wait for a change', async () => {
    const w = world(PULL);
    await w.session.initialized();
    await pushed();
    w.session.didOpen(fileToUri(A), 1, good);
    const first = await w.session.workspaceDiagnostics([], new CancellationTokenSource().token);
    assert.deepEqual(first.items.map((i) => i.uri), [fileToUri(B)]);
    const previous = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));

    let answered = false;
    const waiting = w.session.workspaceDiagnostics(previous, new CancellationTokenSource().token).then((r) => {
      answered = true;
      return r;
    });
    await sleep(20);
    assert.equal(answered, false, 'nothing changed: the request waits');
    w.files.set(B, good);
    await w.session.watchedFilesChanged([{ uri: fileToUri(B), type: FileChangeType.Changed }]);
    const next = await waiting;
    assert.deepEqual(next.items.map((i) => [i.uri, i.kind === 'full' && i.items.length]), [[fileToUri(B), 0]]);
    assert.ok(w.client.refreshes > 0);
    w.session.shutdown();
  });

  it('a waiting workspace pull ends when the client cancels it', async () => {
    const w = world(PULL);
    await w.session.initialized();
    await pushed();
    const first = await w.session.workspaceDiagnostics([]);
    const source = new CancellationTokenSource();
    const waiting = w.session.workspaceDiagnostics(first.items.map((i) => ({ uri: i.uri, value: i.resultId! })), source.token);
    source.cancel();
    await assert.rejects(waiting, (e: { code?: number }) => e.code === -32800);
    w.session.shutdown();
  });

  it('a registry change re-checks exactly the records the campaign names, open or not', async () => {
    const w = world(PUSH);
    await w.session.initialized();
    await pushed();
    const uriA = fileToUri(A);
    w.session.didOpen(uriA, 1, good);
    await sleep(5);
    w.client.published = [];
    w.reads.length = 0;
    w.dependents.set(REGISTRY, [A, B]);
    w.files.set(B, good);
    await w.session.watchedFilesChanged([{ uri: fileToUri(REGISTRY), type: FileChangeType.Changed }]);
    await sleep(5);
    assert.deepEqual(w.reads, [B], 'the open record is checked from the editor, the other one from disk');
    assert.deepEqual(w.client.published.map((p) => [p.uri, p.diagnostics.length]).sort(), [[uriA, 0], [fileToUri(B), 0]].sort());
    w.session.shutdown();
  });

  it('a cancelled request gets the cancellation error, not a stale answer', async () => {
    const w = world(PULL);
    await w.session.initialized();
    await pushed();
    const uri = fileToUri(A);
    w.session.didOpen(uri, 1, good);
    const source = new CancellationTokenSource();
    source.cancel();
    await assert.rejects(w.session.hover(uri, { line: 0, character: 1 }, source.token), (e: { code?: number }) => e.code === -32800);
    w.session.shutdown();
  });

  it('a closed record stays listed with the problems of its saved text', async () => {
    const w = world(PUSH);
    await w.session.initialized();
    await pushed();
    const uri = fileToUri(B);
    w.session.didOpen(uri, 1, good);
    await sleep(5);
    w.client.published = [];
    w.session.didClose(uri);
    await sleep(10);
    assert.deepEqual(w.client.published.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]), [[uri, ['IR3001']]]);
    w.session.shutdown();
  });

  it('closing a document that was never saved takes it out of the campaign', async () => {
    const w = world(PUSH);
    await w.session.initialized();
    await pushed();
    const uri = fileToUri('/c/media/new.yaml');
    w.session.didOpen(uri, 1, badDate);
    await sleep(5);
    w.client.published = [];
    w.session.didClose(uri);
    await sleep(10);
    assert.deepEqual(w.changes, ['deleted /c/media/new.yaml']);
    assert.deepEqual(w.client.published.map((p) => [p.uri, p.diagnostics.length]), [[uri, 0]]);
    w.session.shutdown();
  });

  it('English messages when the client asks for them', async () => {
    const w = world(PUSH, 'en');
    await w.session.initialized();
    await pushed();
    const message = String(w.client.published[0].diagnostics[0].message);
    assert.match(message, /YYYY-MM-DD/);
    assert.doesNotMatch(message, /须写作/);
    w.session.shutdown();
  });
});
