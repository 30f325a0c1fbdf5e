// Import of registry exports: the CSV reader, encodings (UTF-8, UTF-8 with BOM, GBK/GB18030,
// UTF-16), XLSX as displayed with a column mapping, YAML lists, and rows that cannot be read.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseCsv, detectDelimiter } from '../../server/src/core/registry/csvParse';
import { parseRegistryMapping, resolveHeader, defaultRegistryMapping } from '../../server/src/core/registry/columnMapping';
import { importRegistry, loadCampaignRegistry } from '../../server/src/core/registry/importRegistry';
import { readXlsx } from '../../server/src/core/registry/xlsxRead';

const HEADER = '序号,地区,平台,账号名称,账号ID,主办单位,运维单位,状态,报送日期';

/** A small media export: quoted comma, traditional characters, a platform alias, each status. */
const MEDIA_CSV = [
  HEADER,
  '1,儋州市,微信,儋州教育,dzjy0898,儋州市教育局,儋州市教育局,正常,2020/3/1',
  '2,省直,今日头条,海南司法行政在線,hnsf,海南省司法厅,,已关停,2019年5月10日',
  '3,三亚市,微信公众号,"三亚旅游,文化",sylw,三亚市旅游和文化广电体育局,,注销,',
  '4,省直,微博,"说""法""",sf,海南省司法厅,,例外,20200102',
].join('\r\n') + '\r\n';

