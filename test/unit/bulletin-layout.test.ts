// The layout of the documents an office sends: text measuring and content-sized columns, the date of
// the document, the Word bulletin per GB/T 9704-2012 and printable Excel lists, checked in the files
// themselves and, converted by LibreOffice with the official font names aliased to Noto CJK, in the
// PDF's page sizes and word positions (poppler). Expected positions come from the standard's
// geometry: A4, margins 37/35/28/26 mm, 三号 (16 pt) body on a 28.95 pt line.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import type { AttachmentTable, BulletinModel } from '../../server/src/core/bulletin/bulletinModel';
import { chineseCount, formatDocumentDate } from '../../server/src/core/bulletin/documentDate';
import { parseBlocks } from '../../server/src/core/bulletin/render/blocks';
import { renderDocx } from '../../server/src/core/bulletin/render/docx';
import { choosePlan } from '../../server/src/core/bulletin/render/docxAttachments';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { renderXlsx } from '../../server/src/core/bulletin/render/xlsx';
import { loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import { analyseCampaign, openCampaign, writeBulletin } from '../../server/src/core/actions';
import { convertToPdf, findSoffice, LibreOfficeMissingError } from '../../server/src/core/io/libreOffice';
import { columnNeeds, distributeWidths, fitsWidth, rowLines, type ColumnContent } from '../../server/src/core/layout/columnWidths';
import { lineCount, textWidthEm } from '../../server/src/core/layout/textWidth';
import { schemaEnglish, validatorFor } from '../../server/src/core/schemas';
import { ZipEntries } from '../../server/src/core/registry/zipEntries';
import { main } from '../../server/src/cli/main';
import { campaign, media, veto, website } from './support/bulletinCampaign';
import { isA4, pageSizes, pdfPages, type Page, type Word } from './support/pdfLayout';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'samples', 'hainan-2021q2');
const FONTS = path.join(ROOT, 'test', 'fixtures', 'fonts', 'fonts.conf');
/** Points in a millimetre. */
const MM = 72 / 25.4;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ir-layout-'));
}

async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: ROOT, env });
  return { code, stdout, stderr };
}

/** The text of a zip entry (a part of a .docx or .xlsx). */
function part(bytes: Uint8Array, name: string): string {
  const text = new ZipEntries(bytes).text(name);
  assert.ok(text !== undefined, `no ${name}`);
  return text;
}

/** The lines of a page as the eye groups them: words whose middles lie within 3 pt, left to right. */
function visualLines(page: Page): { text: string; words: Word[]; xMin: number; xMax: number; yMin: number; yMax: number }[] {
  const words = page.lines.flatMap((l) => l.words).sort((a, b) => (a.yMin + a.yMax) / 2 - (b.yMin + b.yMax) / 2 || a.xMin - b.xMin);
  const rows: Word[][] = [];
  for (const w of words) {
    const last = rows[rows.length - 1];
    const mid = (w.yMin + w.yMax) / 2;
    if (last && Math.abs(mid - (last[0].yMin + last[0].yMax) / 2) < 3) last.push(w);
    else rows.push([w]);
  }
  return rows.map((ws) => {
    ws.sort((a, b) => a.xMin - b.xMin);
    return {
      words: ws,
      text: ws.map((w) => w.text).join(''),
      xMin: Math.min(...ws.map((w) => w.xMin)),
      xMax: Math.max(...ws.map((w) => w.xMax)),
      yMin: Math.min(...ws.map((w) => w.yMin)),
      yMax: Math.max(...ws.map((w) => w.yMax)),
    };
  });
}

