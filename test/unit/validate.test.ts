// validateDocument: every kind of problem lands on the exact node with a message built from the
// schema's titles, in Chinese and English. Ranges are located by substring of each test document.
import { strict as assert } from 'node:assert';
import Ajv2020 from 'ajv/dist/2020';
import { Severity, type CoreDiagnostic, type Locale, type Range } from '../../server/src/core/model';
import { schemaDiagnostics } from '../../server/src/core/validate/schemaErrors';
import { validateDocument } from '../../server/src/core/validate/validateDocument';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { lineRangeOf, rangeOfText } from './support/rangeOfText';

const WEBSITE = 'kind: website\nname: 海南司法行政网\ncheckDate: 2021-06-15\n';
const MEDIA = 'kind: media\nplatform: 微信公众号\nname: 儋州教育\ncheckDate: 2021-06-16\n';
const CAMPAIGN = 'kind: campaign\nissuer: 海南省人民政府办公厅\nperiod: { year: 2021, quarter: 2 }\nprofile: national-2019\n';

function diagnostics(text: string, locale: Locale = 'zh-cn'): CoreDiagnostic[] {
  return validateDocument(parseYaml(text), locale).diagnostics;
}

interface Expected {
  range: Range;
  code: string;
  zh: string;
  en: string;
  data?: unknown;
  severity?: Severity;
}

/** The document has exactly this one problem, in both languages. */
function expectOne(text: string, e: Expected): void {
  for (const [locale, message] of [['zh-cn', e.zh], ['en', e.en]] as const) {
    const found = diagnostics(text, locale);
    assert.equal(found.length, 1, `${locale}: ${JSON.stringify(found.map((d) => d.message))}`);
    const d = found[0];
    assert.equal(d.message, message);
    assert.equal(d.code, e.code);
    assert.deepEqual(d.range, e.range);
    assert.equal(d.severity, e.severity ?? Severity.Error);
    assert.deepEqual(d.data, e.data);
  }
}

