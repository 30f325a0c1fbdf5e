import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import type { BulletinModel } from '../../server/src/core/bulletin/bulletinModel';
import { parseBlocks } from '../../server/src/core/bulletin/render/blocks';
import { renderDocx } from '../../server/src/core/bulletin/render/docx';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { grammarFaults } from './support/bulletinText';
import { renderXlsx } from '../../server/src/core/bulletin/render/xlsx';
import { defaultSettings, loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import { ActionError, writeBulletin } from '../../server/src/core/actions';
import { validatorFor } from '../../server/src/core/schemas';
import { validateDocument } from '../../server/src/core/validate/validateDocument';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { campaign, media, veto, website } from './support/bulletinCampaign';
import { SEED_LIKE_SETTINGS, seedLikeCampaign } from './support/seedLikeCampaign';

function seedModel(): { model: BulletinModel; template: string } {
  const s = resolveSettings(SEED_LIKE_SETTINGS);
  return { model: aggregateCampaign(seedLikeCampaign(), s), template: loadTemplate(s, undefined, 'zh-cn') };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ir-bulletin-'));
}

describe('bulletin settings', () => {
  it('ships defaults that satisfy the settings schema', () => {
    const validate = validatorFor('bulletin-settings.schema.json')!;
    assert.equal(validate(defaultSettings()), true, JSON.stringify(validate.errors));
  });

  it('is validated with campaign.yaml: one diagnostic per mistake, on its node, in the same wording as any key', () => {
    const text = 'kind: campaign\nissuer: 某办\nbulletin:\n  rounding: 四舍五入\n  precision:\n    passRate: 3\n  titel: 错字\n';
    const bulletinProblems = validateDocument(parseYaml(text), 'zh-cn').diagnostics.filter((d) => d.range.start.line >= 2);
    assert.deepEqual(bulletinProblems.map((d) => d.code), ['IR2102', 'IR2112', 'IR2103']);
    const [enumError, choiceError, unknownKey] = bulletinProblems;
    const lines = text.split('\n');
    assert.equal(enumError.range.start.line, lines.findIndex((l) => l.includes('rounding:')));
    assert.match(enumError.message, /half-up/);
    // a precision is a digit count, or one per kind: the message says both
    assert.equal(choiceError.range.start.line, lines.findIndex((l) => l.includes('passRate: 3')));
    assert.equal(choiceError.range.start.character, lines[choiceError.range.start.line].indexOf('3'));
    assert.match(choiceError.message, /0、1、2|0, 1, 2/);
    assert.equal(unknownKey.range.start.line, lines.findIndex((l) => l.includes('titel')));
    assert.match(unknownKey.message, /titel/);
    assert.match(unknownKey.message, /title/);
  });
});

describe('bulletin Markdown', () => {
  it('writes the overview figures, the named problems and the deadlines as the seed does', () => {
    const { model, template } = seedModel();
    const md = renderMarkdown(model, template);
    assert.deepEqual(grammarFaults(md), []);
    const expected = [
      '# 海南省人民政府办公厅关于2021年第二季度全省政府网站与政务新媒体抽查情况的通报',
      '和《海南省政府网站管理办法》的要求，我厅组织开展了2021年第二季度全省政府网站与政务新媒体抽查工作。现将有关情况通报如下：',
      '2021年6月11日至20日，按照《考核指标》中规定的检查标准，对全省正在运行的115个政府网站进行抽查，抽查比例为100%，发现存在突出问题的政府网站6个，抽查合格率94.8%；对全省正在运行的837个政务新媒体中的251个进行了抽查，抽查比例为30%，发现存在突出问题的政务新媒体34个，抽查合格率86.5%。',
      '此次抽查中，还对“全国政务新媒体信息报送系统”的填报情况进行了审核，发现漏报的政务新媒体64个，其中40个政务新媒体内容保障不合格。',
      '**（一）部分政府网站栏目更新不及时。**“海南农业信息网”“海南司法行政网”和“海南省林业局”网站的解读回应栏目更新不及时；“海南省供销合作网”的办事栏目和“海南省卫生健康委员会”网站的互动交流栏目长期未更新；“海口市教育局”网站的解读回应栏目更新不及时，调查征集栏目建设管理不规范，未能真实有效地开展网上意见征集。',
      '**（二）个别市县政务新媒体监管不力。**抽查发现，儋州市共有54个政务新媒体存在突出问题，其中9个政务新媒体不合格，45个政务新媒体未按要求在“全国政务新媒体信息报送系统”中上传基本信息；微信公众号“儋州教育”曾因链接至商业账号和发布与工作无关信息在2021年第一季度政务新媒体抽查中予以通报，但目前仍未按《考核指标》的要求开设有效的互动功能；微信公众号“儋州市生态环境局”中的服务栏目链接全部失效。定安县共有19个政务新媒体未按要求在“全国政务新媒体报送系统”中上传基本信息，其中13个政务新媒体内容保障不合格。万宁市共有18个政务新媒体不合格。',
      '**（三）政务新媒体建设管理仍需进一步规范。**微信公众号“海南省不动产登记”和今日头条号“海南司法行政在线”自2019年10月以来内容长期不更新；省监狱管理局开设的“美兰监狱”“海南省新康监狱”等多个政务新媒体内容更新不及时；临高县公安局开设的2个微信公众号均未提供有效互动功能。',
      '对此次检查通报的6个存在突出问题的政府网站、34个存在突出问题的政务新媒体和40个存在漏报问题且不合格的政务新媒体，',
      '对64个漏报的政务新媒体，各有关市县政府办公室要在3个工作日内将相关信息补报至“全国政务新媒体信息报送系统”。2021年7月15日前，将政府网站和政务新媒体整改及补报情况报送我厅，我厅将对有关情况进行复核。',
      '1.2021年第二季度抽查发现存在突出问题的政府网站名单',
      '3.2021年第二季度漏报的政务新媒体名单',
      '| 1 | 省直 | 海南农业信息网主办 | 海南农业信息网 | 4600000003 | 解读回应栏目更新不及时 |',
      '| 7 | 儋州市 | 儋州市生态环境局 | 微信公众号 | 儋州市生态环境局 | 服务栏目链接全部失效 |',
    ];
    for (const line of expected) assert.ok(md.includes(line), `missing: ${line}`);
    // the three attachment tables, with their rows
    assert.equal((md.match(/^## 附件\d$/gm) ?? []).length, 3);
    assert.equal(md.split('\n').filter((l) => /^\| \d+ \| /.test(l)).length, 6 + 34 + 64);
  });

  it('escapes Markdown in names and cells, and the Word reader gets them back', () => {
    const c = campaign([website('A*B|站_点', '4600000001', { hits: [veto('W-V2')], problem: '首页<script>' })], { population: { websites: 1, media: 0 } });
    const s = resolveSettings({ problems: { headingCount: '', groups: [{ key: 'w', heading: '网站问题', where: { kind: 'website', verdict: ['fail'] } }] } });
    const m = aggregateCampaign(c, s);
    const md = renderMarkdown(m, loadTemplate(s, undefined, 'zh-cn'));
    assert.ok(md.includes('“A\\*B\\|站\\_点”网站首页\\<script\\>'), md);
    assert.ok(md.includes('| A\\*B\\|站\\_点 |'));
    const para = parseBlocks(md).find((b) => b.type === 'paragraph' && b.runIn?.includes('网站问题'));
    assert.deepEqual(para, { type: 'paragraph', runIn: '（一）网站问题。', text: '“A*B|站_点”网站首页<script>。' });
  });

  it('follows the settings: counted noun, unit, precision, never-100, changes and the re-check sentence', () => {
    const prev = campaign([...Array.from({ length: 9 }, (_, i) => website(`旧${i}`, `46000001${i}`)), website('旧坏', '4600000200', { hits: [veto('W-V2')] })], {
      config: { period: { year: 2021, quarter: 1 } },
      population: { websites: 10, media: 0 },
    });
    const now = campaign(
      [...Array.from({ length: 1998 }, (_, i) => website(`站${i}`, `4601${String(i).padStart(6, '0')}`)), website('旧坏', '4600000200', { hits: [veto('W-V2')] }), website('新坏', '4600000201', { hits: [veto('W-V3')] })],
      { previous: prev, population: { websites: 4000, media: 0 } },
    );
    const s = resolveSettings(
      {
        unit: '家',
        countedNoun: '不合格的',
        precision: { samplingRatio: 1, passRate: 1 },
        never100: true,
        recheck: { placement: 'own' },
        changes: { baselines: [{ name: '上季度' }] },
        problems: { groups: [] },
      },
    );
    const md = renderMarkdown(aggregateCampaign(now, s), loadTemplate(s, undefined, 'zh-cn'));
    assert.deepEqual(grammarFaults(md), []);
    // 2000 of 4000 = 50.0 %; 1998/2000 = 99.9 % exactly; previous 9/10 = 90.0 % → up 9.9 points
    assert.ok(md.includes('对全省正在运行的4000家政府网站中的2000家进行了抽查，抽查比例为50.0%，发现不合格的政府网站2家，抽查合格率99.9%，较上季度上升9.9个百分点。'), md);
    assert.ok(md.includes('对上季度不合格的1家政府网站进行了复查，发现1家仍未整改合格（“旧坏”网站）。'), md);
    // with one failure in 2000, 99.95 % rounds to 100.0 unless never-100 is on
    const one = campaign([...Array.from({ length: 1999 }, (_, i) => website(`站${i}`, `4601${String(i).padStart(6, '0')}`)), website('坏', '4600000201', { hits: [veto('W-V3')] })], {
      population: { websites: 2000, media: 0 },
    });
    assert.equal(aggregateCampaign(one, s).websites.passRate?.text, '99.9');
    assert.equal(aggregateCampaign(one, resolveSettings({ never100: false, precision: { passRate: 1 } })).websites.passRate?.text, '100.0');
  });

  it('groups problems by indicator and by region when configured', () => {
    const c = campaign([
      website('甲网', '4600000001', { hits: [veto('W-V2')] }),
      website('乙网', '4600000002', { hits: [veto('W-V2'), veto('W-V3')] }),
      media('微信公众号', '丙号', { region: '儋州市', hits: [veto('M-V2', { lastPost: '2019-10-08' })] }),
    ]);
    const byIndicator = aggregateCampaign(c, resolveSettings({ problems: { grouping: 'indicator' } }));
    assert.deepEqual(
      byIndicator.problems.map((p) => [p.heading, p.text]),
      [
        ['站点无法访问（2个）', '“甲网”和“乙网”站点无法访问'],
        ['首页长期不更新（1个）', '“乙网”首页长期不更新'],
        ['内容长期不更新（1个）', '微信公众号“丙号”自2019年10月以来内容长期不更新'],
      ],
    );
    const byRegion = aggregateCampaign(c, resolveSettings({ problems: { grouping: 'region' }, regionOrder: ['省直', '儋州市'] }));
    assert.deepEqual(
      byRegion.problems.map((p) => [p.heading, p.text]),
      [
        ['省直（2个）', '“甲网”站点无法访问；“乙网”站点无法访问，首页长期不更新'],
        ['儋州市（1个）', '微信公众号“丙号”自2019年10月以来内容长期不更新'],
      ],
    );
  });
});

describe('bulletin template overrides', () => {
  it('renders a campaign\'s own template and refuses one outside the campaign folder', async () => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, 'campaign.yaml'), 'kind: campaign\nbulletin:\n  template: my.mustache\n');
      writeFileSync(path.join(dir, 'my.mustache'), '# {{title}}\n\n共抽查{{websites.checked}}{{unit}}，合格率{{websites.passRate}}。{{#problems}}{{number}}、{{heading}}：{{text}}。{{/problems}}\n');
      const c = campaign([website('甲网', '4600000001', { hits: [veto('W-V2')] }), website('乙网', '4600000002')], {
        root: dir,
        config: { bulletin: { template: 'my.mustache', title: '{{scope}}自定义标题' }, output: 'out' },
        population: { websites: 2, media: 0 },
      });
      const r = await writeBulletin(c, { formats: ['md'], locale: 'zh-cn' });
      const md = readFileSync(r.files[0].file, 'utf8');
      // the failing site lands in the group its rule maps to (W-V2: availability)
      assert.ok(md.startsWith('# 全省自定义标题\n\n共抽查2个，合格率50.0%。一、部分政府网站无法正常访问（1个）：“甲网”站点无法访问。'), md);

      const yaml = 'kind: campaign\nbulletin:\n  template: ../elsewhere.mustache\n';
      writeFileSync(path.join(dir, 'campaign.yaml'), yaml);
      const outside = campaign([], { root: dir, config: { bulletin: { template: '../elsewhere.mustache' } } });
      await assert.rejects(writeBulletin(outside, { formats: ['md'], locale: 'zh-cn' }), (e: unknown) => {
        assert.ok(e instanceof ActionError);
        assert.equal(e.kind, 'campaign');
        const at = e.problems[0].diagnostic;
        assert.equal(at.code, 'IR2115');
        assert.equal(at.range.start.line, 2);
        assert.equal(at.range.start.character, yaml.split('\n')[2].indexOf('../'));
        assert.match(at.message, /不在检查活动文件夹内/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bulletin files', () => {
  it('never overwrites silently: a free name, or --force; never outside the output folder', async () => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, 'campaign.yaml'), 'kind: campaign\noutput: ../escape\n');
      // a campaign of websites only: the file name says so
      const c = campaign([website('甲网', '4600000001')], { root: dir, population: { websites: 1, media: 0 } });
      const first = await writeBulletin(c, { formats: ['md', 'xlsx'], locale: 'zh-cn' });
      assert.deepEqual(
        first.files.map((f) => path.relative(dir, f.file)),
        [path.join('out', '2021年第二季度全省政府网站抽查情况通报.md'), path.join('out', '2021年第二季度全省政府网站抽查情况通报（附件名单）.xlsx')],
      );
      const second = await writeBulletin(c, { formats: ['md'], locale: 'zh-cn' });
      assert.equal(path.basename(second.files[0].file), '2021年第二季度全省政府网站抽查情况通报 (2).md');
      assert.equal(second.files[0].renamed, true);
      const forced = await writeBulletin(c, { formats: ['md'], locale: 'zh-cn', force: true });
      assert.equal(path.basename(forced.files[0].file), '2021年第二季度全省政府网站抽查情况通报.md');
      assert.equal(forced.files[0].replaced, true);
      assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), [
        '2021年第二季度全省政府网站抽查情况通报 (2).md',
        '2021年第二季度全省政府网站抽查情况通报.md',
        '2021年第二季度全省政府网站抽查情况通报（附件名单）.xlsx',
      ]);

      const escaping = campaign([], { root: dir, config: { output: '../escape' } });
      await assert.rejects(writeBulletin(escaping, { formats: ['md'], locale: 'zh-cn' }), (e: unknown) => e instanceof ActionError && e.problems[0]?.diagnostic.range.start.line === 1 && /不在检查活动文件夹内/.test(e.message));
      assert.equal(existsSync(path.join(dir, '..', 'escape')), false);
      const badName = campaign([], { root: dir, config: { bulletin: { fileName: '../../通报' } } });
      await assert.rejects(writeBulletin(badName, { formats: ['md'], locale: 'zh-cn' }), (e: unknown) => e instanceof ActionError && e.problems[0]?.diagnostic.code === 'IR2117' && /不可用/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bulletin Excel workbook', () => {
  it('has one sheet per list with a header row, widths and formula-safe cells', async () => {
    const { model } = seedModel();
    // a name that a spreadsheet would run as a formula
    model.attachments[0].rows.push(['7', '省直', '=HYPERLINK("http://x")', '+86 网站', '4600000999', '@SUM(A1)']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(model)) as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((ws) => ws.name),
      ['附件1', '附件2', '附件3'],
    );
    const ws1 = wb.getWorksheet('附件1')!;
    assert.equal(ws1.getCell('A1').value, '2021年第二季度抽查发现存在突出问题的政府网站名单');
    assert.deepEqual((ws1.getRow(2).values as unknown[]).slice(1), ['序号', '地区', '主办单位', '网站名称', '网站标识码', '问题描述']);
    assert.deepEqual((ws1.getRow(3).values as unknown[]).slice(1), [1, '省直', '海南农业信息网主办', '海南农业信息网', '4600000003', '解读回应栏目更新不及时']);
    assert.deepEqual((ws1.getRow(9).values as unknown[]).slice(1), [7, '省直', '\'=HYPERLINK("http://x")', '\'+86 网站', '4600000999', '\'@SUM(A1)']);
    assert.equal(ws1.getCell('C9').formula, undefined);
    // widths come from the content: the 10-digit 网站标识码 gets at least ten digit widths and stays text
    assert.ok(ws1.getColumn(5).width! >= 10, String(ws1.getColumn(5).width));
    assert.equal(ws1.getCell('E9').numFmt, '@');
    assert.equal(wb.getWorksheet('附件2')!.rowCount, 2 + 34);
    const ws3 = wb.getWorksheet('附件3')!;
    assert.equal(ws3.rowCount, 2 + 64);
    assert.deepEqual((ws3.getRow(3).values as unknown[]).slice(1, 8), [1, '儋州市', '儋州库外0运营单位', '抖音', '儋州库外0', '', '不合格']);
  });
});

describe('bulletin Word document (checked by LibreOffice)', function () {
  this.timeout(120000);

  it('converts to PDF whose text holds the title, figures, names, page numbers and attachments', async () => {
    const { model, template } = seedModel();
    const dir = tempDir();
    try {
      const docx = path.join(dir, 'bulletin.docx');
      writeFileSync(docx, await renderDocx(model, template));
      // fails (does not skip) when LibreOffice is missing: CI installs it
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx], {
        env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), HOME: dir },
        stdio: 'pipe',
        timeout: 110000,
      });
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'bulletin.pdf'), '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, '');
      for (const s of [
        '海南省人民政府办公厅关于2021年第二季度全省政府网站与政务新媒体抽查情况的通报',
        '一、总体情况',
        '抽查合格率94.8%',
        '抽查合格率86.5%',
        '抽查比例为30%',
        '发现漏报的政务新媒体64个，其中40个政务新媒体内容保障不合格',
        '“海南司法行政网”',
        '今日头条号“海南司法行政在线”自2019年10月以来内容长期不更新',
        '儋州市共有54个政务新媒体存在突出问题',
        '2021年7月15日前',
        '附件1',
        '2021年第二季度漏报的政务新媒体名单',
        '网站标识码',
        '4600000012',
      ]) {
        assert.ok(flat.includes(s), `PDF text lacks ${s}`);
      }
      assert.match(text, /—\s*1\s*—/);
      assert.match(text, /—\s*2\s*—/);
      // each attachment starts its own page: the form feed precedes its label
      const pages = text.split('\f');
      for (const label of ['附件1', '附件2', '附件3']) {
        assert.ok(pages.some((p) => p.replace(/\s+/g, '').startsWith(label)), `${label} does not open a page`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
