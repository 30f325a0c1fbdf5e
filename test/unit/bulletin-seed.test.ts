// The sample campaign's bulletin against the seed bulletin: every figure, name and deadline the
// seed states (copied by hand into test/fixtures/seed/hainan-2021q2.expected.json) must be in the
// generated bulletin, and the attachment lists must hold the seed's counts.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import type { BulletinModel } from '../../server/src/core/bulletin/bulletinModel';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { grammarFaults } from './support/bulletinText';
import { loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import { analyseCampaign, openCampaign } from '../../server/src/core/actions';
import { main } from '../../server/src/cli/main';

const ROOT = path.resolve(__dirname, '..', '..');
const expected = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'seed', 'hainan-2021q2.expected.json'), 'utf8'));

/** Compares across full-width/half-width punctuation and the seed's stray spaces. */
const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

describe('the sample campaign reproduces the seed bulletin', function () {
  this.timeout(60000);
  let model: BulletinModel;
  let md: string;

  before(async () => {
    // its previous campaign sits beside it: outside the campaign, so the user allows the samples folder
    const c = await analyseCampaign(await openCampaign(path.join(ROOT, 'samples', 'hainan-2021q2'), { locale: 'zh-cn', allowed: [path.join(ROOT, 'samples')] }));
    const s = resolveSettings(c.config.bulletin);
    model = aggregateCampaign(c, s);
    md = renderMarkdown(model, loadTemplate(s, c.root, 'zh-cn'));
  });

  it('reads right: no 的存在, doubled baseline, dangling mark, empty paragraph or names run together', () => {
    assert.deepEqual(grammarFaults(md), []);
  });

  it('states the seed figures', () => {
    const f = expected.figures;
    for (const kind of ['websites', 'media'] as const) {
      const m = model[kind];
      assert.deepEqual(
        { population: m.population, checked: m.checked, samplingRatio: `${m.samplingRatio?.text}%`, failed: m.failed, passRate: `${m.passRate?.text}%` },
        f[kind],
        kind,
      );
    }
    assert.deepEqual([model.media.unregistered, model.media.unregisteredFailed], [f.unregistered, f.unregisteredFailed]);
    assert.deepEqual(
      model.callouts.map((c) => ({ region: c.region, total: c.total, failed: c.failed, unregistered: c.unregistered, ...(c.failed ? {} : { unregisteredFailed: c.unregisteredFailed }) })),
      f.callouts,
    );
    assert.ok(md.includes(f.checkWindow));
  });

  it('writes the seed preamble, overview, problems and requirements sentence for sentence', () => {
    const text = norm(md.replace(/\*\*/g, ''));
    for (const sentence of expected.sentences as string[]) assert.ok(text.includes(norm(sentence)), `missing: ${sentence}`);
  });

  it('names the seed websites, accounts and units, and the repeat offender', () => {
    const n = expected.names;
    const problems = norm(model.problems.map((p) => p.text).join('。'));
    for (const site of n.websites as string[]) assert.ok(problems.includes(norm(`“${site}”`)), site);
    for (const a of n.media as { platform?: string; name: string; sponsor?: string; repeatFrom?: string }[]) {
      assert.ok(problems.includes(norm(`${a.platform ?? ''}“${a.name}”`)), a.name);
      if (a.sponsor) assert.ok(problems.includes(norm(`${a.sponsor}开设的`)), a.sponsor);
      if (a.repeatFrom) assert.ok(problems.includes(norm(`“${a.name}”曾因`)) && problems.includes(norm(a.repeatFrom)), `${a.name} as repeat offender`);
    }
    for (const u of n.units as { sponsor: string; count: number; platform: string }[]) assert.ok(problems.includes(norm(`${u.sponsor}开设的${u.count}个${u.platform}`)), u.sponsor);
    assert.deepEqual(
      model.repeatOffences.map((r) => r.entry.entity.name),
      ['儋州教育'],
    );
  });

  it('gives the deadlines and the three attachment lists with the seed counts', () => {
    for (const d of expected.deadlines as string[]) assert.ok(md.includes(d), d);
    assert.deepEqual(
      model.attachments.map((a) => a.title),
      expected.attachments,
    );
    const f = expected.figures;
    assert.deepEqual(
      model.attachments.map((a) => a.rows.length),
      [f.websites.failed, f.media.failed, f.unregistered],
    );
    for (const site of expected.names.websites as string[]) assert.ok(model.attachments[0].rows.some((r) => r.includes(site)), site);
    for (const a of expected.names.media as { name: string }[]) assert.ok(model.attachments[1].rows.some((r) => r.includes(a.name)), a.name);
    // the unregistered list: 45 in 儋州市 and 19 in 定安县, 40 of them failing content assurance
    const regions = model.attachments[2].rows.map((r) => r[1]);
    assert.deepEqual([regions.filter((r) => r === '儋州市').length, regions.filter((r) => r === '定安县').length], [45, 19]);
    assert.equal(model.attachments[2].rows.filter((r) => r.includes('不合格')).length, f.unregisteredFailed);
    assert.deepEqual(model.sumMismatches, []);
  });
});