async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A ZIP archive of stored (uncompressed) entries, to write XML parts exactly as a test needs them. */
function storedZip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('registry import', () => {
  describe('parseCsv (RFC 4180)', () => {
    it('reads quoted commas, doubled quotes and line breaks inside cells; rows count records', () => {
      const r = parseCsv('a,"b,1","say ""hi"""\n"two\nlines",x,\r\nlast,"",z');
      assert.deepEqual(r.records, [
        { row: 1, fields: ['a', 'b,1', 'say "hi"'] },
        { row: 2, fields: ['two\nlines', 'x', ''] },
        { row: 3, fields: ['last', '', 'z'] },
      ]);
      assert.deepEqual(r.unterminated, []);
    });
    it('accepts CR, LF and CRLF line ends, keeps blank lines as rows, and no phantom last row', () => {
      const r = parseCsv('a\rb\n\nc\r\n');
      assert.deepEqual(r.records.map((x) => [x.row, x.fields]), [[1, ['a']], [2, ['b']], [3, ['']], [4, ['c']]]);
    });
    it('keeps text after a closing quote as Excel does', () => {
      assert.deepEqual(parseCsv('"abc"def,g').records[0].fields, ['abcdef', 'g']);
    });
    it('reports an unclosed quote on its row and resumes on the next line', () => {
      const r = parseCsv('h1,h2\nok,1\nbad,"never closed\nafter,2\n');
      assert.deepEqual(r.unterminated, [3]);
      assert.deepEqual(r.records.map((x) => [x.row, x.fields]), [[1, ['h1', 'h2']], [2, ['ok', '1']], [4, ['after', '2']]]);
    });
    it('detects tab and semicolon delimiters from the first line', () => {
      assert.equal(detectDelimiter('a\tb\tc\n1,2\t3'), '\t');
      assert.equal(detectDelimiter('a;b;c'), ';');
      assert.equal(detectDelimiter('"a;b",c'), ',');
    });
  });

  describe('encodings', () => {
    it('UTF-8, UTF-8 with BOM, GBK, GB18030 and UTF-16 with BOM give identical rows', async () => {
      const variants: [string, Uint8Array][] = [
        ['utf-8', Buffer.from(MEDIA_CSV, 'utf8')],
        ['utf-8 bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MEDIA_CSV, 'utf8')])],
        ['gbk', iconv.encode(MEDIA_CSV.replace('在線', '在线'), 'gbk')],
        ['gb18030', iconv.encode(MEDIA_CSV, 'gb18030')],
        ['utf-16le bom', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(MEDIA_CSV, 'utf16le')])],
      ];
      const results = [];
      for (const [label, bytes] of variants) {
        const r = await importRegistry(bytes, { kind: 'media', file: 'registry/media.csv' });
        assert.deepEqual(r.problems, [], label);
        results.push({ label, encoding: r.encoding, rows: r.rows });
      }
      assert.deepEqual(results.map((r) => r.encoding), ['utf-8', 'utf-8', 'gb18030', 'gb18030', 'utf-16le']);
      // GBK has no 線: that one variant carries the simplified form, the rest must be byte-for-byte equal
      const expected = results[0].rows;
      for (const r of results.slice(1)) {
        if (r.label === 'gbk') assert.deepEqual(r.rows.map((x) => x.ref.values.name), expected.map((x) => x.ref.values.name.replace('在線', '在线')), r.label);
        else assert.deepEqual(r.rows, expected, r.label);
      }
      assert.deepEqual(expected.map((x) => [x.ref.row, x.platform, x.ref.values.name, x.ref.values.accountId, x.state, x.ref.values.filedDate]), [
        [2, '微信公众号', '儋州教育', 'dzjy0898', 'running', '2020-03-01'],
        [3, '今日头条号', '海南司法行政在線', 'hnsf', 'closed', '2019-05-10'],
        [4, '微信公众号', '三亚旅游,文化', 'sylw', 'deregistered', undefined],
        [5, '新浪微博', '说"法"', 'sf', 'exception', '2020-01-02'],
      ]);
    });
    it('bytes that are neither UTF-8 nor GB18030 are an error, not mojibake', async () => {
      const r = await importRegistry(Buffer.from([0x41, 0x2c, 0xff, 0xff, 0x0a]), { kind: 'media', file: 'registry/bad.csv' });
      assert.equal(r.rows.length, 0);
      assert.equal(r.problems.length, 1);
      assert.equal(r.problems[0].code, 'REG-IMPORT-FILE');
      assert.match(r.problems[0].message, /^registry\/bad\.csv 无法读取：/);
    });
  });

  describe('rows that cannot be read', () => {
    it('are reported with file and row; the other rows load', async () => {
      const csv = [
        '全国政务新媒体信息报送系统导出',
        HEADER,
        '1,儋州市,微信,儋州教育,dzjy0898,儋州市教育局,,正常,2020-03-01',
        '2,儋州市,微信,,nameless,儋州市教育局,,正常,',
        '3,儋州市,脸书,儋州脸书,fb,儋州市教育局,,正常,',
        '4,儋州市,微信,儋州,发布,dzfb,儋州市政府,,正常,2020-01-01',
        '5,儋州市,微信,儋州文明,dzwm,儋州市文明办,,暂停,2020-02-30',
        '',
        '6,儋州市,抖音,儋州交警,dzjj,儋州市公安局,,正常,',
      ].join('\n');
      const r = await importRegistry(Buffer.from(csv), { kind: 'media', file: 'registry/media.csv' });
      assert.deepEqual(r.rows.map((x) => [x.ref.row, x.ref.values.name, x.state]), [
        [3, '儋州教育', 'running'],
        [7, '儋州文明', 'unknown'],
        [9, '儋州交警', 'running'],
      ]);
      assert.deepEqual(r.problems.map((p) => [p.code, p.severity, p.row, p.column, p.header, p.message]), [
        ['REG-IMPORT-ROW', 'error', 4, 4, '账号名称', 'registry/media.csv 第4行：缺少名称，该行未导入。'],
        ['REG-IMPORT-ROW', 'error', 5, 3, '平台', 'registry/media.csv 第5行：无法识别的平台“脸书”，该行未导入。'],
        ['REG-IMPORT-ROW', 'error', 6, 10, undefined, 'registry/media.csv 第6行：该行有 10 个单元格，多于表头的 9 列（可能是名称中含有未加引号的逗号），该行未导入。'],
        ['REG-IMPORT-VALUE', 'warning', 7, 8, '状态', 'registry/media.csv 第7行：无法识别的状态“暂停”（应为 正常、关停、注销 或 例外），该行不计入运行总数。'],
        ['REG-IMPORT-VALUE', 'warning', 7, 9, '报送日期', 'registry/media.csv 第7行：报送日期“2020-02-30”无法识别，已忽略该日期。'],
      ]);
    });
    it('an export without the required headers is reported, in English too', async () => {
      const r = await importRegistry(Buffer.from('编号,名字\n1,儋州教育\n'), { kind: 'media', file: 'm.csv', locale: 'en' });
      assert.equal(r.rows.length, 0);
      assert.deepEqual(r.problems.map((p) => [p.code, p.row]), [['REG-IMPORT-HEADER', 1]]);
      assert.match(r.problems[0].message, /^m\.csv row 1: no header row with the required columns in the first 10 rows; missing: platform, name \(accepted headers: 平台\/平台类型/);
    });
    it('a legacy .xls file and an unknown extension are refused with a clear message', async () => {
      const xls = await importRegistry(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), { kind: 'media', file: 'registry/media.xls' });
      assert.equal(xls.problems[0].message, 'registry/media.xls 是旧版 Excel（.xls）文件，无法读取；请在 Excel 中另存为 .xlsx 或 CSV。');
      const json = await importRegistry(Buffer.from('[]'), { kind: 'media', file: 'registry/media.json' });
      assert.equal(json.problems[0].message, 'registry/media.json：不支持“.json”文件，登记数据应为 .xlsx、.csv 或 .yaml。');
    });
  });

  describe('xlsx', () => {
    it('reads what exceljs writes: rich text, formulas by their cached result, dates as ISO, numbers as written', async () => {
      const bytes = await xlsxBytes((wb) => {
        const ws = wb.addWorksheet('表');
        ws.addRow(['文本', '富文本', '公式', '日期', '数字', '小数', '布尔', '错误']);
        ws.addRow(['儋州教育', { richText: [{ text: '儋州' }, { text: '教育', font: { bold: true } }] }, { formula: '"海口"&"发布"', result: '海口发布' }, new Date(Date.UTC(2021, 5, 11)), 2712345678, 0.1 + 0.2, true, { error: '#N/A' }]);
        ws.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
        ws.addRow([{ sharedFormula: 'C2', result: 7 }, null, '', new Date(Date.UTC(2021, 5, 11, 9, 30)), -3, 1e21]);
        ws.getCell('D3').numFmt = 'yyyy-mm-dd hh:mm';
      });
      const [sheet] = readXlsx(bytes);
      assert.equal(sheet.name, '表');
      assert.deepEqual([...sheet.rows()].slice(1), [
        { row: 2, cells: ['儋州教育', '儋州教育', '海口发布', '2021-06-11', '2712345678', '0.3', 'TRUE', '#N/A'] },
        { row: 3, cells: ['7', '', '', '2021-06-11 09:30', '-3', '1e+21'] },
      ]);
    });

    it('reads what LibreOffice writes (shared strings after the sheet, date styles by format code)', () => {
      const [sheet] = readXlsx(readFileSync(path.join(__dirname, '..', 'fixtures', 'registry', 'libreoffice-media.xlsx')));
      assert.deepEqual([...sheet.rows()].map((r) => r.cells), [
        ['序号', '地区', '平台', '账号名称', '账号ID', '主办单位', '运维单位', '状态', '报送日期'],
        ['1', '儋州市', '微信', '儋州教育', 'dzjy0898', '儋州市教育局', '儋州市教育局', '正常', '2020-03-01'],
        ['2', '省直', '今日头条', '海南司法行政在線', 'hnsf', '海南省司法厅', '', '已关停', '2019-05-10'],
        ['3', '三亚市', '微信公众号', '三亚旅游,文化', 'sylw', '三亚市旅游和文化广电体育局', '', '注销'],
        ['4', '省直', '微博', '说"法"', '2712345678', '海南省司法厅', '', '例外', '2020-01-02'],
      ]);
    });

    it('reads inline strings, phonetic runs, escapes, namespace prefixes, absolute targets and the 1904 date system', () => {
      const bytes = storedZip({
        'xl/workbook.xml': '<x:workbook xmlns:x="m" xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="A&amp;B" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>',
        'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
        'xl/sharedStrings.xml': '<sst><si><r><t>海</t></r><r><t xml:space="preserve">口 </t></r><rPh sb="0" eb="1"><t>ハイ</t></rPh></si><si><t>a_x000D_b &lt;c&gt; &#x4E2D;</t></si><si/></sst>',
        'xl/styles.xml': '<styleSheet><numFmts count="1"><numFmt numFmtId="200" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="200"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        'xl/worksheets/data.xml': '<x:worksheet><x:sheetData>' +
          '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="D2" t="s"><x:v>1</x:v></x:c><x:c r="E2" t="s"><x:v>2</x:v></x:c></x:row>' +
          '<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t>行内</x:t></x:is></x:c><x:c r="C5" s="1"><x:v>0</x:v></x:c><x:c r="D5" s="2"><x:v>43631</x:v></x:c><x:c r="E5" t="str"><x:f>A1</x:f><x:v>结果</x:v></x:c><x:c r="F5" t="b"><x:v>0</x:v></x:c></x:row>' +
          '<x:row r="6"/><x:row><x:c><x:v>1.5</x:v></x:c><x:c><x:v>4.5E-3</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      });
      const [sheet] = readXlsx(bytes);
      assert.equal(sheet.name, 'A&B');
      assert.deepEqual([...sheet.rows()], [
        { row: 2, cells: ['', '海口 ', '', 'a\rb <c> 中', ''] },
        { row: 5, cells: ['行内', '', '1904-01-01', '2023-06-16', '结果', 'FALSE'] },
        { row: 6, cells: [] },
        { row: 7, cells: ['1.5', '0.0045'] },
      ]);
    });

    it('refuses what is not a workbook', () => {
      assert.throws(() => readXlsx(Buffer.from('PK\x03\x04 not a zip')), /not a ZIP archive/);
      assert.throws(() => readXlsx(storedZip({ 'a.txt': 'x' })), /no xl\/workbook\.xml/);
    });

    const build = (wb: ExcelJS.Workbook): void => {
      wb.addWorksheet('说明').addRow(['本表由报送系统导出']);
      const ws = wb.addWorksheet('新媒体台账');
      ws.addRow(['海南省政务新媒体台账']);
      ws.addRow(['导出时间：2021-06-01']);
      ws.addRow(['编号', '类型', '账号全称', '原始ID', '开办主体', '运行状态', '填报日期']);
      ws.addRow([1, '微信', { richText: [{ text: '儋州' }, { text: '教育', font: { bold: true } }] }, 'gh_dzjy', '儋州市教育局', '正常', new Date(Date.UTC(2020, 2, 1))]);
      ws.addRow([2, '抖音', { formula: '"定安"&"发布"', result: '定安发布' }, 123456789, '定安县政府办', { formula: 'IF(1,"关停","正常")', result: '关停' }, null]);
      ws.addRow([3, '微信', '', 'gh_none', '儋州市教育局', '正常', null]);
    };

    it('with renamed headers, a named sheet and a header row from the mapping file', async () => {
      const mappingText = [
        'kind: registry-mapping',
        'media:',
        '  sheet: 新媒体台账',
        '  headerRow: 3',
        '  columns:',
        '    name: 账号全称',
        '    accountId: [原始ID]',
        '    sponsor: 开办主体',
        '',
      ].join('\n');
      const { mapping, problems } = parseRegistryMapping(mappingText, 'registry/mapping.yaml', 'zh-cn');
      assert.deepEqual(problems, []);
      const r = await importRegistry(await xlsxBytes(build), { kind: 'media', file: 'registry/media.xlsx', mapping });
      assert.deepEqual(r.rows.map((x) => ({ sheet: x.ref.sheet, row: x.ref.row, platform: x.platform, state: x.state, values: x.ref.values })), [
        { sheet: '新媒体台账', row: 4, platform: '微信公众号', state: 'running', values: { seq: '1', platform: '微信公众号', name: '儋州教育', accountId: 'gh_dzjy', sponsor: '儋州市教育局', status: '正常', filedDate: '2020-03-01' } },
        { sheet: '新媒体台账', row: 5, platform: '抖音', state: 'closed', values: { seq: '2', platform: '抖音', name: '定安发布', accountId: '123456789', sponsor: '定安县政府办', status: '关停' } },
      ]);
      assert.deepEqual(r.problems.map((p) => [p.sheet, p.row, p.message]), [['新媒体台账', 6, 'registry/media.xlsx（工作表“新媒体台账”）第6行：缺少名称，该行未导入。']]);
    });

    it('finds the header below title rows on its own and skips sheets without one', async () => {
      // 账号全称 is not a default header: name it through the mapping, and let the rest be found
      const { mapping } = parseRegistryMapping('kind: registry-mapping\nmedia:\n  columns:\n    name: 账号全称\n', 'm.yaml', 'zh-cn');
      const r = await importRegistry(await xlsxBytes(build), { kind: 'media', file: 'registry/media.xlsx', mapping });
      assert.deepEqual(r.rows.map((x) => [x.ref.sheet, x.ref.row, x.ref.values.name, x.ref.values.accountId]), [
        ['新媒体台账', 4, '儋州教育', 'gh_dzjy'],
        ['新媒体台账', 5, '定安发布', '123456789'],
      ]);
    });

    it('without the mapping the renamed header is reported for the sheet, and a missing sheet is named', async () => {
      const bytes = await xlsxBytes(build);
      const r = await importRegistry(bytes, { kind: 'media', file: 'registry/media.xlsx' });
      assert.equal(r.rows.length, 0);
      assert.deepEqual(r.problems.map((p) => [p.code, p.sheet, p.row]), [['REG-IMPORT-HEADER', '说明', 1]], JSON.stringify(r.problems));
      const { mapping } = parseRegistryMapping('kind: registry-mapping\nmedia:\n  sheet: 台账\n', 'm.yaml', 'zh-cn');
      const missing = await importRegistry(bytes, { kind: 'media', file: 'registry/media.xlsx', mapping });
      assert.deepEqual(missing.problems.map((p) => p.message), ['registry/media.xlsx 中没有名为“台账”的工作表（现有：说明、新媒体台账）。']);
    });

    it('a file that is not a workbook is reported', async () => {
      const r = await importRegistry(Buffer.from('PK\x03\x04 not really a zip'), { kind: 'media', file: 'registry/media.xlsx' });
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0].message, /^registry\/media\.xlsx 不是有效的 \.xlsx 文件/);
    });
  });

  describe('yaml lists', () => {
    it('one mapping per row, keys as export headers or field names; row = line', async () => {
      const text = ['- 网站标识码: "4600000012"', '  网站名称: 海南司法行政网', '  状态: 正常', '- name: 海南省林业局', '  siteCode: "4600000020"', '- 海南省旧网站', ''].join('\n');
      const r = await importRegistry(Buffer.from(text), { kind: 'website', file: 'registry/websites.yaml' });
      assert.deepEqual(r.rows.map((x) => [x.ref.row, x.ref.values.name, x.ref.values.siteCode, x.state]), [
        [1, '海南司法行政网', '4600000012', 'running'],
        [4, '海南省林业局', '4600000020', 'running'],
      ]);
      assert.deepEqual(r.problems.map((p) => p.message), ['registry/websites.yaml 第6行：列表项应为“列名: 值”的映射，该项未导入。']);
    });
  });

  describe('mapping file', () => {
    it('problems carry file, line and column; the defaults stay in force', () => {
      const text = 'kind: registry-mapping\nmedia:\n  headerRow: 0\n  columns:\n    nmae: 公众号名称\n';
      const { mapping, problems } = parseRegistryMapping(text, 'registry/mapping.yaml', 'zh-cn');
      assert.deepEqual(problems.map((p) => [p.file, p.row, p.column]), [['registry/mapping.yaml', 3, 14], ['registry/mapping.yaml', 5, 5]]);
      assert.match(problems[0].message, /^registry\/mapping\.yaml:3:14：/);
      assert.deepEqual(mapping, defaultRegistryMapping());
    });
    it('replaceDefaults keeps only the names given, and a required field without names is refused', () => {
      const ok = parseRegistryMapping('kind: registry-mapping\nmedia:\n  replaceDefaults: true\n  columns:\n    platform: 类别\n    name: 名字\n', 'm.yaml', 'zh-cn');
      assert.deepEqual(ok.problems, []);
      assert.deepEqual(ok.mapping.media.columns.name, ['名字']);
      assert.deepEqual(ok.mapping.media.columns.sponsor, []);
      const bad = parseRegistryMapping('kind: registry-mapping\nmedia:\n  replaceDefaults: true\n  columns:\n    name: 名字\n', 'm.yaml', 'en');
      assert.deepEqual(bad.problems.map((p) => p.message), ['m.yaml:4:3: The required field "platform" has no header name.']);
    });
    it('resolveHeader: aliases in order, bracketed explanations and * marks ignored, one column per field', () => {
      const sheet = defaultRegistryMapping().media;
      const h = resolveHeader(['序号', '*平台类型', '账号名称 ', '账号ID（微信号）', '主管单位', '主办单位'], sheet);
      assert.deepEqual([...h.columns.entries()].sort(), [['accountId', 3], ['name', 2], ['platform', 1], ['seq', 0], ['sponsor', 5]].sort());
      assert.deepEqual(h.missing, []);
    });
  });

  it('an export that cannot be read at all is no registry (its records are not all unregistered)', async () => {
    const root = path.join(__dirname, '..', 'fixtures', 'registry', 'campaign');
    const reg = await loadCampaignRegistry(root, { registries: { media: 'registry/websites.yaml', websites: 'registry/none.csv' } }, 'zh-cn');
    assert.equal(reg.media, undefined);
    assert.equal(reg.websites, undefined);
    // websites: the file is missing; media: none of the 4 items of a website list has a platform
    assert.deepEqual(reg.problems.map((p) => p.code), ['REG-IMPORT-FILE', 'REG-IMPORT-HEADER', 'REG-IMPORT-HEADER', 'REG-IMPORT-HEADER', 'REG-IMPORT-HEADER']);
  });

  it('loadCampaignRegistry reads what campaign.yaml names, relative to the campaign', async () => {
    const root = path.join(__dirname, '..', 'fixtures', 'registry', 'campaign');
    const reg = await loadCampaignRegistry(root, { registries: { websites: 'registry/websites.yaml', media: 'registry/media.csv', mapping: 'registry/none.yaml' } }, 'zh-cn');
    assert.deepEqual(reg.files, ['registry/none.yaml', 'registry/websites.yaml', 'registry/media.csv']);
    assert.equal(reg.websites?.rows.length, 4);
    assert.equal(reg.media?.rows.length, 8);
    assert.deepEqual(reg.problems.map((p) => [p.code, p.message]), [['REG-MAPPING', '找不到登记数据文件 registry/none.yaml。']]);
  });
});
