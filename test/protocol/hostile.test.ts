// The language server against hostile clients and documents, over stdio: malformed frames, a 200 MB
// didOpen, edits outside the document, URIs of other schemes and hosts, a workspace folder of `/`,
// requests naming folders outside the workspace, storms of cancelled requests. After each, the
// connection still answers (a request that needs the campaign: the document's diagnostics), and the
// server's peak memory stays under 1 GiB (/proc, where the system has it).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, DocumentDiagnosticRequest, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CampaignSummaryRequest, GenerateBulletinRequest } from '../../shared/protocol';
import { copyFixture, LspTestClient, positionOf, PULL_CLIENT, removeCopy, SERVER, uriOf } from './lspHarness';

const RSS_LIMIT = 1024 * 1024 * 1024;

/** The server process's peak resident memory (VmHWM), or undefined where /proc does not show it. */
function peakRss(client: LspTestClient): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${client.process.pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Writes raw bytes to the server's input, as a broken client would. */
function raw(client: LspTestClient, bytes: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => client.process.stdin!.write(bytes, (e) => (e ? reject(e) : resolve())));
}

describe('language server over stdio: hostile input', function () {
  this.timeout(120000);
  let folder: string;
  let client: LspTestClient;
  let record: string;
  let recordUri: string;
  let recordText: string;

  /** The document's diagnostics, pulled: the server is alive and its campaign loaded. */
  async function stillAnswers(): Promise<Diagnostic[]> {
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: recordUri } });
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    // edu.yaml writes its date 2021/6/10: the respelling diagnostic shows the record was checked
    assert.ok(items.some((d) => d.code === 'IR3001'), JSON.stringify(items.map((d) => d.code)));
    assert.equal(client.process.exitCode, null, 'the server exited');
    const peak = peakRss(client);
    if (peak !== undefined) assert.ok(peak < RSS_LIMIT, `server peak RSS ${Math.round(peak / 2 ** 20)} MiB`);
    return items;
  }

  before(async () => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
    client = LspTestClient.start();
    await client.initialize(PULL_CLIENT, folder, { locale: 'zh-cn' });
    record = path.join(folder, 'media', 'danzhou', 'edu.yaml');
    recordText = readFileSync(record, 'utf8');
    recordUri = client.open(record, recordText);
    await stillAnswers();
  });

  after(async () => {
    await client.stop();
    removeCopy(folder);
  });

  it('malformed frames are dropped and the connection goes on', async () => {
    await raw(client, 'Content-Length: abc\r\n\r\n');
    await raw(client, 'this is no header at all\r\n\r\n');
    await raw(client, 'Content-Type: application/json\r\n\r\n');
    await raw(client, `${'x'.repeat(20000)}\r\n\r\n`);
    // a valid frame whose body is no JSON, and one whose JSON is no message
    await raw(client, 'Content-Length: 9\r\n\r\n{"broken"');
    await raw(client, 'Content-Length: 2\r\n\r\n[]');
    await stillAnswers();
  });

  it('a 200 MB didOpen is skipped as it streams in, in bounded memory', async () => {
    const big = path.join(folder, 'media', 'big.yaml');
    const head = `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":${JSON.stringify(uriOf(big))},"languageId":"yaml","version":1,"text":"kind: media\\nname: `;
    const tail = '"}}}';
    const fill = 200 * 1024 * 1024;
    await raw(client, `Content-Length: ${Buffer.byteLength(head) + fill + tail.length}\r\n\r\n${head}`);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < fill / chunk.length; i++) await raw(client, chunk);
    await raw(client, tail);
    await stillAnswers();
  });

  it('a document above the size of a record (under the message limit) gets the too-large diagnostic, unparsed', async () => {
    const big = path.join(folder, 'media', 'big2.yaml');
    const uri = client.open(big, `kind: media\nname: ${'长'.repeat(6 * 1024 * 1024)}\n`);
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    assert.deepEqual(items.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['IR4105', 0, 0]]);
    assert.match(String(items[0].message), /^文件太大（18\.0 MB），超过上限 5\.0 MB/);
    client.close(uri);
    await stillAnswers();
  });

  it('edits outside the document are clamped to it, and the text stays what the edits say', async () => {
    const uri = client.open(path.join(folder, 'media', 'edits.yaml'), 'kind: media\nname: 定安发布\n');
    client.edit(uri, { start: { line: 1000, character: 5 }, end: { line: 2000, character: 9 } }, 'platform: 抖音\n');
    client.edit(uri, { start: { line: 0, character: 100000 }, end: { line: 0, character: 100000 } }, ' ');
    client.edit(uri, { start: { line: 1, character: 10 }, end: { line: 0, character: 3 } }, '');
    client.edit(uri, { start: { line: -5, character: -1 }, end: { line: -1, character: -7 } }, '');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 99999, character: 99999 } });
    assert.ok(hover === null || typeof hover === 'object');
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    client.close(uri);
    await stillAnswers();
  });

  it('documents of other schemes and hosts are checked as text, no file behind them read', async () => {
    for (const uri of ['untitled:Untitled-1', 'http://example.gov.cn/record.yaml', 'file://fileserver/share/record.yaml', 'vscode-notebook-cell:/x.ipynb#W0', 'file:///%00/../etc/passwd', 'not a uri at all']) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'kind: media\nname: 外来文档\n' } });
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(report.kind, 'full', uri);
      const items = report.kind === 'full' ? report.items : [];
      // the schema still speaks: the record lacks its check date
      assert.ok(items.some((d) => d.code === 'IR2104'), `${uri}: ${JSON.stringify(items.map((d) => d.code))}`);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await stillAnswers();
  });

  it('custom requests naming folders outside the workspace are refused', async () => {
    for (const outside of ['/', '/etc', path.dirname(folder)]) {
      await assert.rejects(client.connection.sendRequest(CampaignSummaryRequest, { campaignUri: uriOf(outside) }), (e: Error) => /不在打开的工作区文件夹内/.test(e.message), outside);
      await assert.rejects(client.connection.sendRequest(GenerateBulletinRequest, { campaignUri: uriOf(outside), formats: ['md'], force: false }), (e: Error) => /不在打开的工作区文件夹内/.test(e.message), outside);
    }
    await stillAnswers();
  });

  it('a storm of cancelled requests leaves the connection answering', async () => {
    const at = positionOf(recordText, 'name');
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 2000; i++) {
      const source = new CancellationTokenSource();
      pending.push(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: recordUri }, position: at }, source.token).catch(() => undefined));
      source.cancel();
    }
    // cancellations of requests that never existed, too
    for (let id = 1_000_000; id < 1_001_000; id++) await client.connection.sendNotification('$/cancelRequest', { id });
    await Promise.all(pending);
    await stillAnswers();
  });
});

describe('language server over stdio: a workspace folder of /', function () {
  this.timeout(120000);

  it('starts, looks for campaigns within its bounds, and answers', async () => {
    const client = LspTestClient.start();
    try {
      const started = Date.now();
      await client.initialize(PULL_CLIENT, '/', { locale: 'zh-cn' });
      const uri = 'untitled:Untitled-9';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'kind: media\n' } });
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      assert.ok(Date.now() - started < 60000, `${Date.now() - started} ms`);
      const peak = peakRss(client);
      if (peak !== undefined) assert.ok(peak < RSS_LIMIT, `server peak RSS ${Math.round(peak / 2 ** 20)} MiB`);
    } finally {
      await client.stop();
    }
  });
});
