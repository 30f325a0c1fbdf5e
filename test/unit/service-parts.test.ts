// The session's parts, each alone: the open documents, the diagnostics index of files that are not
// open, and the campaign views with the routing of file changes.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { CoreDiagnostic, FileChange } from '../../server/src/core/model';
import { CampaignViews } from '../../server/src/service/campaignViews';
import { DiagnosticsIndex } from '../../server/src/service/diagnosticsIndex';
import type { LspClient } from '../../server/src/service/lspClient';
import { Debouncer, OpenDocuments } from '../../server/src/service/openDocuments';
import type { WorkspaceView } from '../../server/src/service/workspaceView';

const diagnostic = (message: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error, message });
const fileOf = (uri: string): string | undefined => (uri.startsWith('file://') ? uri.slice('file://'.length) : undefined);
const uriOf = (file: string): string => `file://${file}`;

describe('service parts: open documents', () => {
  it('knows each open file under the URI the editor gave, and forgets it on close', () => {
    const docs = new OpenDocuments(fileOf);
    const doc = docs.open('file:///c/a.yaml', 1, 'kind: media\n');
    docs.open('untitled:1', 1, '');
    assert.equal(docs.uriOfFile('/c/a.yaml'), 'file:///c/a.yaml');
    assert.equal(docs.isOpen('/c/a.yaml'), true);
    assert.equal(docs.change(doc, 1, 'kind: media\n'), false, 'the same version and text is no change');
    assert.equal(docs.change(doc, 2, 'kind: website\n'), true);
    assert.deepEqual(docs.filter((f) => f.startsWith('/c/')).map((d) => d.uri), ['file:///c/a.yaml']);
    assert.equal(docs.close('file:///c/a.yaml')?.version, 2);
    assert.equal(docs.isOpen('/c/a.yaml'), false);
    assert.deepEqual([...docs.uris()], ['untitled:1']);
  });

  it('runs one delayed call per key, restarted by each new schedule', async () => {
    const d = new Debouncer();
    const ran: string[] = [];
    d.schedule('a', 20, () => ran.push('a1'));
    d.schedule('a', 20, () => ran.push('a2'));
    d.schedule('b', 20, () => ran.push('b'));
    d.cancel('b');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(ran, ['a2']);
  });
});

class Client {
  published: { uri: string; count: number }[] = [];
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void {
    this.published.push({ uri, count: diagnostics.length });
  }
}

function index(pulls: boolean, open: Set<string> = new Set()): { index: DiagnosticsIndex; client: Client } {
  const client = new Client();
  return { client, index: new DiagnosticsIndex({ client: client as unknown as LspClient, pulls: () => pulls, isOpen: (f) => open.has(f), uriOf, fileOf }) };
}

describe('service parts: diagnostics index', () => {
  it('keeps a report id while the diagnostics do not change, so pulls can say "unchanged"', () => {
    const { index: ix } = index(true);
    ix.set('/c/a.yaml', '/c', [diagnostic('x')]);
    const first = ix.get('/c/a.yaml')!.resultId;
    ix.set('/c/a.yaml', '/c', [diagnostic('x')]);
    assert.equal(ix.get('/c/a.yaml')!.resultId, first);
    ix.set('/c/a.yaml', '/c', [diagnostic('y')]);
    assert.notEqual(ix.get('/c/a.yaml')!.resultId, first);
  });

  it('pushes to a push client only what changed, and an empty list once where it held some, in batches', async () => {
    const { index: ix, client } = index(false, new Set(['/c/open.yaml']));
    ix.set('/c/clean.yaml', '/c', []);
    ix.set('/c/a.yaml', '/c', [diagnostic('x')]);
    ix.set('/c/a.yaml', '/c', [diagnostic('x')]);
    ix.set('/c/open.yaml', '/c', [diagnostic('x')]);
    await new Promise((r) => setTimeout(r, 20));
    ix.forget('/c/a.yaml');
    ix.forget('/c/a.yaml');
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(client.published, [
      { uri: 'file:///c/a.yaml', count: 1 },
      { uri: 'file:///c/a.yaml', count: 0 },
    ]);
    // thousands at once go out in bounded batches, the event loop free between them
    for (let i = 0; i < 120; i++) ix.set(`/c/m${i}.yaml`, '/c', [diagnostic('x')]);
    const before = client.published.length;
    await new Promise((r) => setImmediate(r));
    assert.ok(client.published.length - before <= 50, `${client.published.length - before} in one turn`);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(client.published.length - before, 120);
    ix.stop();
  });

  it('answers a workspace pull with what the client lacks, then waits for a change or a cancel', async () => {
    const { index: ix } = index(true);
    ix.set('/c/a.yaml', '/c', [diagnostic('x')]);
    ix.set('/c/b.yaml', '/c', []);
    const all = await ix.workspaceDiagnostics([]);
    assert.deepEqual(all.items.map((i) => i.uri).sort(), ['file:///c/a.yaml', 'file:///c/b.yaml']);
    const known = all.items.map((i) => ({ uri: i.uri, value: (i as { resultId: string }).resultId }));
    // nothing new: the pull waits; a forgotten file is reported empty once it is woken
    const source = new CancellationTokenSource();
    const pending = ix.workspaceDiagnostics(known, source.token);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(settled, false);
    ix.forget('/c/b.yaml');
    ix.wake();
    const next = await pending;
    assert.deepEqual(next.items.map((i) => [i.uri, i.kind === 'full' ? i.items.length : -1]), [['file:///c/b.yaml', 0]]);
    // and a cancelled pull ends
    const cancelled = ix.workspaceDiagnostics(known.filter((k) => k.uri.endsWith('a.yaml')), source.token);
    source.cancel();
    await assert.rejects(cancelled);
  });
});

