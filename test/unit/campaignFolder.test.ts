// The campaign folder scan: records found by kind anywhere below campaign.yaml; skipped folders;
// nested and misplaced campaigns; symbolic-link loops, dangling links and odd encodings reported,
// never fatal; the campaign root found from any file; campaign.yaml loaded and validated.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import {
  declaredKind,
  findCampaignRoot,
  loadCampaignConfig,
  scanCampaign,
  type CampaignScan,
} from '../../server/src/core/campaign/campaignFolder';
import { Severity } from '../../server/src/core/model';

const FIXTURES = path.resolve(__dirname, '../fixtures/campaigns');
const rel = (root: string, p: string) => path.relative(root, p).split(path.sep).join('/');
const problems = (scan: CampaignScan) => scan.problems.map((p) => [rel(scan.root, p.file), p.diagnostic.code, p.diagnostic.severity, p.diagnostic.message]);

describe('campaignFolder', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'ir-scan-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (p: string, text: string | Uint8Array) => {
    mkdirSync(path.dirname(path.join(tmp, p)), { recursive: true });
    writeFileSync(path.join(tmp, p), text);
  };
  const CAMPAIGN = 'kind: campaign\nissuer: 某市人民政府办公室\nperiod: { year: 2021, quarter: 2 }\ncheckWindow: { start: 2021-06-11, end: 2021-06-20 }\nprofile: national-2019\n';

  it('finds every YAML file with its kind, skipping the output folder and dot-folders', async () => {
    const root = path.join(FIXTURES, 'valid');
    const scan = await scanCampaign(root, 'zh-cn');
    assert.deepEqual(
      scan.files.map((f) => [rel(root, f.path), f.kind, f.registryFile, f.campaignRoot === root]),
      [
        ['campaign.yaml', 'campaign', false, true],
        ['media/danzhou/dzjy.yaml', 'media', false, true],
        ['registry/media.yaml', undefined, true, true],
        ['websites/justice.yaml', 'website', false, true],
      ],
    );
    assert.deepEqual(scan.campaigns, [root]);
    assert.deepEqual(scan.problems, []);
    assert.ok(scan.files.every((f) => f.read.text !== undefined && f.read.problems.length === 0));
  });

  it('reports a nested campaign (not scanning it) and a campaign file out of place', async () => {
    const root = path.join(FIXTURES, 'broken');
    const scan = await scanCampaign(root, 'zh-cn');
    assert.deepEqual(problems(scan), [
      [
        'nested/campaign.yaml',
        'IR4001',
        Severity.Error,
        '嵌套的检查活动：文件夹“nested”有自己的 campaign.yaml，却位于检查活动“broken”之内，其中的文件未检查；检查活动文件夹应并列存放',
      ],
      ['misc/second-campaign.yaml', 'IR4002', Severity.Error, 'kind: campaign 的文件须命名为 campaign.yaml，并放在检查活动文件夹的根目录'],
    ]);
    assert.ok(!scan.files.some((f) => rel(root, f.path).startsWith('nested/')));
  });

  it('skips node_modules and names registry exports of campaign.yaml', async () => {
    cpSync(path.join(FIXTURES, 'valid'), tmp, { recursive: true });
    write('node_modules/pkg/config.yaml', 'kind: website\n');
    const scan = await scanCampaign(tmp, 'zh-cn');
    assert.ok(!scan.files.some((f) => f.path.includes('node_modules')));
    assert.deepEqual(scan.files.filter((f) => f.registryFile).map((f) => rel(tmp, f.path)), ['registry/media.yaml']);
  });

  it('reports symbolic-link loops and dangling links as warnings and goes on', async () => {
    write('campaign.yaml', CAMPAIGN);
    write('websites/a.yaml', 'kind: website\n');
    symlinkSync('..', path.join(tmp, 'websites', 'up'));
    symlinkSync(path.join(tmp, 'gone'), path.join(tmp, 'websites', 'dangling.yaml'));
    symlinkSync(path.join(tmp, 'websites'), path.join(tmp, 'alias'));
    const scan = await scanCampaign(tmp, 'en');
    assert.deepEqual(problems(scan), [
      ['websites/dangling.yaml', 'IR4005', Severity.Warning, 'The symbolic link "dangling.yaml" points to nothing; it was skipped'],
      ['websites/up', 'IR4004', Severity.Warning, 'The symbolic link "up" points to a folder above it, forming a loop; it was skipped'],
    ]);
    // the second way into websites/ (alias) adds nothing: each file once
    assert.deepEqual(scan.files.map((f) => rel(tmp, f.path)), ['campaign.yaml', 'websites/a.yaml']);
  });

  it('keeps the reading problems of each file (a GBK record is read, with a warning)', async () => {
    write('campaign.yaml', CAMPAIGN);
    write('media/gbk.yaml', iconv.encode('kind: media\nname: 儋州教育\n', 'gbk'));
    const scan = await scanCampaign(tmp, 'zh-cn');
    const gbk = scan.files.find((f) => f.path.endsWith('gbk.yaml'))!;
    assert.equal(gbk.kind, 'media');
    assert.equal(gbk.read.encoding, 'gb18030');
    assert.deepEqual(gbk.read.problems.map((p) => p.code), ['IR4107']);
  });

  it('scans a plain folder holding several campaigns side by side, without calling them nested', async () => {
    write('2021q1/campaign.yaml', CAMPAIGN);
    write('2021q1/a.yaml', 'kind: website\n');
    write('2021q2/campaign.yml', CAMPAIGN);
    write('2021q2/b.yaml', 'kind: media\n');
    write('loose.yaml', 'kind: website\n');
    const scan = await scanCampaign(tmp, 'zh-cn');
    assert.deepEqual(scan.problems, []);
    assert.deepEqual(scan.campaigns, [path.join(tmp, '2021q1'), path.join(tmp, '2021q2')]);
    assert.deepEqual(
      scan.files.map((f) => [rel(tmp, f.path), f.campaignRoot && rel(tmp, f.campaignRoot)]),
      [['2021q1/a.yaml', '2021q1'], ['2021q1/campaign.yaml', '2021q1'], ['2021q2/b.yaml', '2021q2'], ['2021q2/campaign.yml', '2021q2'], ['loose.yaml', undefined]],
    );
  });

  it('scanning a folder inside a campaign keeps the campaign context and its output folder', async () => {
    write('campaign.yaml', `${CAMPAIGN}output: 输出\n`);
    write('websites/a.yaml', 'kind: website\n');
    write('websites/输出/x.yaml', 'kind: website\n');
    write('输出/generated.yaml', 'kind: website\n');
    const inner = await scanCampaign(path.join(tmp, 'websites'), 'zh-cn');
    assert.deepEqual(inner.files.map((f) => [rel(tmp, f.path), f.campaignRoot]), [['websites/a.yaml', tmp], ['websites/输出/x.yaml', tmp]]);
    const whole = await scanCampaign(tmp, 'zh-cn');
    assert.deepEqual(whole.files.map((f) => rel(tmp, f.path)), ['campaign.yaml', 'websites/a.yaml', 'websites/输出/x.yaml']);
  });

  it('warns when campaign.yaml and campaign.yml sit side by side', async () => {
    write('campaign.yaml', CAMPAIGN);
    write('campaign.yml', CAMPAIGN);
    const scan = await scanCampaign(tmp, 'zh-cn');
    assert.deepEqual(problems(scan), [['campaign.yml', 'IR4007', Severity.Warning, '同一文件夹中同时有 campaign.yaml 和 campaign.yml，只使用 campaign.yaml']]);
  });

  it('finds the campaign root from a file or folder at any depth', async () => {
    write('campaign.yaml', CAMPAIGN);
    write('media/wechat/deep/a.yaml', 'kind: media\n');
    assert.equal(await findCampaignRoot(path.join(tmp, 'media/wechat/deep/a.yaml')), tmp);
    assert.equal(await findCampaignRoot(path.join(tmp, 'media')), tmp);
    assert.equal(await findCampaignRoot(tmp), tmp);
    const outside = mkdtempSync(path.join(tmpdir(), 'ir-none-'));
    try {
      assert.equal(await findCampaignRoot(path.join(outside, 'x.yaml')), undefined);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('loads campaign.yaml: the config when valid, diagnostics otherwise', async () => {
    const ok = await loadCampaignConfig(path.join(FIXTURES, 'valid'), 'zh-cn');
    assert.deepEqual(ok.diagnostics, []);
    assert.equal(ok.config?.issuer, '海南省人民政府办公厅');
    assert.deepEqual(ok.config?.period, { year: 2021, quarter: 2 });

    write('campaign.yaml', 'kind: website\nname: 错放的记录\ncheckDate: 2021-06-15\n');
    const wrong = await loadCampaignConfig(tmp, 'zh-cn');
    assert.equal(wrong.config, undefined);
    assert.deepEqual(wrong.diagnostics.map((d) => [d.code, d.message]), [['IR4003', 'campaign.yaml 是检查活动文件，kind 须为 campaign']]);

    write('campaign.yaml', `${CAMPAIGN}checkWindow: { start: 2021-06-11, end: 2021-06-20 }\n`);
    const dup = await loadCampaignConfig(tmp, 'zh-cn');
    assert.equal(dup.config, undefined);
    assert.deepEqual(dup.diagnostics.map((d) => d.code), ['IR1002']);

    const none = await loadCampaignConfig(path.join(tmp, 'nowhere'), 'en');
    assert.deepEqual(none.diagnostics.map((d) => [d.code, d.message]), [['IR4101', 'The file does not exist']]);
  });

  it('reads the declared kind quickly, and correctly for unusual layouts', () => {
    assert.equal(declaredKind('# 记录\nkind: website\nname: x\n'), 'website');
    assert.equal(declaredKind('name: x\nkind: "media"   # 新媒体\n'), 'media');
    assert.equal(declaredKind("kind: 'campaign'\r\n"), 'campaign');
    assert.equal(declaredKind('{ name: x, kind: media }\n'), 'media');
    assert.equal(declaredKind('"kind": website\n'), 'website');
    assert.equal(declaredKind('note: |\n  kind: media\nkind: website\n'), 'website');
    assert.equal(declaredKind('kind: |\n  website\n'), 'website\n');
    assert.equal(declaredKind('name: x\nnote:\n  kind: media\n'), undefined);
    assert.equal(declaredKind('- kind: media\n'), undefined);
    assert.equal(declaredKind('name: 无类型\n'), undefined);
  });
});