describe('text measure and content-sized columns', () => {
  it('measures CJK as one em and Latin by the widest of the fonts it may print in', () => {
    assert.equal(textWidthEm('海南省'), 3);
    assert.equal(textWidthEm('“全国”；'), 5);
    // digits: Times New Roman 0.5 em, DejaVu Serif 0.636 em
    assert.equal(textWidthEm('4600000012', 'times'), 5);
    assert.ok(Math.abs(textWidthEm('4600000012') - 6.36) < 1e-9);
  });

  it('counts lines as a word processor breaks them: CJK anywhere, Latin words whole', () => {
    assert.equal(lineCount('一二三四五六', 3), 2);
    assert.equal(lineCount('一二三四五六七', 3), 3);
    // 'abcd' cannot break, so it starts a new line after 一二
    assert.equal(lineCount('一二abcd', 3), 2);
    // a word wider than the line is cut by characters
    // ten digits of at most 0.636 em: four to a 3-em line
    assert.equal(lineCount('4600000012', 3), 3);
    assert.equal(lineCount('', 5), 1);
  });

  const col = (header: string, cells: string[], unbreakable = false): ColumnContent => ({ header, cells, unbreakable });
  const options = { padding: 1, keepWhole: 5, minWrapping: 4 };

  it('gives every text one line when the widest widths fit, the spare room to running text', () => {
    const cols = [col('序号', ['1', '2'], true), col('网站标识码', ['4600000012', '4601000002'], true), col('问题描述', ['解读回应栏目更新不及时', '办事栏目长期未更新'])];
    const needs = columnNeeds(cols, options);
    const widths = distributeWidths(cols, needs, 40, options.padding);
    assert.ok(Math.abs(widths.reduce((n, w) => n + w, 0) - 40) < 1e-9);
    // identifiers exactly as wide as their widest text (header included) plus padding
    assert.equal(widths[0], 2 + 1);
    assert.ok(Math.abs(widths[1] - (6.36 + 1)) < 1e-9);
    assert.deepEqual(rowLines([['1', '4600000012', '解读回应栏目更新不及时']], widths, 1), [1]);
  });

  it('widens two cells together when both hold rows up, rather than the one long cell', () => {
    // five rows held at two lines by two eight-character names, one row by a 40-character text:
    // names on one line (9 ems each) leave the text 10 ems, 4 lines: 5 + 4 = 9 lines in all;
    // spending the room on the text alone leaves the names at 2 lines: at least 10 + 3 lines
    const names = ['海南省农业农村厅', '海南省司法行政厅', '海南省林业管理局', '海南省供销合作社', '海南省卫生健康委'];
    const rows = [...names.map((n) => [n, n, '短文字']), ['短名', '短名', '解'.repeat(40)]];
    const cols = [0, 1, 2].map((i) => col(['甲', '乙', '丙'][i], rows.map((r) => r[i])));
    const widths = distributeWidths(cols, columnNeeds(cols, options), 29, options.padding);
    assert.ok(widths[0] >= 9 && widths[1] >= 9, widths.join(' '));
    assert.equal(rowLines(rows, widths, 1).reduce((n, x) => n + x, 0), 9);
  });

  it('knows when identifiers cannot all fit unbroken', () => {
    const cols = [col('账号ID', ['gh_64a3453c6ff7'], true), col('网址', ['http://www.hainan.gov.cn/hainan/sjhy/list.shtml'], true)];
    const needs = columnNeeds(cols, options);
    assert.equal(fitsWidth(needs, 20, 1), false);
    assert.equal(fitsWidth(needs, 60, 1), true);
  });
});

