// The custom requests of protocol.ts, served by the bundled server over stdio.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError, type TextEdit } from 'vscode-languageserver-protocol/node';
import {
  CampaignSummaryRequest,
  ExportSupplementRequest,
  type DataGateRefusal,
  GenerateBulletinRequest,
  NewRecordSkeletonRequest,
  RecheckPreviousRequest,
  RegistryEntriesRequest,
} from '../../shared/protocol';
import { copyFixture, FIXTURES, LspTestClient, PULL_CLIENT, removeCopy, REPO, SERVER, uriOf } from './lspHarness';

describe('language server over stdio: custom requests', function () {
  let folder: string;
  let client: LspTestClient;
  let campaignUri: string;

  before(async function () {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    folder = copyFixture('campaign-basic');
    campaignUri = uriOf(folder);
    client = LspTestClient.start();
    // the previous campaign of the re-check lies beside the campaign: the user allows the folder holding both
    client.settings = { allowedFolders: [path.dirname(folder)] };
    await client.initialize(PULL_CLIENT, folder);
  });

  after(async () => {
    await client.stop();
    removeCopy(folder);
  });

  it('campaign summary: the figures of the status bar and dashboard', async () => {
    const s = await client.connection.sendRequest(CampaignSummaryRequest, { campaignUri });
    assert.equal(s.title, '2021年第二季度');
    // websites: the one record fails W-V3; media: the two sampled records have data errors (a date
    // to respell in edu.yaml, no check date in no-date.yaml): left out, the figures provisional
    assert.deepEqual([s.websites.checked, s.websites.failed, s.websites.rateText, s.websites.population], [1, 1, '0.0%', 115]);
    assert.deepEqual([s.media.checked, s.media.failed, s.media.undetermined], [0, 0, 0]);
    assert.deepEqual(s.provisional, { errorFiles: 2, leftOut: 2, undetermined: 0 });
    assert.deepEqual(s.failuresByIndicator, [{ ruleId: 'W-V3', title: '首页不更新', kind: 'website', records: 1 }]);
    assert.deepEqual([s.registry.unregistered, s.registry.configured], [1, true]);
    assert.equal(s.recheck, null);
    // data errors in edu.yaml (IR3001, a date to respell) and no-date.yaml (IR2104); justice.yaml's
    // W-V3 veto is a finding the figures count, not an error in the data
    assert.equal(s.problems.filesWithErrors, 2);
  });

  it('registry entries, with the record each one is matched to', async () => {
    const { entries, problems } = await client.connection.sendRequest(RegistryEntriesRequest, { campaignUri, kind: 'media' });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.name, e.platform, e.accountId, e.recordUri && path.relative(folder, fileURLToPath(e.recordUri))]),
      [
        ['儋州教育', '微信公众号', 'dzjy0898', 'media/danzhou/edu.yaml'],
        ['定安发布', '抖音', 'dingan_fb', 'media/no-date.yaml'],
        ['海南司法行政在线', '微信公众号', 'hnsfxz', undefined],
      ],
    );
  });

  it('a new record prefilled from a registry row', async () => {
    const { entries } = await client.connection.sendRequest(RegistryEntriesRequest, { campaignUri, kind: 'media' });
    const skeleton = await client.connection.sendRequest(NewRecordSkeletonRequest, { campaignUri, kind: 'media', entryId: entries[2].id, checkDate: '2021-06-18' });
    assert.equal(skeleton.relativePath, 'media/省直/海南司法行政在线.yaml');
    assert.ok(
      skeleton.text.startsWith('kind: media\nplatform: 微信公众号\nname: 海南司法行政在线\naccountId: hnsfxz\nsponsor: 海南省司法厅\nregion: 省直\ncheckDate: 2021-06-18\nsource: 抽查\n# '),
      skeleton.text,
    );
    assert.match(skeleton.text, /\n# lastPost: {3}# 最近发布日期\n/);
    // without a date: today, kept inside the campaign's check window (2021-06-11 … 2021-06-20)
    const undated = await client.connection.sendRequest(NewRecordSkeletonRequest, { campaignUri, kind: 'media', entryId: entries[2].id });
    assert.match(undated.text, /\ncheckDate: 2021-06-20\n/);
  });

  it('the 补报 list is written to the output folder, and not over it without force', async () => {
    const first = await client.connection.sendRequest(ExportSupplementRequest, { campaignUri, force: false });
    assert.equal(first.count, 1);
    assert.deepEqual(first.written.map((w) => [path.relative(folder, fileURLToPath(w.uri)), w.format]), [
      ['out/2021年第二季度漏报的政务新媒体名单.xlsx', 'xlsx'],
      ['out/2021年第二季度漏报的政务新媒体名单.csv', 'csv'],
    ]);
    const csv = readFileSync(new URL(first.written[1].uri), 'utf8');
    assert.match(csv, /定安教育在线/);
    const again = await client.connection.sendRequest(ExportSupplementRequest, { campaignUri, force: false });
    assert.deepEqual([again.written, again.existing.length], [[], 2]);
  });

  it('the bulletin: refused at the data gate, written provisional when asked, and never over an existing one unasked', async () => {
    const params = { campaignUri, formats: ['md' as const], force: false };
    // edu.yaml and no-date.yaml have data errors: nothing written, the refusal says so and lists them
    const refusal = await client.connection.sendRequest(GenerateBulletinRequest, params).then(
      () => assert.fail('a campaign with data errors was not refused'),
      (e: ResponseError<DataGateRefusal>) => e,
    );
    assert.deepEqual(refusal.data, { dataGate: { errorFiles: 2, undetermined: 0 } });
    assert.match(refusal.message, /^未生成通报：2 个文件有数据错误/);
    assert.match(refusal.message, /\nedu\.yaml:\d+:\d+ “最近发布日期”（lastPost）须写作 YYYY-MM-DD/);
    assert.match(refusal.message, /\nno-date\.yaml:1:1 缺少必填项“检查日期”（checkDate）/);
    assert.ok(!existsSync(path.join(folder, 'out')) || readdirSync(path.join(folder, 'out')).every((f) => !f.endsWith('.md')));

    const result = await client.connection.sendRequest(GenerateBulletinRequest, { ...params, allowIncomplete: true });
    assert.equal(result.written.length, 1);
    assert.equal(result.written[0].format, 'md');
    const md = readFileSync(new URL(result.written[0].uri), 'utf8');
    assert.equal(result.provisional, '暂定稿：2 个文件有数据错误，其中 2 条记录未计入。修正后重新生成即为正式稿。');
    assert.ok(md.startsWith(`<p align="center">${result.provisional}</p>\n`), md.slice(0, 200));
    assert.deepEqual([result.overview.websites.failed, result.overview.media.checked, result.overview.registry.unregistered], [1, 0, 1]);

    // once more: nothing written, the existing file listed (the editor asks: replace, keep both, cancel)
    const again = await client.connection.sendRequest(GenerateBulletinRequest, { ...params, allowIncomplete: true });
    assert.deepEqual([again.written, again.existing], [[], [result.written[0].uri]]);
    const both = await client.connection.sendRequest(GenerateBulletinRequest, { ...params, allowIncomplete: true, keepBoth: true });
    assert.match(decodeURIComponent(both.written[0].uri), / \(2\)\.md$/);
    assert.deepEqual(both.warnings, []);
    const replaced = await client.connection.sendRequest(GenerateBulletinRequest, { ...params, allowIncomplete: true, force: true });
    assert.equal(replaced.written[0].uri, result.written[0].uri);
  });

  it('a new record of an account not in the registry is a snippet to tab through, named in the campaign’s language', async () => {
    const skeleton = await client.connection.sendRequest(NewRecordSkeletonRequest, { campaignUri, kind: 'media', checkDate: '2021-06-18' });
    assert.equal(skeleton.relativePath, 'media/未知地区/新记录.yaml');
    const snippet = skeleton.snippet ?? '';
    assert.ok(snippet.startsWith('kind: media\nplatform: ${1|微信公众号,微信视频号,'), snippet);
    assert.match(snippet, /\nname: \$2\n/);
    assert.match(snippet, /\ncheckDate: 2021-06-18\nsource: 库外发现\n/);
    // the optional identity fields and the facts to observe are prompts (comments), not empty fields
    assert.match(snippet, /\n# accountId: {3}# 账号ID\n/);
    assert.match(snippet, /\n# lastPost: {3}# 最近发布日期\n/);
    assert.ok(snippet.endsWith('$0\n'));
  });

  it('re-check against a previous campaign, with the edit that names it in campaign.yaml', async () => {
    const previous = path.join(path.dirname(folder), 'campaign-prev');
    cpSync(path.join(FIXTURES, 'campaign-prev'), previous, { recursive: true });
    const result = await client.connection.sendRequest(RecheckPreviousRequest, { campaignUri, previousUri: uriOf(previous) });
    // 2021 Q1 failed: the justice site (still stale now) and 海南司法行政在线 (no record this quarter)
    assert.deepEqual([result.recheck.previouslyFailed, result.recheck.stillFailing, result.recheck.fixed, result.recheck.notRechecked], [2, 1, 0, 1]);
    assert.equal(result.recheck.previousTitle, '2021年第一季度');
    const campaignFile = path.join(folder, 'campaign.yaml');
    const text = readFileSync(campaignFile, 'utf8');
    const edited = TextDocument.applyEdits(TextDocument.create(uriOf(campaignFile), 'yaml', 1, text), result.edit!.changes![uriOf(campaignFile)] as TextEdit[]);
    assert.equal(edited, `${text}previous: ../campaign-prev\n`);
  });

  it('the editor’s commands and the CLI write byte-identical files for the same campaign', async () => {
    // the editor first (into the campaign's output folder), then the CLI over the same files; the
    // fixture's records have data errors, so both write the provisional bulletin
    const bulletin = await client.connection.sendRequest(GenerateBulletinRequest, { campaignUri, formats: ['md', 'docx', 'xlsx'], force: true, allowIncomplete: true });
    const supplement = await client.connection.sendRequest(ExportSupplementRequest, { campaignUri, force: true });
    const fromEditor = [...bulletin.written, ...supplement.written].map((w) => ({ file: fileURLToPath(w.uri), bytes: readFileSync(new URL(w.uri)) }));
    assert.deepEqual(fromEditor.map((f) => path.extname(f.file)), ['.md', '.docx', '.xlsx', '.xlsx', '.csv']);
    // a second later: a file stamped with the moment of writing would differ
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const cli = path.join(REPO, 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'bulletin', folder, '--formats', 'md,docx,xlsx', '--force', '--allow-incomplete'], { env: { ...process.env, INSPECTION_RECORDS_CACHE: 'off' } });
    execFileSync(process.execPath, [cli, 'supplement', folder, '--force'], { env: { ...process.env, INSPECTION_RECORDS_CACHE: 'off' } });
    for (const f of fromEditor) assert.ok(readFileSync(f.file).equals(f.bytes), `${path.relative(folder, f.file)} differs between the editor and the CLI`);
  });

  it('a previous campaign outside the workspace and the allowed folders is refused, and nothing is read', async () => {
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const elsewhere = path.join(path.dirname(path.dirname(folder)), `ir-elsewhere-${process.pid}`);
    await assert.rejects(
      client.connection.sendRequest(RecheckPreviousRequest, { campaignUri, previousUri: uriOf(elsewhere) }),
      (e: Error) => e.message === `“${elsewhere}”不在打开的工作区文件夹内，也不在设置 inspectionRecords.allowedFolders 允许的文件夹内，未读取`,
    );
    await assert.rejects(
      client.connection.sendRequest(CampaignSummaryRequest, { campaignUri: uriOf(path.join(FIXTURES, 'campaign-prev')) }),
      (e: Error) => /不在打开的工作区文件夹内/.test(e.message),
    );
  });

  it('a folder that is not a campaign is refused with a clear message', async () => {
    await assert.rejects(client.connection.sendRequest(CampaignSummaryRequest, { campaignUri: uriOf(path.join(folder, 'media')) }), (e: Error) => /不是检查活动文件夹/.test(e.message));
  });
});