/** A campaign view whose files and answers to file changes the test sets. */
function view(root: string, files: string[], recheck: 'all' | string[] = [], outside: { file: string; diagnostic: CoreDiagnostic }[] = []): WorkspaceView & { changes: string[] } {
  const changes: string[] = [];
  return {
    root,
    changes,
    recordFiles: () => files,
    checkDocument: () => {
      throw new Error('not in this test');
    },
    fileChanged: async (file: string, change: FileChange) => {
      changes.push(`${change} ${file}`);
      return { recheck };
    },
    registryRows: () => [],
    profile: () => undefined,
    outsideProblems: () => outside,
  };
}

describe('service parts: campaign views', () => {
  const host = (views: Record<string, WorkspaceView>, roots: Record<string, string | undefined> = {}) => {
    const opened: string[] = [];
    const failed: string[] = [];
    const views_ = new CampaignViews<WorkspaceView>({
      openWorkspace: async (root) => {
        opened.push(root);
        const v = views[root];
        if (!v) throw new Error('no such campaign');
        return v;
      },
      schemaOnly: () => view('', []),
      findCampaignRoot: async (dir) => roots[dir],
      findCampaignRoots: async () => [],
      openFailed: (root) => failed.push(root),
      locale: () => 'zh-cn',
    });
    return { views: views_, opened, failed };
  };

  it('opens a campaign once, finds the nearest open campaign of a file, and falls back to schema only', async () => {
    const outer = view('/w', ['/w/a.yaml']);
    const inner = view('/w/inner', ['/w/inner/b.yaml']);
    const { views, opened, failed } = host({ '/w': outer, '/w/inner': inner }, { '/x': undefined });
    await Promise.all([views.campaign('/w'), views.campaign('/w'), views.campaign('/w/inner')]);
    assert.deepEqual(opened, ['/w', '/w/inner']);
    assert.equal((await views.viewFor('/w/inner/deep/c.yaml')).root, '/w/inner');
    assert.equal((await views.viewFor('/x/loose.yaml')).root, '');
    assert.equal(await views.campaign('/broken'), undefined);
    assert.deepEqual(failed, ['/broken']);
  });

  it('routes a change to the campaign holding the file, with the files to check again', async () => {
    const problem: CoreDiagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, code: 'REG-IMPORT-ROW', message: 'x', source: 'registry' };
    const a = view('/w', ['/w/a.yaml', '/w/b.yaml'], ['/w/a.yaml', '/w/b.yaml'], [{ file: '/w/registry/media.csv', diagnostic: problem }]);
    const other = view('/v', ['/v/z.yaml']);
    const { views } = host({ '/w': a, '/v': other });
    await views.campaign('/w');
    await views.campaign('/v');
    const effect = await views.filesChanged([{ file: '/w/a.yaml', change: 'changed' }]);
    assert.deepEqual([...effect.files].sort(), ['/w/a.yaml', '/w/b.yaml', '/w/registry/media.csv']);
    assert.deepEqual([...effect.touched], ['/w']);
    assert.deepEqual(a.changes, ['changed /w/a.yaml']);
    assert.deepEqual(other.changes, [], 'a campaign that does not hold the file is not asked');
    // a campaign file deleted drops the campaign; one that appears is opened by the caller
    const dropped = await views.filesChanged([{ file: '/v/campaign.yaml', change: 'deleted' }, { file: '/n/campaign.yml', change: 'created' }]);
    assert.deepEqual([dropped.dropped, dropped.opened], [['/v'], ['/n']]);
    assert.equal(views.has('/v'), false);
  });
});