describe('date of the document and the body blocks', () => {
  const s = resolveSettings({});

  it('prints the date in Arabic numerals by default and in Chinese numerals when configured', () => {
    assert.equal(formatDocumentDate(s, '2021-07-15'), '2021年7月15日');
    const chinese = resolveSettings({ dateNumerals: 'chinese' });
    assert.equal(formatDocumentDate(chinese, '2021-07-15'), '二〇二一年七月十五日');
    assert.equal(formatDocumentDate(chinese, '2020-10-30'), '二〇二〇年十月三十日');
    assert.equal(formatDocumentDate(chinese, '2021-12-21'), '二〇二一年十二月二十一日');
    assert.equal(formatDocumentDate(chinese, '2021-01-01'), '二〇二一年一月一日');
    assert.deepEqual([1, 9, 10, 11, 19, 20, 30, 31].map(chineseCount), ['一', '九', '十', '十一', '十九', '二十', '三十', '三十一']);
    assert.equal(formatDocumentDate(s, ''), '');
  });

  it('reads the attachment note, signature and date back from the template', () => {
    const blocks = parseBlocks('正文。\n\n<p class="attachments">附件：</p>\n\n<p class="attachment">1.甲名单</p>\n\n<p class="attachment">2.乙\\*名单</p>\n\n<p class="signature">某办</p>\n\n<p class="date">2021年7月5日</p>\n');
    assert.deepEqual(blocks, [
      { type: 'paragraph', text: '正文。' },
      { type: 'attachments', heading: '附件：', items: [{ number: '1.', title: '甲名单' }, { number: '2.', title: '乙*名单' }] },
      { type: 'signature', text: '某办' },
      { type: 'date', text: '2021年7月5日' },
    ]);
  });

  it('dates the bulletin today in China unless the campaign gives a date', async () => {
    const dir = tempDir();
    try {
      writeFileSync(path.join(dir, 'campaign.yaml'), 'kind: campaign\n');
      const c = campaign([website('甲网', '4600000001')], { root: dir, population: { websites: 1, media: 0 } });
      const today = await writeBulletin(c, { formats: ['md'], locale: 'zh-cn', today: '2021-07-05', out: { absolute: path.join(dir, 'a') } });
      assert.match(readFileSync(today.files[0].file, 'utf8'), /<p class="date">2021年7月5日<\/p>/);
      const given = campaign([website('甲网', '4600000001')], { root: dir, population: { websites: 1, media: 0 }, config: { bulletin: { date: '2021-07-15', dateNumerals: 'chinese' } } });
      const r = await writeBulletin(given, { formats: ['md'], locale: 'zh-cn', today: '2021-07-05', out: { absolute: path.join(dir, 'b') } });
      assert.match(readFileSync(r.files[0].file, 'utf8'), /<p class="date">二〇二一年七月十五日<\/p>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints 份号, 密级 and 紧急程度 above the title and the 版记 after the attachments when configured', () => {
    const s2 = resolveSettings({ copyNumber: '000001', secrecy: '秘密★1年', urgency: '特急', imprint: { copyTo: ['省委办公厅', '省人大常委会办公厅'], printer: '{{issuer}}秘书处' }, date: '2021-07-15' });
    const m = aggregateCampaign(campaign([website('甲网', '4600000001', { hits: [veto('W-V2')] })], { population: { websites: 1, media: 0 } }), s2);
    const md = renderMarkdown(m, loadTemplate(s2, undefined, 'zh-cn'));
    const lines = md.split('\n').filter(Boolean);
    assert.deepEqual(lines.slice(0, 3), ['<p align="left">000001</p>', '<p align="left">秘密★1年</p>', '<p align="left">特急</p>']);
    assert.ok(lines[3].startsWith('# '));
    assert.deepEqual(lines.slice(-2), [`<p align="left">抄送：省委办公厅，省人大常委会办公厅。</p>`, `<p align="left">${m.campaign.issuer}秘书处　　2021年7月15日印发</p>`]);
  });
});

describe('Word bulletin structure', () => {
  it('repeats header rows, never splits a row, numbers pages on the outer side and lays out an unsealed signature', async () => {
    const s = resolveSettings({ sealed: false, date: '2021-07-15', signature: '某某市人民政府办公室' });
    const c = campaign([website('甲网', '4600000001', { hits: [veto('W-V2')] }), media('微信公众号', '乙号', { hits: [veto('M-V2')] })], { population: { websites: 1, media: 1 } });
    const m = aggregateCampaign(c, s);
    const bytes = await renderDocx(m, loadTemplate(s, undefined, 'zh-cn'));
    const doc = part(bytes, 'word/document.xml');
    const rows = doc.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    const dataRows = m.attachments.reduce((n, a) => n + a.rows.length, 0);
    assert.equal(rows.length, dataRows + m.attachments.length);
    assert.ok(rows.every((r) => r.includes('<w:cantSplit/>')));
    assert.equal(rows.filter((r) => r.includes('<w:tblHeader/>')).length, m.attachments.length);
    assert.match(part(bytes, 'word/settings.xml'), /<w:evenAndOddHeaders\/>/);
    // unsealed (7.3.5.2): the date starts two characters (2 × 320 twips) right of the signature
    const indentOf = (text: string) => Number(new RegExp(`<w:p>(?:(?!<w:p>)[\\s\\S])*?<w:ind w:left="(\\d+)"/>(?:(?!<w:p>)[\\s\\S])*?${text}`).exec(doc)![1]);
    assert.equal(indentOf('2021年7月15日') - indentOf('某某市人民政府办公室'), 640);
  });
});

describe('Excel lists print on A4', () => {
  const s = resolveSettings({});

  it('sets paper, fit to one page wide, repeated and frozen header, borders and text identifiers', async () => {
    const many = Array.from({ length: 30 }, (_, i) => website(`网站${i}`, `46000001${String(i).padStart(2, '0')}`, { hits: [veto('W-V2')] }));
    const m = aggregateCampaign(campaign(many, { population: { websites: 30, media: 0 } }), s);
    const bytes = await renderXlsx(m, 'zh-cn');
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    const setup = /<pageSetup [^>]*>/.exec(sheet)![0];
    assert.match(setup, /paperSize="9"/);
    assert.match(setup, /fitToWidth="1"/);
    assert.match(setup, /fitToHeight="0"/);
    assert.match(sheet, /<pageSetUpPr fitToPage="1"\/>/);
    assert.match(sheet, /<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"\/>/);
    // the only list with anybody on it: attached alone, so not numbered (GB/T 9704-2012 7.3.4)
    assert.match(sheet, /<oddHeader>&amp;L附件&amp;C&amp;B2021年第二季度抽查发现存在突出问题的政府网站名单<\/oddHeader>/);
    assert.match(sheet, /<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页<\/oddFooter>/);
    const book = part(bytes, 'xl/workbook.xml');
    assert.match(book, /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;附件&apos;!\$2:\$2<\/definedName>/);
    assert.match(book, /<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;附件&apos;!\$A\$2:\$F\$32<\/definedName>/);
    // the site code is a shared string in a cell formatted as text, with borders
    const cell = /<c r="E3" s="(\d+)" t="s">/.exec(sheet);
    assert.ok(cell, 'E3 is not a string');
    const styles = part(bytes, 'xl/styles.xml');
    const xf = [...styles.matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((x) => x[0]).filter((x) => !x.includes('xfId="0"') || true);
    const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    assert.ok(xf.length > 0);
    const style = cellXfs[Number(cell[1])];
    assert.match(style, /numFmtId="49"/, style);
    assert.ok(Number(/borderId="(\d+)"/.exec(style)![1]) > 0, style);
  });

  it('turns a list to landscape when its columns need the width', async () => {
    const wide = resolveSettings(
      { attachments: [{ key: 'w', list: 'websites-failed', title: '名单', columns: ['seq', 'region', 'sponsor', 'name', 'siteCode', 'url', 'checkDate', 'problem', 'file'] }] },
    );
    const row = website('很长很长的网站名称很长很长', '4600000001', { hits: [veto('W-V2')], problem: '首页长期不更新，栏目长期未更新，互动回应差' });
    const m = aggregateCampaign(campaign([row], { population: { websites: 1, media: 0 } }), wide);
    assert.match(/<pageSetup [^>]*>/.exec(part(await renderXlsx(m, 'zh-cn'), 'xl/worksheets/sheet1.xml'))![0], /orientation="landscape"/);
    assert.match(/<pageSetup [^>]*>/.exec(part(await renderXlsx(aggregateCampaign(campaign([row], { population: { websites: 1, media: 0 } }), s), 'zh-cn'), 'xl/worksheets/sheet1.xml'))![0], /orientation="portrait"/);
  });
});

describe('bulletin settings schema', () => {
  it('titles and describes every property in Chinese and in English', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'bulletin-settings.schema.json'), 'utf8'));
    const english = schemaEnglish();
    const walk = (node: unknown, pointer: string): void => {
      if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`));
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'properties') {
          for (const [name, prop] of Object.entries(v as Record<string, Record<string, unknown>>)) {
            const at = `${pointer}/properties/${name}`;
            assert.match(String(prop.title), /[\u4e00-\u9fff]/, `${at} title`);
            assert.match(String(prop.description), /[\u4e00-\u9fff]/, `${at} description`);
            const en = english[`bulletin-settings.schema.json#${at}`];
            assert.ok(en?.title && en.description, `no English for ${at}`);
            walk(prop, at);
          }
        } else walk(v, `${pointer}/${k}`);
      }
    };
    walk(schema, '');
    assert.equal(validatorFor('bulletin-settings.schema.json')!({ imprint: { printDate: '2021/7/15' } }), false);
    assert.equal(validatorFor('bulletin-settings.schema.json')!({ dateNumerals: 'chinese', sealed: false, attachments: [{ key: 'a', list: 'media-failed', title: 't', columns: ['seq'], orientation: 'landscape' }] }), true);
  });
});