describe('the bulletin command', function () {
  this.timeout(60000);
  const base = '2021年第二季度全省政府网站与政务新媒体抽查情况通报';

  it('writes the sample\'s three files next to an earlier bulletin and prints the overview', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ir-bulletin-cli-'));
    try {
      for (const q of ['hainan-2021q1', 'hainan-2021q2']) cpSync(path.join(ROOT, 'samples', q), path.join(dir, q), { recursive: true, filter: (src) => path.basename(src) !== 'out' }); // a local run's output is not part of the sample
      // an earlier bulletin is kept: the new one takes a free name
      mkdirSync(path.join(dir, 'hainan-2021q2', 'out'));
      writeFileSync(path.join(dir, 'hainan-2021q2', 'out', `${base}.md`), '上一版\n');
      const out: string[] = [];
      const err: string[] = [];
      const ctx = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: dir, env: {}, locale: 'zh-cn' as const, format: 'text' as const };
      // the previous campaign beside it is read because the user allows the folder holding both
      assert.equal(await main(['bulletin', 'hainan-2021q2', '--allow', '.'], ctx), 0, err.join(''));
      const text = out.join('');
      for (const line of [
        `  ${path.join('hainan-2021q2', 'out', `${base} (2).md`)}（同名文件已存在，另存为新文件名；用 --force 覆盖）\n`,
        // the set is numbered as a whole: the Word and Excel files take the Markdown's number
        `  ${path.join('hainan-2021q2', 'out', `${base} (2).docx`)}（同名文件已存在，另存为新文件名；用 --force 覆盖）\n`,
        `  ${path.join('hainan-2021q2', 'out', `${base}（附件名单） (2).xlsx`)}（同名文件已存在，另存为新文件名；用 --force 覆盖）\n`,
        '政府网站：总数 115 个，抽查 115 个，抽查比例 100%，不合格 6 个，合格率 94.8%\n',
        '政务新媒体：总数 837 个，抽查 251 个，抽查比例 30%，不合格 34 个，合格率 86.5%\n',
        '漏报政务新媒体：64 个，其中内容保障不合格 40 个\n',
        '重点地区 儋州市：共 54 个（抽查不合格 9 个，漏报 45 个，其中漏报且不合格 27 个）\n',
        '重点地区 定安县：共 19 个（抽查不合格 0 个，漏报 19 个，其中漏报且不合格 13 个）\n',
        '复查上期政务新媒体问题对象：6 个，仍不合格 1 个（微信公众号“儋州教育”），已整改 4 个，未复查 1 个\n',
      ]) {
        assert.ok(text.includes(line), `output lacks ${line}:\n${text}`);
      }
      assert.equal(readFileSync(path.join(dir, 'hainan-2021q2', 'out', `${base}.md`), 'utf8'), '上一版\n');
      assert.equal(readdirSync(path.join(dir, 'hainan-2021q2', 'out')).length, 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints JSON, and locates a bad output folder or campaign file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ir-bulletin-cli-'));
    try {
      // a one-record campaign: fast, and the figures are easy to check by hand
      const yaml = [
        'kind: campaign',
        'issuer: 海南省人民政府办公厅',
        'scope: 全省',
        'period: { year: 2021, quarter: 2 }',
        'checkWindow: { start: 2021-06-11, end: 2021-06-20 }',
        'profile: national-2019',
        'population: { websites: 0, media: 4 }',
        'output: 通报',
        '',
      ].join('\n');
      writeFileSync(path.join(dir, 'campaign.yaml'), yaml);
      const danzhou = path.join(ROOT, 'samples', 'hainan-2021q2', 'media', '儋州市');
      cpSync(path.join(danzhou, readdirSync(danzhou).find((f) => f.includes('儋州教育'))!), path.join(dir, 'a.yaml'));
      const out: string[] = [];
      const err: string[] = [];
      const ctx = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: path.dirname(dir), env: {}, locale: 'zh-cn' as const, format: 'json' as const };
      const name = path.basename(dir);
      // new media only (no website population, no website records): the file name says so
      const base = '2021年第二季度全省政务新媒体抽查情况通报';
      assert.equal(await main(['bulletin', name, '--formats', 'md,xlsx', '--format', 'json'], ctx), 0, err.join(''));
      const json = JSON.parse(out.join(''));
      assert.deepEqual(json.files, [
        { format: 'md', file: path.join(name, '通报', `${base}.md`), renamed: false, replaced: false },
        { format: 'xlsx', file: path.join(name, '通报', `${base}（附件名单）.xlsx`), renamed: false, replaced: false },
      ]);
      // 1 of 4 checked (25%), failing (M-V3): pass rate 0.0%
      assert.deepEqual(
        [json.media.population, json.media.checked, json.media.samplingRatio, json.media.failed, json.media.passRate],
        [4, 1, '25', 1, '0.0'],
      );

      const lines = yaml.replace('output: 通报', 'output: ../elsewhere').split('\n');
      writeFileSync(path.join(dir, 'campaign.yaml'), lines.join('\n'));
      assert.equal(await main(['bulletin', name], ctx), 1);
      const line = lines.findIndex((l) => l.startsWith('output: '));
      assert.equal(
        err.join(''),
        `${path.join(name, 'campaign.yaml')}:${line + 1}:${lines[line].indexOf('../') + 1} 错误 IR2115 输出文件夹“../elsewhere”不在检查活动文件夹内：请写相对路径，不要用“..”或绝对路径，也不要经过指向外部的链接\n`,
      );
      assert.equal(readdirSync(path.dirname(dir)).includes('elsewhere'), false);

      // an invalid campaign.yaml: its own diagnostics, located
      writeFileSync(path.join(dir, 'campaign.yaml'), yaml.replace('quarter: 2', 'quarter: 5'));
      err.length = 0;
      assert.equal(await main(['bulletin', name], ctx), 1);
      assert.match(err.join(''), new RegExp(`^${path.join(name, 'campaign.yaml')}:4:\\d+ 错误 IR2\\d{3} .*季度`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
