// The bundled server over stdio with a client that pulls diagnostics (as VS Code does).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type MarkupContent,
  type TextEdit,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, LspTestClient, positionOf, PULL_CLIENT, removeCopy, SERVER, uriOf } from './lspHarness';

const items = (r: DocumentDiagnosticReport): Diagnostic[] => (r.kind === 'full' ? r.items : []);

describe('language server over stdio: pull client', function () {
  let folder: string;
  let client: LspTestClient;
  let edu: string;
  let eduText: string;

  before(async function () {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
    edu = path.join(folder, 'media', 'danzhou', 'edu.yaml');
    eduText = readFileSync(edu, 'utf8');
    client = LspTestClient.start();
    const init = await client.initialize(PULL_CLIENT, folder);
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'inspection-records', interFileDependencies: true, workspaceDiagnostics: true });
  });

  after(async () => {
    await client.stop();
    removeCopy(folder);
  });

  it('registers its file watchers and reports indexing progress', async () => {
    const registration = await client.waitFor(
      () => client.serverRequests.find((r) => r.method === 'client/registerCapability'),
      'a dynamic registration',
    );
    const reg = (registration.params as { registrations: { method: string; registerOptions: { watchers: { globPattern: string }[] } }[] }).registrations[0];
    assert.equal(reg.method, 'workspace/didChangeWatchedFiles');
    assert.deepEqual(reg.registerOptions.watchers.map((w) => w.globPattern), ['**/*.{yaml,yml}', '**/*.{xlsx,xls,csv}']);
    await client.waitFor(() => client.progress.some((p) => p.kind === 'end'), 'the end of indexing');
    assert.deepEqual(client.progress[0], { kind: 'begin', title: '正在检查活动文件夹中的记录', percentage: 0, cancellable: false });
  });

  it('pulls the diagnostics of an open record, after every edit', async () => {
    const uri = client.open(edu, eduText);
    const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    // one mistake, one diagnostic: the date's spelling; M-V2, which cannot count days from it, stays silent
    assert.deepEqual(items(first).map((d) => [d.code, d.range.start]), [['IR3001', positionOf(eduText, '2021/6/10')]]);
    const date = items(first)[0];
    assert.equal(date.message, '“最近发布日期”（lastPost）须写作 YYYY-MM-DD：“2021/6/10”应写作 2021-06-10');
    assert.deepEqual(date.range, { start: positionOf(eduText, '2021/6/10'), end: positionOf(eduText, '2021/6/10', 9) });

    const unchanged = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(unchanged, { kind: 'unchanged', resultId: first.resultId });

    client.edit(uri, date.range, '2021-06-10');
    const fixed = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(fixed.kind, 'full');
    assert.deepEqual(items(fixed), []);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses!.map((l) => l.command!.title), ['✓ 合格', '登记系统：已登记（registry/media.csv 第2行）']);
    // back to the text on disk: '2021-06-10' (ten characters where '2021/6/10' stood) becomes '2021/6/10' again
    const at = positionOf(eduText, '2021/6/10');
    client.edit(uri, { start: at, end: { line: at.line, character: at.character + '2021-06-10'.length } }, '2021/6/10');
  });

  it('lists the problems of records that are not open (workspace diagnostics)', async () => {
    const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const codes = new Map(report.items.map((i) => [path.relative(folder, fileURLToPath(i.uri)), i.kind === 'full' ? i.items.map((d) => d.code) : ['unchanged']]));
    assert.ok(!codes.has('media/danzhou/edu.yaml'), 'an open record is reported by the document pull');
    // the check date is missing: said once (M-V2, which needs it, says nothing of its own)
    assert.deepEqual(codes.get('media/no-date.yaml'), ['IR2104']);
    assert.deepEqual(codes.get('websites/justice.yaml'), ['W-V3']);
    assert.deepEqual(codes.get('media/unregistered.yaml'), ['REG-UNREGISTERED']);
    // the national profile's hint, once for the campaign (it gives no points: portals pass on vetoes alone)
    assert.deepEqual(codes.get('campaign.yaml'), ['IR5201']);
    const noDate = report.items.find((i) => i.uri.endsWith('no-date.yaml')) as WorkspaceDocumentDiagnosticReport & { kind: 'full' };
    assert.equal(noDate.items[0].message, '缺少必填项“检查日期”（checkDate）');
  });

  it('re-validates a record changed on disk when told by didChangeWatchedFiles', async () => {
    const noDate = path.join(folder, 'media', 'no-date.yaml');
    const before = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const previousResultIds = before.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    const refreshes = client.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
    writeFileSync(noDate, readFileSync(noDate, 'utf8') + 'checkDate: 2021-06-17\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(noDate), type: FileChangeType.Changed }] });
    await client.waitFor(() => client.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length > refreshes, 'a diagnostics refresh');
    const after = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds });
    assert.deepEqual(after.items.map((i) => [path.relative(folder, fileURLToPath(i.uri)), i.kind === 'full' ? i.items.length : -1]), [['media/no-date.yaml', 0]]);
  });

  it('hover explains the field', async () => {
    const uri = uriOf(edu);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(eduText, 'accountId') });
    const sections = (hover!.contents as MarkupContent).value.split('\n\n---\n\n');
    assert.equal(sections[0], '**账号ID** `accountId`\n\n平台上的账号标识（微信号、微博 UID、抖音号等）；与备案系统核对时优先按平台加账号ID匹配。');
    assert.match(sections[1], /^\*\*登记系统\*\*：已登记\n\nregistry\/media\.csv 第2行\n/);
    assert.deepEqual(hover!.range, { start: positionOf(eduText, 'accountId'), end: positionOf(eduText, 'accountId', 9) });
  });

  it('hover on a rule hit says in words the record’s facts, how to clear it and what the rule says', async () => {
    const file = path.join(folder, 'websites', 'justice.yaml');
    const text = readFileSync(file, 'utf8');
    const uri = client.open(file, text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, '2021-05-20') });
    const rule = (hover!.contents as MarkupContent).value.split('\n\n---\n\n')[1];
    assert.match(rule, /^\*\*W-V3 首页不更新\*\*（单项否决）\n\n首页最近更新 2021-05-20，距检查日 2021-06-15 已 26 天，超过 14 天/);
    assert.match(rule, /\n\n整改：首页在 2021-06-01 或之后有新的更新即可消除\n/);
    assert.match(rule, /\n\n首页不更新：以下任一情形即为单项否决——首页在检查前 14 天内没有更新；/);
    // people's words: no keys of the evidence
    assert.doesNotMatch(rule, /`\w+`:/);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses!.map((l) => [l.command!.title, l.range.start]), [['✗ 不合格：W-V3 首页不更新', positionOf(text, 'kind')]]);
    client.close(uri);
  });

  it('completion offers the allowed values of a field', async () => {
    const uri = uriOf(edu);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(eduText, '县级', 1) })) as CompletionList;
    assert.deepEqual(list.items.map((i) => i.label), ['国务院部门', '省级', '市级', '县级', '乡镇级']);
    assert.deepEqual((list.items[1].textEdit as TextEdit).range, { start: positionOf(eduText, '县级'), end: positionOf(eduText, '县级', 2) });
  });

  it('completion offers registry accounts of the record\'s platform and fills their fields', async () => {
    const file = path.join(folder, 'media', 'new.yaml');
    const text = 'kind: media\nplatform: 微信公众号\nname: 海南\ncheckDate: 2021-06-18\n';
    const uri = client.open(file, text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, '海南', 2) })) as CompletionList;
    assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [['海南司法行政在线', '微信公众号 · hnsfxz · 海南省司法厅 · 省直']]);
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    const chosen = TextDocument.applyEdits(doc, [list.items[0].textEdit as TextEdit, ...(list.items[0].additionalTextEdits ?? [])]);
    assert.equal(chosen, 'kind: media\nplatform: 微信公众号\nname: 海南司法行政在线\ncheckDate: 2021-06-18\naccountId: hnsfxz\nsponsor: 海南省司法厅\nregion: 省直\n');
    client.close(uri);
  });

  it('code actions repair the date and offer to suppress it', async () => {
    const uri = uriOf(edu);
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const date = items(report).find((d) => d.code === 'IR3001')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: date.range, context: { diagnostics: [date] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['改为 2021-06-10', '在此行忽略 IR3001', '在本文件中忽略 IR3001']);
    const doc = TextDocument.create(uri, 'yaml', 1, eduText);
    assert.equal(TextDocument.applyEdits(doc, actions[0].edit!.changes![uri]), eduText.replace('2021/6/10', '2021-06-10'));
  });

  it('an unregistered account: the quick fix writes the campaign\'s 补报 list, asking before replacing it', async () => {
    const file = path.join(folder, 'media', 'unregistered.yaml');
    const text = readFileSync(file, 'utf8');
    const uri = client.open(file, text);
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const [unregistered] = items(report);
    assert.equal(unregistered.code, 'REG-UNREGISTERED');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unregistered.range, context: { diagnostics: [unregistered] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === '导出补报清单（含此账号）')!;
    assert.deepEqual(fix.command!.arguments, [uriOf(folder)]);
    const messages = () => client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);

    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command!.command, arguments: fix.command!.arguments });
    const list = path.join(folder, 'out', '2021年第二季度漏报的政务新媒体名单.csv');
    const written = await client.waitFor(() => messages().find((m) => m.startsWith('补报清单已写入')), 'the written message');
    assert.equal(written, `补报清单已写入（1 个账号）：${path.join(folder, 'out', '2021年第二季度漏报的政务新媒体名单.xlsx')}、${list}`);
    assert.match(readFileSync(list, 'utf8'), /定安教育在线/);

    // a second time the list exists: dismissing the question leaves it alone, choosing 覆盖 replaces it
    writeFileSync(list, 'edited by hand');
    client.answer = null;
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command!.command, arguments: fix.command!.arguments });
    const asked = client.serverRequests.filter((r) => r.method === 'window/showMessageRequest');
    assert.equal((asked[0].params as { message: string }).message, '补报清单已存在：2021年第二季度漏报的政务新媒体名单.xlsx、2021年第二季度漏报的政务新媒体名单.csv。是否用最新的记录覆盖？');
    assert.equal(readFileSync(list, 'utf8'), 'edited by hand');
    client.answer = '覆盖';
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command!.command, arguments: fix.command!.arguments });
    assert.match(readFileSync(list, 'utf8'), /定安教育在线/);
    client.close(uri);
  });

  it('a suppression comment silences the diagnostics of its line', async () => {
    const uri = uriOf(edu);
    const line = positionOf(eduText, 'lastPost').line;
    client.edit(uri, { start: { line, character: 0 }, end: { line, character: 0 } }, '# inspection-disable-next-line IR3001 -- 原始记录如此\n');
    const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.deepEqual(items(report), []);
    client.edit(uri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, '');
    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.deepEqual(items(again).map((d) => d.code), ['IR3001']);
  });

  it('outlines the record', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(edu) } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['kind', 'platform', 'name', 'accountId', 'sponsor', 'region', 'ownerLevel', 'checkDate', 'source', 'lastPost', 'interaction']);
    assert.equal(symbols[1].detail, '平台 · 微信公众号');
    assert.deepEqual(symbols[10].children!.map((c) => [c.name, c.detail]), [['available', '有互动功能 · true']]);
  });

  it('a request cancelled before it runs is answered with RequestCancelled', async () => {
    // a large document keeps the server busy while the request and its cancellation arrive together
    const big = path.join(folder, 'media', 'big.yaml');
    const bigText = `kind: media\nnote: |\n${'  很长的备注文字很长的备注文字很长的备注文字\n'.repeat(120000)}`;
    const bigUri = client.open(big, bigText);
    const busy = client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: bigUri } });
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(edu) }, position: positionOf(eduText, 'name') }, source.token);
    source.cancel();
    await assert.rejects(hover, (e: { code?: number }) => e.code === -32800);
    await busy;
    client.close(bigUri);
  });
});