describe('PDF output', () => {
  it('finds LibreOffice by the environment, on PATH and in the usual install folders', () => {
    const has = (files: string[]) => (f: string) => files.includes(f);
    assert.equal(findSoffice({ INSPECTION_RECORDS_SOFFICE: '/opt/lo/soffice' }, 'linux', has(['/opt/lo/soffice'])), '/opt/lo/soffice');
    assert.throws(() => findSoffice({ INSPECTION_RECORDS_SOFFICE: '/nope' }, 'linux', has(['/usr/bin/soffice'])), (e: unknown) => e instanceof LibreOfficeMissingError && e.configured === '/nope');
    assert.equal(findSoffice({ PATH: '/a:/b' }, 'linux', has(['/b/libreoffice'])), '/b/libreoffice');
    assert.equal(findSoffice({ Path: 'C:\\x;C:\\y' }, 'win32', has(['C:\\y\\soffice.exe'])), 'C:\\y\\soffice.exe');
    assert.equal(
      findSoffice({ PATH: '', ProgramFiles: 'D:\\Programme' }, 'win32', has(['D:\\Programme\\LibreOffice\\program\\soffice.exe'])),
      'D:\\Programme\\LibreOffice\\program\\soffice.exe',
    );
    assert.equal(findSoffice({ PATH: '' }, 'darwin', has(['/Applications/LibreOffice.app/Contents/MacOS/soffice'])), '/Applications/LibreOffice.app/Contents/MacOS/soffice');
    assert.throws(() => findSoffice({ PATH: '' }, 'linux', has([])), LibreOfficeMissingError);
  });

  it('writes the other formats and says why there is no PDF when LibreOffice is missing (exit 3)', async () => {
    const dir = tempDir();
    try {
      // the sample's previous campaign sits beside it: the user allows the samples folder
      const env = { INSPECTION_RECORDS_SOFFICE: path.join(dir, 'no-soffice'), INSPECTION_RECORDS_ALLOW: path.dirname(SAMPLE) };
      const zh = await cli(['bulletin', SAMPLE, '--formats', 'md,pdf', '--out', path.join(dir, 'zh')], env);
      assert.equal(zh.code, 3, zh.stderr);
      assert.match(zh.stderr, /环境变量 INSPECTION_RECORDS_SOFFICE 所指的 LibreOffice 程序“.*no-soffice”不存在，没有生成 PDF。/);
      assert.match(zh.stdout, /抽查情况通报\.md/);
      assert.doesNotMatch(zh.stdout, /\.pdf/);
      const en = await cli(['bulletin', SAMPLE, '--formats', 'pdf', '--out', path.join(dir, 'en'), '--lang', 'en', '--format', 'json'], env);
      assert.equal(en.code, 3);
      assert.match(JSON.parse(en.stdout).pdfProblem, /named by INSPECTION_RECORDS_SOFFICE does not exist, so no PDF was written/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the sample rendered by LibreOffice (GB/T 9704 layout read back from the PDF)', function () {
  this.timeout(240000);
  const OFFICES = ['省委办公厅', '省人大常委会办公厅', '省政协办公厅', '省纪委监委机关', '省法院', '省检察院', '省委网信办', '各市、县、自治县人民政府办公室'];
  let dir: string;
  let model: BulletinModel;
  let bulletin: Page[];
  let bulletinSizes: { width: number; height: number }[];
  let lists: Page[];
  let listSizes: { width: number; height: number }[];
  let supplement: Page[];
  let supplementSizes: { width: number; height: number }[];

  before(async () => {
    dir = tempDir();
    const c = await analyseCampaign(await openCampaign(SAMPLE, { locale: 'zh-cn', allowed: [path.dirname(SAMPLE)] }));
    c.config.bulletin = { ...c.config.bulletin, imprint: { copyTo: OFFICES, printer: '海南省人民政府办公厅秘书处' } };
    const written = await writeBulletin(c, { formats: ['docx', 'xlsx'], out: { absolute: dir }, today: '2021-07-05', locale: 'zh-cn' });
    model = written.model;
    const run = await cli(['supplement', SAMPLE, '--out', dir]);
    assert.equal(run.code, 0, run.stderr);
    const file = (ext: string, pattern: RegExp) => written.files.find((f) => f.format === ext && pattern.test(f.file))?.file;
    const inputs = new Map<string, Uint8Array>([
      ['bulletin.docx', readFileSync(file('docx', /\.docx$/)!)],
      ['lists.xlsx', readFileSync(file('xlsx', /\.xlsx$/)!)],
      ['supplement.xlsx', readFileSync(path.join(dir, '2021年第二季度漏报的政务新媒体名单.xlsx'))],
    ]);
    // fails (does not skip) when LibreOffice is missing: npm test installs it
    const pdfs = await convertToPdf(inputs, { env: { ...process.env, FONTCONFIG_FILE: FONTS } });
    for (const [name, bytes] of pdfs) writeFileSync(path.join(dir, name), bytes);
    bulletin = pdfPages(path.join(dir, 'bulletin.pdf'));
    bulletinSizes = pageSizes(path.join(dir, 'bulletin.pdf'));
    lists = pdfPages(path.join(dir, 'lists.pdf'));
    listSizes = pageSizes(path.join(dir, 'lists.pdf'));
    supplement = pdfPages(path.join(dir, 'supplement.pdf'));
    supplementSizes = pageSizes(path.join(dir, 'supplement.pdf'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Pages of each attachment: from the page its label opens to the next label or the 版记. */
  function attachmentPages(): Map<AttachmentTable, Page[]> {
    const starts = model.attachments.map((a) => bulletin.findIndex((p) => visualLines(p)[0]?.text === a.label));
    const imprint = bulletin.findIndex((p) => p.flat.includes('抄送：'));
    const out = new Map<AttachmentTable, Page[]>();
    model.attachments.forEach((a, i) => {
      assert.ok(starts[i] >= 0, `${a.label} opens no page`);
      out.set(a, bulletin.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : imprint));
    });
    return out;
  }

  it('prints every page and every sheet on A4', () => {
    assert.ok(bulletinSizes.length > 0 && listSizes.length > 0 && supplementSizes.length > 0);
    for (const p of [...bulletinSizes, ...listSizes, ...supplementSizes]) assert.ok(isA4(p), JSON.stringify(p));
    assert.equal(bulletinSizes.length, bulletin.length);
  });

  it('gives each attachment the pages and orientation its plan says, fewer than before', () => {
    for (const [a, pages] of attachmentPages()) {
      const plan = choosePlan(a);
      assert.equal(pages.length, plan.pages, `${a.label}: ${pages.length} pages, planned ${plan.pages}`);
      for (const p of pages) assert.equal(p.width > p.height, plan.orientation === 'landscape', a.label);
    }
    const pages = [...attachmentPages().values()].map((p) => p.length);
    // the sample's lists: 6 websites fit one page; 64 unregistered accounts took 6 pages before
    assert.equal(pages[0], 1);
    assert.ok(pages[2] < 6, String(pages[2]));
  });

  it('repeats the header row at the top of every page of a table', () => {
    for (const [a, pages] of attachmentPages()) {
      const header = a.columns.map((c) => c.header).join('');
      pages.forEach((p, i) => {
        const lines = visualLines(p);
        const at = lines.findIndex((l) => l.text === header);
        assert.ok(at >= 0, `${a.label} page ${i + 1} has no header row`);
        // on continuation pages nothing comes before it
        if (i > 0) assert.equal(at, 0, `${a.label} page ${i + 1}: ${lines[0].text}`);
      });
    }
  });

  it('never breaks a 网站标识码 or 账号ID across lines', () => {
    let checked = 0;
    for (const [a, pages] of attachmentPages()) {
      const words = pages.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => w.text)));
      a.columns.forEach((c, i) => {
        if (c.key !== 'siteCode' && c.key !== 'accountId') return;
        for (const r of a.rows) {
          if (!r[i]) continue;
          checked++;
          assert.equal(words.filter((w) => w === r[i]).length, 1, `${a.label}: ${r[i]} broken or missing`);
        }
      });
    }
    assert.ok(checked >= 6 + 40, String(checked));
  });

  it('aligns the wrapped lines of the attachment note under the first character of the names', () => {
    const page = bulletin.find((p) => visualLines(p).some((l) => l.text.startsWith('附件：1.')))!;
    const lines = visualLines(page);
    const first = lines.findIndex((l) => l.text.startsWith('附件：1.'));
    const end = lines.findIndex((l) => l.text === model.settings.signature);
    const body = 2 * 16;
    const left = 28 * MM;
    // 附件 two characters in (左空二字)
    assert.ok(Math.abs(lines[first].xMin - (left + body)) < 1, String(lines[first].xMin));
    const titleX = lines[first].words[1].xMin;
    assert.ok(lines[first].words[0].text.endsWith('1.'));
    let wrapped = 0;
    for (const l of lines.slice(first + 1, end)) {
      if (/^\d+\.$/.test(l.words[0].text)) {
        assert.ok(Math.abs(l.words[1].xMin - titleX) < 0.5, `${l.text}: ${l.words[1].xMin} vs ${titleX}`);
        // the numbers line up after 附件：
        assert.ok(Math.abs(l.words[0].xMin - (left + body + 3 * 16)) < 1, l.text);
      } else {
        wrapped++;
        assert.ok(Math.abs(l.xMin - titleX) < 0.5, `${l.text}: ${l.xMin} vs ${titleX}`);
      }
    }
    assert.ok(wrapped >= 1, 'no attachment name wraps: the test shows nothing');
    // one blank line between the text and the note
    assert.ok(Math.abs(lines[first].yMin - lines[first - 1].yMin - 2 * 28.95) < 1);
  });

  it('places the signature centred over the date, the date four characters from the right margin', () => {
    const page = bulletin.find((p) => visualLines(p).some((l) => l.text === '2021年7月5日'))!;
    const lines = visualLines(page);
    const d = lines.findIndex((l) => l.text === '2021年7月5日');
    const sig = lines[d - 1];
    const date = lines[d];
    assert.equal(sig.text, '海南省人民政府办公厅');
    // the next line of the 28.95 pt grid, two blank lines below the note (room for the seal)
    assert.ok(Math.abs(date.yMin - sig.yMin - 28.95) < 1);
    assert.ok(Math.abs(sig.yMin - lines[d - 2].yMin - 3 * 28.95) < 1);
    const right = page.width - 26 * MM;
    assert.ok(Math.abs(date.xMax - (right - 4 * 16)) < 2, `date ends at ${date.xMax}, expected ${right - 64}`);
    const centres = [(sig.xMin + sig.xMax) / 2, (date.xMin + date.xMax) / 2];
    assert.ok(Math.abs(centres[0] - centres[1]) < 4, `signature centred at ${centres[0]}, date at ${centres[1]}`);
  });

  it('numbers odd pages on the right and even pages on the left, “— N —”', () => {
    bulletin.forEach((p, i) => {
      const footer = visualLines(p).find((l) => /^—\d+—$/.test(l.text) && l.yMin > p.height * 0.85);
      assert.ok(footer, `page ${i + 1} has no page number`);
      assert.equal(footer.text, `—${i + 1}—`);
      if ((i + 1) % 2) assert.ok(footer.xMin > p.width / 2, `page ${i + 1} number not on the right`);
      else assert.ok(footer.xMax < p.width / 2, `page ${i + 1} number not on the left`);
    });
  });

  it('puts the 版记 at the foot of the last page, the copy-to offices aligned after the colon', () => {
    const page = bulletin[bulletin.length - 1];
    const lines = visualLines(page);
    const copy = lines.findIndex((l) => l.text.startsWith('抄送：'));
    assert.ok(copy >= 0);
    const printed = lines.find((l) => l.text.endsWith('2021年7月5日印发'))!;
    assert.ok(printed.text.startsWith('海南省人民政府办公厅秘书处'));
    const left = 28 * MM;
    const right = page.width - 26 * MM;
    const bottom = page.height - 35 * MM;
    // one 四号 character (14 pt) in from either side; the last line at the foot of the 版心
    assert.ok(Math.abs(lines[copy].xMin - (left + 14)) < 1);
    assert.ok(Math.abs(printed.xMin - (left + 14)) < 1);
    assert.ok(Math.abs(printed.xMax - (right - 14)) < 2, String(printed.xMax));
    assert.ok(printed.yMax < bottom && printed.yMax > bottom - 30, `${printed.yMax} vs ${bottom}`);
    // the offices wrap (eight of them), aligned under the first after 抄送：
    const wrapped = lines.slice(copy + 1, lines.indexOf(printed));
    assert.ok(wrapped.length >= 1);
    for (const l of wrapped) assert.ok(Math.abs(l.xMin - (left + 14 + 3 * 14)) < 1, `${l.text}: ${l.xMin}`);
    assert.ok(lines.slice(copy, lines.indexOf(printed)).map((l) => l.text).join('').endsWith(`${OFFICES[OFFICES.length - 1]}。`));
  });

  it('prints each Excel list one page wide with its header row and name on every page', () => {
    const byLabel = new Map<string, Page[]>();
    for (const p of lists) {
      const label = visualLines(p)[0].words[0].text;
      byLabel.set(label, [...(byLabel.get(label) ?? []), p]);
    }
    assert.deepEqual([...byLabel.keys()], model.attachments.map((a) => a.label));
    for (const a of model.attachments) {
      for (const p of byLabel.get(a.label)!) {
        assert.ok(visualLines(p)[0].text.includes(a.title), `${a.label}: no title in the page header`);
        for (const c of a.columns) assert.ok(visualLines(p).some((l) => l.words.some((w) => w.text === c.header)), `${a.label}: a page lacks ${c.header}`);
        assert.match(p.flat, /第\d+页，共\d+页/);
      }
    }
    // six websites: one page, not two as before
    assert.equal(byLabel.get(model.attachments[0].label)!.length, 1);
  });

  it('prints the 补报 list with its header row on every page', () => {
    const headers = ['序号', '地区', '主办单位', '平台', '账号名称', '账号ID', '发现日期', '备注'];
    assert.ok(supplement.length >= 1);
    for (const p of supplement) {
      const lines = visualLines(p);
      assert.ok(lines[0].text.includes('2021年第二季度漏报的政务新媒体名单'));
      for (const h of headers) assert.ok(lines.some((l) => l.words.some((w) => w.text === h)), `a page lacks ${h}`);
    }
  });
});
