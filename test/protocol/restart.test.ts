// The server killed mid-session, at the protocol level: what VS Code's client does after a crash is
// start the server again and send it the open documents. Here a server is killed (SIGKILL) in the
// middle of edits and of a bulletin being written; a new server on the same folder must give back
// exactly the diagnostics the old one gave, and the output folder must hold no half-written
// bulletin (a stray hidden temporary file may remain; it is never shown nor scanned).
// (The client-side restart itself — VS Code's LanguageClient noticing the exit — belongs to the
// code-server end-to-end suite.)
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DocumentDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ZipEntries } from '../../server/src/core/registry/zipEntries';
import { GenerateBulletinRequest } from '../../shared/protocol';
import { copyFixture, LspTestClient, positionOf, PULL_CLIENT, removeCopy, SERVER, uriOf } from './lspHarness';

const RECORDS = ['media/no-date.yaml', 'media/danzhou/edu.yaml', 'websites/justice.yaml'];

async function started(folder: string): Promise<LspTestClient> {
  const client = LspTestClient.start();
  await client.initialize(PULL_CLIENT, folder, { locale: 'zh-cn' });
  await client.waitFor(() => client.progress.some((p) => p.kind === 'end'), 'the end of indexing', 20000);
  return client;
}

async function pull(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

/** Kills the server without warning and waits until it is gone. */
async function kill(client: LspTestClient): Promise<void> {
  const gone = new Promise((res) => client.process.once('exit', res));
  client.process.kill('SIGKILL');
  await gone;
  client.connection.dispose();
}

describe('language server killed mid-session', function () {
  this.timeout(90000);
  let folder: string;

  before(() => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
  });
  after(() => removeCopy(folder));

  it('a new server on the same folder gives back the same diagnostics for the documents the editor had open', async () => {
    const first = await started(folder);
    const texts = new Map(RECORDS.map((r) => [r, readFileSync(path.join(folder, r), 'utf8')]));
    // an unsaved edit in one document: the editor re-sends its text to the new server
    const edu = 'media/danzhou/edu.yaml';
    const eduUri = first.open(path.join(folder, edu), texts.get(edu)!);
    const at = positionOf(texts.get(edu)!, '2021/6/10');
    first.edit(eduUri, { start: at, end: positionOf(texts.get(edu)!, '2021/6/10', 9) }, '2021-02-30');
    const edited = texts.get(edu)!.replace('2021/6/10', '2021-02-30');
    texts.set(edu, edited);
    const before = new Map<string, Diagnostic[]>();
    for (const r of RECORDS) {
      const uri = r === edu ? eduUri : first.open(path.join(folder, r), texts.get(r)!);
      before.set(r, await pull(first, uri));
    }
    assert.ok(before.get(edu)!.some((d) => d.code === 'IR3003'), 'the unsaved edit is what was checked');

    // killed with requests still on their way
    const inFlight = RECORDS.map((r) => first.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uriOf(path.join(folder, r)) } }).then(() => 'answered', () => 'failed'));
    await kill(first);
    for (const outcome of await Promise.all(inFlight)) assert.ok(['answered', 'failed'].includes(outcome));

    const second = await started(folder);
    try {
      for (const r of RECORDS) {
        const uri = second.open(path.join(folder, r), texts.get(r)!);
        assert.deepEqual(await pull(second, uri), before.get(r), r);
      }
    } finally {
      await second.stop();
    }
  });

  it('killed while writing or replacing the bulletin: every file is whole, the earlier or the new one', async () => {
    const out = path.join(folder, 'out');
    // (the fixture's records have data errors: a provisional bulletin, as the user may ask for)
    const params = { campaignUri: uriOf(folder), formats: ['md', 'docx', 'xlsx'] as ('md' | 'docx' | 'xlsx')[], force: true, allowIncomplete: true };
    // a whole run first: how long writing takes, and earlier files for the next runs to replace
    let client = await started(folder);
    const t0 = Date.now();
    const result = await client.connection.sendRequest(GenerateBulletinRequest, params);
    const ms = Date.now() - t0;
    assert.equal(result.written.length, 3);
    await client.stop();
    // then killed late in the run, when the files are being written over the earlier ones
    for (const share of [0.6, 0.85, 1]) {
      client = await started(folder);
      const request = client.connection.sendRequest(GenerateBulletinRequest, params).then(() => 'written', () => 'interrupted');
      await new Promise((res) => setTimeout(res, Math.round(ms * share)));
      await kill(client);
      await request;
      assertWholeFiles(out);
      assert.deepEqual(readdirSync(out).filter((n) => !n.startsWith('.')).length, 3, 'the earlier bulletin is never removed');
    }
  });
});

/** Every visible file of the output folder is complete: Markdown ending its last line, Office files readable archives. */
function assertWholeFiles(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.')) continue; // a temporary file the killed server could not remove
    const bytes = readFileSync(path.join(folder, name));
    if (name.endsWith('.md')) assert.ok(bytes.length > 0 && bytes.toString('utf8').endsWith('\n'), `${name} is cut short`);
    else {
      const zip = new ZipEntries(bytes);
      assert.ok(zip.has('[Content_Types].xml'), `${name} is not a whole Office file`);
    }
  }
}