describe('validateDocument', () => {
  describe('clean documents', () => {
    it('accepts minimal website, media and campaign documents and names their kind', () => {
      assert.deepEqual(validateDocument(parseYaml(WEBSITE), 'zh-cn'), { kind: 'website', schemaFile: 'website-record.schema.json', diagnostics: [] });
      assert.deepEqual(validateDocument(parseYaml(MEDIA), 'zh-cn'), { kind: 'media', schemaFile: 'media-record.schema.json', diagnostics: [] });
      const campaign = `${CAMPAIGN}checkWindow: { start: 2021-06-11, end: 2021-06-20 }\npopulation: { websites: 115, media: registry }\n`;
      assert.deepEqual(validateDocument(parseYaml(campaign), 'zh-cn').diagnostics, []);
    });

    it('accepts null for an unanswered message and the English locale changes nothing for valid input', () => {
      const text = `${WEBSITE}interaction:\n  columns:\n    - name: 厅长信箱\n      type: 政务咨询\n      messages:\n        - { received: 2021-02-01, answered: null }\n        - { received: 2021-02-02, answered: }\n`;
      assert.deepEqual(diagnostics(text), []);
      assert.deepEqual(diagnostics(text, 'en'), []);
    });
  });

  describe('kind', () => {
    it('reports a missing kind on the first line, listing the kinds', () => {
      const text = 'name: 某网站\ncheckDate: 2021-06-15\n';
      const found = diagnostics(text);
      assert.equal(found.length, 1);
      assert.equal(found[0].code, 'IR2001');
      assert.deepEqual(found[0].range, lineRangeOf(text, 'name: 某网站'));
      assert.ok(
        found[0].message.startsWith('缺少 kind：请写明文件类型，可选：website（政府网站检查记录）、media（政务新媒体检查记录）、campaign（检查活动）'),
        found[0].message,
      );
      assert.ok(diagnostics(text, 'en')[0].message.startsWith('Missing kind: say what the file is, one of: website (Government website inspection record), media (Government new-media inspection record), campaign (Inspection campaign)'));
    });

    it('suggests the kind meant by a near miss', () => {
      const text = 'kind: Website\nname: x\n';
      expectOne(text, {
        range: rangeOfText(text, 'Website'),
        code: 'IR2002',
        zh: '未知的文件类型 kind: “Website”，是不是要写“website”？',
        en: 'Unknown file kind kind: "Website", did you mean "website"?',
        data: { replacement: 'website' },
      });
    });

    it('reports an empty file and a top level that is not a mapping', () => {
      expectOne('# 只有注释\n', {
        range: lineRangeOf('# 只有注释\n', '# 只有注释'),
        code: 'IR2004',
        zh: '文件没有内容：记录文件须以 kind 开头，例如 kind: website',
        en: 'The file is empty: a record file starts with kind, e.g. kind: website',
      });
      const list = '- kind: website\n- kind: media\n';
      expectOne(list, {
        range: lineRangeOf(list, '- kind: website'),
        code: 'IR2003',
        zh: '文件顶层须是“键: 值”形式的映射，这里是列表',
        en: 'The top level of the file must be a mapping of "key: value" lines, not a list',
      });
    });
  });

  describe('schema errors', () => {
    it('type: on the value, naming the property and both types', () => {
      const text = `${WEBSITE}availability: { days: 7, probes: 很多 }\n`;
      expectOne(text, {
        range: rangeOfText(text, '很多'),
        code: 'IR2101',
        zh: '“探测次数”（probes）应为整数，这里是文本“很多”',
        en: '"Probes" (probes) must be a whole number, not the text "很多"',
      });
    });

    it('type: a number where text is expected is quoted as written, leading zero kept', () => {
      const text = `${WEBSITE}siteCode: 0898000012\n`;
      expectOne(text, {
        range: rangeOfText(text, '0898000012'),
        code: 'IR2101',
        zh: '“网站标识码”（siteCode）应为文本，这里是数字 898000012；请加引号写作 "0898000012"',
        en: '"Website code" (siteCode) must be text, not the number 898000012; quote it: "0898000012"',
        data: { replacement: '"0898000012"' },
      });
    });

    it('type: yes/no words where true/false is expected get the boolean to write', () => {
      const text = `${WEBSITE}columns:\n  - { name: 空白栏目, blank: 是 }\n`;
      expectOne(text, {
        range: rangeOfText(text, 'blank: 是', 0, '是'),
        code: 'IR2101',
        zh: '“空白栏目”（blank）应为 true 或 false，“是”请写作 true',
        en: '"Blank column" (blank) must be true or false; write true instead of "是"',
        data: { replacement: 'true' },
      });
    });

    it('type: an empty value is shown on its key', () => {
      const text = `${WEBSITE}homepage:\n`;
      expectOne(text, {
        range: rangeOfText(text, 'homepage'),
        code: 'IR2101',
        zh: '“首页”（homepage）是空的：应填写键值映射（“键: 值”）',
        en: '"Homepage" (homepage) is empty: it must be a mapping (key: value)',
      });
    });

    it('enum: lists the allowed values and suggests the one meant', () => {
      const text = `${WEBSITE}ownerLevel: 省\n`;
      expectOne(text, {
        range: rangeOfText(text, 'ownerLevel: 省', 0, '省'),
        code: 'IR2102',
        zh: '“主办单位层级”（ownerLevel）的值“省”不在可选范围内，是不是要写“省级”？（可选：“国务院部门”、“省级”、“市级”、“县级”、“乡镇级”）',
        en: '"Owner level" (ownerLevel): "省" is not an allowed value, did you mean "省级"? (allowed: "国务院部门", "省级", "市级", "县级", "乡镇级")',
        data: { replacement: '省级' },
      });
      const none = `${WEBSITE}source: 随机\n`;
      expectOne(none, {
        range: rangeOfText(none, '随机'),
        code: 'IR2102',
        zh: '“记录来源”（source）的值“随机”不在可选范围内，可选：“抽查”、“库外发现”、“复查”',
        en: '"Record source" (source): "随机" is not an allowed value; allowed: "抽查", "库外发现", "复查"',
      });
    });

    it('enum: several near values are offered without a quick fix', () => {
      const text = MEDIA.replace('微信公众号', '微信');
      const [d] = diagnostics(text);
      assert.equal(d.code, 'IR2102');
      assert.ok(d.message.startsWith('“平台”（platform）的值“微信”不在可选范围内，可能是：“微信公众号”、“微信视频号”、“微信小程序”（可选：'), d.message);
      assert.equal(d.data, undefined);
    });

    it('unknown key: on the key, with the key meant', () => {
      const text = `${WEBSITE}homepage:\n  lastupdate: 2021-06-10\n`;
      expectOne(text, {
        range: rangeOfText(text, 'lastupdate'),
        code: 'IR2103',
        zh: '未知的键“lastupdate”：“首页”（homepage）中没有这一项，是不是要写“lastUpdate”？',
        en: 'Unknown key "lastupdate": "Homepage" (homepage) has no such entry, did you mean "lastUpdate"?',
        data: { replacement: 'lastUpdate' },
      });
    });

    it('unknown key: at the top level, listing the keys allowed', () => {
      const text = `${MEDIA}remarks: 无\n`;
      const keys = 'kind、platform、name、accountId、sponsor、region、ownerLevel、checkDate、inspector、source、status、lastPost、url、evidence、interaction、serviceMenu、commercialLinks、unrelatedContent、findings、bulletin、note';
      expectOne(text, {
        range: rangeOfText(text, 'remarks'),
        code: 'IR2103',
        zh: `未知的键“remarks”：“政务新媒体检查记录”中没有这一项，可用的键：${keys}`,
        en: `Unknown key "remarks": "Government new-media inspection record" has no such entry; keys allowed: ${keys.split('、').join(', ')}`,
      });
    });

    it('required: at the top level on the first line', () => {
      const text = 'kind: website\nname: 某网站\n';
      expectOne(text, {
        range: lineRangeOf(text, 'kind: website'),
        code: 'IR2104',
        zh: '缺少必填项“检查日期”（checkDate）',
        en: 'Missing required "Check date" (checkDate)',
      });
    });

    it('required: in a mapping, on its key; in a list item, on the item', () => {
      const campaign = `${CAMPAIGN}checkWindow: { start: 2021-06-11 }\n`;
      expectOne(campaign, {
        range: rangeOfText(campaign, 'checkWindow'),
        code: 'IR2104',
        zh: '“检查时间段”（checkWindow）缺少必填项“结束日期”（end）',
        en: '"Check window" (checkWindow) lacks the required "End date" (end)',
      });
      const website = `${WEBSITE}interaction:\n  columns:\n    - name: 厅长信箱\n`;
      expectOne(website, {
        range: rangeOfText(website, 'name: 厅长信箱'),
        code: 'IR2104',
        zh: '“互动栏目”（columns）第 1 项缺少必填项“栏目类型”（type）',
        en: 'item 1 of "Interaction columns" (columns) lacks the required "Column type" (type)',
      });
    });

    it('pattern: explains the expected form with the property description', () => {
      const text = `${WEBSITE}url: justice.hainan.gov.cn\n`;
      expectOne(text, {
        range: rangeOfText(text, 'justice.hainan.gov.cn'),
        code: 'IR2105',
        zh: '“首页地址”（url）的写法不符合要求：网站首页网址，以 http:// 或 https:// 开头。',
        en: '"Homepage URL" (url) is not written as required: Address of the homepage, starting with http:// or https://.',
      });
    });

    it('minimum, exclusive minimum and maximum', () => {
      const probes = `${WEBSITE}availability: { probes: -1 }\n`;
      expectOne(probes, {
        range: rangeOfText(probes, 'probes: -1', 0, '-1'),
        code: 'IR2107',
        zh: '“探测次数”（probes）应不小于 0，这里是 -1',
        en: '"Probes" (probes) must be at least 0, not -1',
      });
      const timeout = `${WEBSITE}availability: { timeoutSeconds: 0 }\n`;
      expectOne(timeout, {
        range: rangeOfText(timeout, '0 }', 0, '0'),
        code: 'IR2107',
        zh: '“超时秒数”（timeoutSeconds）应大于 0，这里是 0',
        en: '"Timeout (seconds)" (timeoutSeconds) must be greater than 0, not 0',
      });
      const year = `${CAMPAIGN.replace('2021,', '2200,')}checkWindow: { start: 2021-06-11, end: 2021-06-20 }\n`;
      expectOne(year, {
        range: rangeOfText(year, '2200'),
        code: 'IR2107',
        zh: '“年度”（year）应不大于 2100，这里是 2200',
        en: '"Year" (year) must be at most 2100, not 2200',
      });
    });

    it('empty text', () => {
      const text = WEBSITE.replace('海南司法行政网', '""');
      expectOne(text, {
        range: rangeOfText(text, '""'),
        code: 'IR2108',
        zh: '“网站名称”（name）不能为空',
        en: '"Website name" (name) cannot be empty',
      });
    });

    it('duplicate list items, on the repeat', () => {
      const text = `${WEBSITE}services:\n  guides:\n    - { name: 律师执业许可, missing: [设定依据, 申请条件, 设定依据] }\n`;
      expectOne(text, {
        range: rangeOfText(text, '设定依据', 1),
        code: 'IR2110',
        zh: '“缺少的要素”（missing）中第 3 项与第 1 项重复',
        en: 'In "Missing elements" (missing), item 3 repeats item 1',
      });
    });

    it('oneOf: one message listing the alternatives instead of ajv\'s three', () => {
      const text = `${CAMPAIGN}checkWindow: { start: 2021-06-11, end: 2021-06-20 }\npopulation: { websites: 很多 }\n`;
      expectOne(text, {
        range: rangeOfText(text, '很多'),
        code: 'IR2112',
        zh: '“网站总数”（websites）应为以下之一：整数（0～10000000）；“registry”；这里是“很多”',
        en: '"Websites running" (websites) must be one of: a whole number (0 to 10000000); "registry"; not "很多"',
      });
    });

    it('oneOf: when one alternative fits the value\'s shape, that alternative\'s own errors are reported', () => {
      const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
      const validate = ajv.compile({
        type: 'object',
        properties: {
          rule: {
            oneOf: [
              { type: 'string' },
              { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string' }, days: { type: 'integer' } } },
            ],
          },
        },
      });
      const text = 'rule:\n  id: W-V3\n  days: 十四\n  dayz: 1\n';
      const parsed = parseYaml(text);
      assert.equal(validate(parsed.value), false);
      const found = schemaDiagnostics({ parsed, schemaFile: 'synthetic.schema.json', locale: 'zh-cn' }, validate.errors!);
      assert.deepEqual(
        found.map((d) => [d.code, d.message, d.range]),
        [
          ['IR2103', '未知的键“dayz”：“rule”中没有这一项，是不是要写“days”？', rangeOfText(text, 'dayz')],
          ['IR2101', '“days”应为整数，这里是文本“十四”', rangeOfText(text, '十四')],
        ],
      );
    });

    it('errors inside referenced definitions name the referencing property', () => {
      const text = `${WEBSITE}findings:\n  - { indicator: W-V1, count: 0, evidence: { url: ftp://x } }\n`;
      const found = diagnostics(text);
      assert.deepEqual(
        found.map((d) => [d.code, d.message, d.range]),
        [
          ['IR2107', '“出现次数”（count）应不小于 1，这里是 0', rangeOfText(text, 'count: 0', 0, '0')],
          ['IR2105', '“佐证网址”（url）的写法不符合要求：问题所在页面的网址，以 http:// 或 https:// 开头。', rangeOfText(text, 'ftp://x')],
        ],
      );
    });

    it('reports every problem of a record, sorted by position', () => {
      const text = 'kind: media\nplatform: 微博\nname: 儋州教育\ncheckDate: 2021/6/16\nserviceMenu: { links: 六 }\nextra: 1\n';
      assert.deepEqual(
        diagnostics(text).map((d) => [d.code, d.range.start.line]),
        [['IR2102', 1], ['IR3001', 3], ['IR2101', 4], ['IR2103', 5]],
      );
    });
  });

  describe('counts', () => {
    it('reports a part larger than its total, on the part', () => {
      const text = `${WEBSITE}availability: { days: 7, probes: 3, failures: 5 }\n`;
      expectOne(text, {
        range: rangeOfText(text, 'failures: 5', 0, '5'),
        code: 'IR2113',
        zh: '“失败次数”（failures） 5 大于“探测次数”（probes） 3：部分不能多于总数',
        en: '"Failures" (failures) 5 is more than "Probes" (probes) 3: a part cannot exceed its total',
      });
      const media = `${MEDIA}serviceMenu: { links: 6, broken: 7 }\n`;
      assert.deepEqual(diagnostics(media).map((d) => [d.code, d.range]), [['IR2113', rangeOfText(media, '7')]]);
      const counts = `${WEBSITE}interaction:\n  columns:\n    - { name: 信箱, type: 政务咨询, counts: { received: 4, answered: 4, overdue: 5 } }\n`;
      assert.deepEqual(diagnostics(counts).map((d) => [d.code, d.range]), [['IR2113', rangeOfText(counts, 'overdue: 5', 0, '5')]]);
      assert.deepEqual(diagnostics(`${MEDIA}serviceMenu: { links: 6, broken: 6 }\n`), []);
    });
  });

  describe('dates', () => {
    for (const spelling of ['2021/6/11', '2021.6.11', '2021年6月11日', '2021-6-11']) {
      it(`asks for 2021-06-11 instead of ${spelling}`, () => {
        const text = WEBSITE.replace('2021-06-15', spelling);
        expectOne(text, {
          range: rangeOfText(text, spelling),
          code: 'IR3001',
          zh: `“检查日期”（checkDate）须写作 YYYY-MM-DD：“${spelling}”应写作 2021-06-11`,
          en: `"Check date" (checkDate) must be written YYYY-MM-DD: write 2021-06-11 instead of "${spelling}"`,
          data: { replacement: '2021-06-11' },
        });
      });
    }

    it('reads 20210611, which YAML makes a number, as a date spelling', () => {
      const text = WEBSITE.replace('2021-06-15', '20210611');
      expectOne(text, {
        range: rangeOfText(text, '20210611'),
        code: 'IR3001',
        zh: '“检查日期”（checkDate）须写作 YYYY-MM-DD：20210611应写作 2021-06-11',
        en: '"Check date" (checkDate) must be written YYYY-MM-DD: write 2021-06-11 instead of 20210611',
        data: { replacement: '2021-06-11' },
      });
    });

    it('recognises an Excel serial number, also where null is allowed', () => {
      const text = `${WEBSITE}homepage: { lastUpdate: 44358 }\n`;
      expectOne(text, {
        range: rangeOfText(text, '44358'),
        code: 'IR3002',
        zh: '“首页最近更新日期”（lastUpdate）是数字 44358，像是从 Excel 复制的日期序列号，对应 2021-06-11；请写作 2021-06-11',
        en: '"Homepage last update" (lastUpdate) is the number 44358, which looks like an Excel date serial for 2021-06-11; write 2021-06-11',
        data: { replacement: '2021-06-11' },
      });
      const answered = `${WEBSITE}interaction:\n  columns:\n    - name: 信箱\n      type: 政务咨询\n      messages: [{ received: 2021-06-01, answered: 44358 }]\n`;
      const [d] = diagnostics(answered);
      assert.deepEqual([d.code, d.range, d.data], ['IR3002', rangeOfText(answered, '44358'), { replacement: '2021-06-11' }]);
    });

    it('explains impossible days and months', () => {
      const day = WEBSITE.replace('2021-06-15', '2021-02-30');
      expectOne(day, {
        range: rangeOfText(day, '2021-02-30'),
        code: 'IR3003',
        zh: '“检查日期”（checkDate）的“2021-02-30”不是真实的日期：2021年2月只有 28 天',
        en: '"Check date" (checkDate): "2021-02-30" is not a real date: 2/2021 has only 28 days',
      });
      const leap = WEBSITE.replace('2021-06-15', '2021/2/29');
      assert.equal(diagnostics(leap)[0].message, '“检查日期”（checkDate）的“2021/2/29”不是真实的日期：2021年2月只有 28 天');
      assert.deepEqual(diagnostics(WEBSITE.replace('2021-06-15', '2020-02-29')), []);
      const month = WEBSITE.replace('2021-06-15', '2021-13-01');
      expectOne(month, {
        range: rangeOfText(month, '2021-13-01'),
        code: 'IR3003',
        zh: '“检查日期”（checkDate）的“2021-13-01”不是真实的日期：月份应在 1 到 12 之间',
        en: '"Check date" (checkDate): "2021-13-01" is not a real date: the month must be 1 to 12',
      });
    });

    it('rejects what is not a date at all', () => {
      const text = WEBSITE.replace('2021-06-15', '上周五');
      expectOne(text, {
        range: rangeOfText(text, '上周五'),
        code: 'IR3004',
        zh: '“检查日期”（checkDate）的值“上周五”不是日期，须写作 YYYY-MM-DD，例如 2021-06-11',
        en: '"Check date" (checkDate): "上周五" is not a date; write YYYY-MM-DD, e.g. 2021-06-11',
      });
    });

    it('reports dates in an impossible order on the later one', () => {
      const window = `${CAMPAIGN}checkWindow: { start: 2021-06-20, end: 2021-06-11 }\n`;
      expectOne(window, {
        range: rangeOfText(window, '2021-06-11'),
        code: 'IR3005',
        zh: '“结束日期”（end） 2021-06-11 早于“开始日期”（start） 2021-06-20',
        en: '"End date" (end) 2021-06-11 is before "Start date" (start) 2021-06-20',
      });
      const messages = `${WEBSITE}interaction:\n  columns:\n    - name: 信箱\n      type: 政务咨询\n      messages: [{ received: 2021-03-01, answered: 2021-02-01 }]\n`;
      expectOne(messages, {
        range: rangeOfText(messages, '2021-02-01'),
        code: 'IR3005',
        zh: '“答复日期”（answered） 2021-02-01 早于“收到日期”（received） 2021-03-01',
        en: '"Date answered" (answered) 2021-02-01 is before "Date received" (received) 2021-03-01',
      });
    });
  });

  describe('YAML syntax', () => {
    it('duplicate keys: on the repeat, naming the first line; the schema is still checked', () => {
      const text = 'kind: website\nname: 甲网站\nname: 乙网站\n';
      const found = diagnostics(text);
      assert.deepEqual(
        found.map((d) => [d.code, d.message, d.range]),
        [
          ['IR2104', '缺少必填项“检查日期”（checkDate）', lineRangeOf(text, 'kind: website')],
          ['IR1002', '重复的键“name”：同一层级的键只能出现一次，第 2 行已经写过', rangeOfText(text, 'name', 1)],
        ],
      );
      assert.equal(diagnostics(text, 'en')[1].message, 'Duplicate key "name": a key may appear only once at the same level; it is already on line 2');
    });

    it('unclosed quote: at the opening quote, and no schema noise from the broken tree', () => {
      const text = 'kind: media\nplatform: 新浪微博\nname: "某市公安\ncheckDate: 2021-06-16\n';
      expectOne(text, {
        range: rangeOfText(text, '"某市公安'),
        code: 'IR1005',
        zh: '引号没有闭合：从这里开始的文本缺少结尾的 "',
        en: 'Unclosed quote: the text starting here lacks its closing "',
      });
    });

    it('unclosed bracket: at the opening bracket', () => {
      const text = `${WEBSITE}columns: [{ name: 甲 }\nnote: x\n`;
      expectOne(text, {
        range: rangeOfText(text, '[{ name: 甲 }'),
        code: 'IR1005',
        zh: '括号没有闭合：从这里开始的 [ 缺少结尾的 ]',
        en: 'Unclosed bracket: the [ starting here lacks its closing ]',
      });
    });

    it('tab indentation, a second document, a bad escape and a reserved first character', () => {
      const tab = `${WEBSITE}homepage:\n\tlastUpdate: 2021-06-10\n`;
      const [t1] = diagnostics(tab);
      assert.deepEqual([t1.code, t1.message, t1.range], ['IR1004', '不能用 Tab 键缩进，请改用空格', rangeOfText(tab, '\t')]);
      const docs = `${WEBSITE}---\n${MEDIA}`;
      const [t2] = diagnostics(docs, 'en');
      assert.deepEqual([t2.code, t2.message, t2.range.start], ['IR1007', 'A file can hold only one record (the file contains a second "---" document)', rangeOfText(docs, '---').start]);
      const escape = `${WEBSITE}note: "D:\\dept"\n`;
      const [t3] = diagnostics(escape);
      assert.deepEqual([t3.code, t3.message, t3.range.start], ['IR1008', '双引号中的反斜杠转义无效；Windows 路径请改用单引号或正斜杠', rangeOfText(escape, '\\d').start]);
      const at = `${WEBSITE}note: @某人\n`;
      const [t4] = diagnostics(at);
      assert.deepEqual([t4.code, t4.message, t4.range.start], ['IR1009', '值不能以 @ 开头，请给这个值加上引号', rangeOfText(at, '@').start]);
    });

    it('aliases: one without its anchor, and too many of them', () => {
      const text = `${WEBSITE}note: *missing\n`;
      expectOne(text, {
        range: rangeOfText(text, '*missing'),
        code: 'IR1010',
        zh: '别名无法解析：找不到对应的锚点（&名称）',
        en: 'Alias cannot be resolved: no matching anchor (&name)',
      });
      const bomb = `${WEBSITE}a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(11).fill('*a').join(', ')}]\nc: [${Array(11).fill('*b').join(', ')}]\n`;
      const found = diagnostics(bomb);
      assert.deepEqual(found.map((d) => [d.code, d.message]), [['IR1011', '别名（*名称）使用过多，超过 100 个，文件未被读取']]);
    });
  });
});
