// The bundled server over stdio with a client that only receives pushed diagnostics (as Neovim 0.7).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { copyFixture, LspTestClient, positionOf, PUSH_CLIENT, removeCopy, SERVER, uriOf } from './lspHarness';

const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);

describe('language server over stdio: push-only client', function () {
  let folder: string;
  let client: LspTestClient;

  before(async function () {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
    client = LspTestClient.start();
    const init = await client.initialize(PUSH_CLIENT, folder, { locale: 'zh-cn', diagnosticsDelayMs: 100 });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client that cannot pull');
  });

  after(async () => {
    await client.stop();
    removeCopy(folder);
  });

  it('pushes the problems of records that are not open once the campaign is indexed', async () => {
    const noDate = uriOf(path.join(folder, 'media', 'no-date.yaml'));
    const diagnostics = await client.waitFor(() => client.latest(noDate), 'diagnostics of no-date.yaml');
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR2104']);
    assert.equal(client.latest(uriOf(path.join(folder, 'websites', 'justice.yaml'))), undefined, 'nothing is sent for a clean record');
    assert.equal(client.serverRequests.filter((r) => r.method === 'client/registerCapability').length, 0);
  });

  it('pushes on open and after the typing pause, with the document version', async () => {
    const file = path.join(folder, 'media', 'danzhou', 'edu.yaml');
    const text = readFileSync(file, 'utf8');
    const uri = client.open(file, text);
    const first = await client.waitFor(() => client.diagnostics.get(uri)?.find((p) => p.version === 1), 'diagnostics of version 1');
    assert.deepEqual(first.diagnostics.map((d) => [d.code, d.range.start]), [['IR3001', positionOf(text, '2021/6/10')]]);

    const started = Date.now();
    client.edit(uri, { start: positionOf(text, '2021/6/10'), end: positionOf(text, '2021/6/10', 9) }, '2021-06-1');
    const v3 = client.edit(uri, { start: positionOf(text, '2021/6/10'), end: positionOf(text, '2021/6/10', 9) }, '2021-06-10');
    const fixed = await client.waitFor(() => client.diagnostics.get(uri)?.find((p) => p.version === v3), 'diagnostics of the last version');
    assert.deepEqual(fixed.diagnostics, []);
    assert.ok(Date.now() - started >= 100, 'pushed after the debounce');
    assert.equal(client.diagnostics.get(uri)!.filter((p) => p.version === 2).length, 0, 'the intermediate version is skipped');
  });

  it('a suppression comment removes the diagnostic', async () => {
    const file = path.join(folder, 'media', 'suppressed.yaml');
    const text = 'kind: media\nplatform: 微信公众号\nname: 海南司法行政在线\naccountId: hnsfxz\nsponsor: 海南省司法厅\ncheckDate: 2021-06-16\ninteraction: { available: true }\n# inspection-disable-next-line IR3001\nlastPost: 2021/6/10\n';
    const uri = client.open(file, text);
    const pushed = await client.waitFor(() => client.diagnostics.get(uri)?.[0], 'diagnostics of the suppressed record');
    assert.deepEqual(pushed.diagnostics, []);
  });

  it('notices a record changed on disk by itself (the client cannot watch files)', async () => {
    const file = path.join(folder, 'media', 'no-date.yaml');
    const uri = uriOf(file);
    writeFileSync(file, readFileSync(file, 'utf8') + 'checkDate: 2021-06-17\n');
    const cleared = await client.waitFor(() => client.latest(uri)?.length === 0, 'cleared diagnostics of no-date.yaml');
    assert.equal(cleared, true);
  });

  it('re-checks the campaign when campaign.yaml changes', async () => {
    const campaign = path.join(folder, 'campaign.yaml');
    const uri = uriOf(campaign);
    writeFileSync(campaign, readFileSync(campaign, 'utf8').replace('checkWindow: { start: 2021-06-11, end: 2021-06-20 }', 'checkWindow: { start: 2021-06-11, end: 2021/6/20 }'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Changed }] });
    // (the hint the national profile had on it goes: a campaign file in error names no usable profile)
    const diagnostics = await client.waitFor(() => client.latest(uri)?.some((d) => d.code === 'IR3001') && client.latest(uri), 'diagnostics of campaign.yaml');
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR3001']);
  });
});

describe('language server over stdio: English', function () {
  it('answers in the locale of initializationOptions', async () => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    const folder = copyFixture('campaign-basic');
    const client = LspTestClient.start();
    try {
      await client.initialize(PUSH_CLIENT, folder, { locale: 'en' });
      const file = path.join(folder, 'media', 'danzhou', 'edu.yaml');
      const text = readFileSync(file, 'utf8');
      const uri = client.open(file, text);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'platform') });
      assert.match((hover!.contents as MarkupContent).value, /^\*\*Platform\*\* `platform`/);
      const pushed = await client.waitFor(() => nonEmpty(client.latest(uri)), 'diagnostics');
      assert.doesNotMatch(String(pushed[0].message), /[\u4e00-\u9fff]{4}/, String(pushed[0].message));
    } finally {
      await client.stop();
      removeCopy(folder);
    }
  });
});
