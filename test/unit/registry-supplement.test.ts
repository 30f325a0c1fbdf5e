// The 补报 list (rows, grouping, .xlsx/.csv) with formula-injection escaping, and the `registry` and
// `supplement` commands on a fixture campaign: output, exit codes, atomic writes, --force.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../server/src/cli/main';
import { csvField, csvText, escapeSpreadsheetCell, isFormulaLike } from '../../server/src/core/io/spreadsheetSafe';
import type { MediaRecord } from '../../server/src/core/model';
import { supplementCsv, supplementFileBase, supplementXlsx } from '../../server/src/core/registry/supplementExport';
import { supplementList } from '../../server/src/core/registry/supplementList';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'registry', 'campaign');

function media(name: string, extra: Partial<MediaRecord> = {}): MediaRecord {
  return { kind: 'media', platform: '微信公众号', name, checkDate: '2021-06-16', ...extra };
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: {} });
  return { code, stdout, stderr };
}

describe('registry supplement list and commands', () => {
  describe('formula-injection escaping', () => {
    it('prefixes text a spreadsheet would run with an apostrophe', () => {
      for (const s of ['=HYPERLINK("http://x","点我")', '+8613800000000', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) {
        assert.equal(isFormulaLike(s), true, JSON.stringify(s));
        assert.equal(escapeSpreadsheetCell(s), `'${s}`);
      }
      for (const s of ['儋州教育', 'a=b', '', ' =1', '2021-06-16']) assert.equal(escapeSpreadsheetCell(s), s, JSON.stringify(s));
    });
    it('CSV fields are escaped, then quoted when they hold a quote, comma or line break', () => {
      assert.equal(csvField('=1+1'), "'=1+1");
      assert.equal(csvField('三亚旅游,文化'), '"三亚旅游,文化"');
      assert.equal(csvField('说"法"'), '"说""法"""');
      assert.equal(csvField('两\n行'), '"两\n行"');
      assert.equal(csvField('=A1,"x"'), '"\'=A1,""x"""');
      assert.equal(csvText([['a', 'b'], ['=c', 'd']]), '\ufeffa,b\r\n\'=c,d\r\n');
    });
  });

  describe('supplementList', () => {
    const records = [
      { file: 'media/a.yaml', record: media('儋州新闻', { region: '儋州市', sponsor: '儋州市融媒体中心', accountId: 'dzxw', source: '库外发现' }), outcome: { status: 'unregistered' as const } },
      { file: 'media/b.yaml', record: media('定安发布', { platform: '抖音', region: '定安县', sponsor: '定安县政府办', source: '库外发现' }), outcome: { status: 'unregistered' as const } },
      { file: 'media/c.yaml', record: media('儋州新闻', { region: '儋州市', sponsor: '儋州市融媒体中心', accountId: 'DZXW', checkDate: '2021-06-17' }), outcome: { status: 'unregistered' as const } },
      { file: 'media/d.yaml', record: media('海南监狱', { region: '省直', sponsor: '海南省监狱管理局', source: '抽查' }), outcome: { status: 'unregistered' as const } },
      { file: 'media/e.yaml', record: media('已登记', { region: '儋州市' }), outcome: { status: 'matched' as const } },
      { file: 'media/f.yaml', record: media('近似', { region: '儋州市' }), outcome: { status: 'near-miss' as const } },
      { file: 'media/g.yaml', record: media('=儋州交警', { region: '儋州市', sponsor: '儋州市公安局' }), outcome: { status: 'unregistered' as const } },
    ];
    const failing = (r: { name: string }) => r.name === '定安发布';

    it('one row per unregistered account, grouped by owning office (region; the unit for 省直)', () => {
      const rows = supplementList(records, 'zh-cn', failing);
      assert.deepEqual(rows.map((r) => [r.seq, r.office, r.region, r.sponsor, r.platform, r.name, r.accountId, r.foundDate, r.note, r.file]), [
        [1, '儋州市', '儋州市', '儋州市公安局', '微信公众号', '=儋州交警', '', '2021-06-16', '', 'media/g.yaml'],
        [2, '儋州市', '儋州市', '儋州市融媒体中心', '微信公众号', '儋州新闻', 'dzxw', '2021-06-16', '库外发现', 'media/a.yaml'],
        [3, '定安县', '定安县', '定安县政府办', '抖音', '定安发布', '', '2021-06-16', '库外发现、内容保障不合格', 'media/b.yaml'],
        [4, '海南省监狱管理局', '省直', '海南省监狱管理局', '微信公众号', '海南监狱', '', '2021-06-16', '抽查', 'media/d.yaml'],
      ]);
    });

    it('as CSV (BOM, CRLF, escaped) and as .xlsx (header row, widths, escaped cells)', async () => {
      const rows = supplementList(records, 'zh-cn');
      const csv = supplementCsv(rows, 'zh-cn');
      assert.equal(csv.split('\r\n')[0], '\ufeff序号,地区,主办单位,平台,账号名称,账号ID,发现日期,备注');
      assert.equal(csv.split('\r\n')[1], "1,儋州市,儋州市公安局,微信公众号,'=儋州交警,,2021-06-16,");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await supplementXlsx(rows, 'zh-cn')) as unknown as ArrayBuffer);
      assert.equal(wb.worksheets.length, 1);
      const ws = wb.worksheets[0];
      assert.equal(ws.name, '漏报政务新媒体');
      assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['序号', '地区', '主办单位', '平台', '账号名称', '账号ID', '发现日期', '备注']);
      assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1), [1, '儋州市', '儋州市公安局', '微信公众号', "'=儋州交警", '', '2021-06-16', '']);
      assert.equal(ws.getCell('E2').formula, undefined);
      assert.equal(ws.rowCount, 5);
      // widths from the content: no column narrower than its header (a Chinese character counts two)
      // or, for 账号ID and 发现日期, than its longest value in digit widths
      const headers = ['序号', '地区', '主办单位', '平台', '账号名称', '账号ID', '发现日期', '备注'];
      ws.columns.forEach((c, i) => assert.ok(c.width! >= 2 * [...headers[i]].filter((ch) => /\p{Script=Han}/u.test(ch)).length, `${headers[i]}: ${c.width}`));
      assert.ok(ws.getColumn(7).width! >= '2021-06-16'.length);
    });

    it('file name from the campaign period', () => {
      assert.equal(supplementFileBase({ period: { year: 2021, quarter: 2 } }, 'zh-cn'), '2021年第二季度漏报的政务新媒体名单');
      assert.equal(supplementFileBase({ period: { year: 2021, quarter: 2 } }, 'en'), 'unregistered-new-media-2021-q2');
    });
  });

  describe('commands', () => {
    let tmp: string;
    beforeEach(async () => {
      tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'registry-cli-'));
      await fs.cp(FIXTURE, path.join(tmp, 'campaign'), { recursive: true });
    });
    afterEach(async () => {
      await fs.rm(tmp, { recursive: true, force: true });
    });

    it('registry prints each section, the duplicate filings and the counts', async () => {
      const r = await run(['registry', 'campaign'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], '备案数据核对：campaign');
      for (const heading of ['漏报（3）：', '近似，请确认（1）：', '登记为关停/注销但仍在运行（2）：', '与登记不一致（4）：', '重复（2）：', '备案数据中重复登记的账号或网站（1 组）：']) {
        assert.ok(lines.includes(heading), heading);
      }
      assert.ok(lines.includes('  campaign/media/dingan-fabu.yaml:3:7 发现 REG-UNREGISTERED 抖音“=定安发布”未在“全国政务新媒体信息报送系统”中登记（漏报），应补报。'));
      assert.ok(lines.includes('  微信公众号“三亚发布”：registry/media.csv 第8行、registry/media.csv 第9行'));
      assert.ok(lines.includes('新媒体：登记运行 5 个，运行总数 5 个；检查记录 9 条：已登记 4，漏报 3（其中内容保障不合格 1），近似 1，登记关停仍运行 1。'));
      assert.ok(lines.includes('网站：登记运行 3 个，运行总数 3 个；检查记录 4 条：已登记 3，漏报 0，近似 0，登记关停仍运行 1。'));
    });

    it('registry --format json gives every record with its outcome', async () => {
      const r = await run(['registry', 'campaign', '--format', 'json'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const byFile = Object.fromEntries(out.records.map((x: { file: string; status: string }) => [x.file, x.status]));
      assert.deepEqual(byFile, {
        'campaign/media/danzhou-jiaoyu-again.yaml': 'matched',
        'campaign/media/danzhou-jiaoyu-douyin.yaml': 'unregistered',
        'campaign/media/danzhou-jiaoyu.yaml': 'matched',
        'campaign/media/danzhou-nada.yaml': 'unregistered',
        'campaign/media/dingan-fabu.yaml': 'unregistered',
        'campaign/media/dingan-rongmei.yaml': 'matched',
        'campaign/media/haikou-fabu.yaml': 'matched',
        'campaign/media/sifa-zaixian.yaml': 'closed-but-active',
        'campaign/media/weijianwei.yaml': 'near-miss',
        'campaign/websites/haikou-jiaoyu.yaml': 'matched',
        'campaign/websites/linye.yaml': 'matched',
        'campaign/websites/old.yaml': 'closed-but-active',
        'campaign/websites/sifa.yaml': 'matched',
      });
      assert.equal(out.counts.media.unregistered, 3);
      assert.deepEqual(out.problems, []);
    });

    it('registry: a broken export row makes exit 1 and is listed with its row', async () => {
      const csv = path.join(tmp, 'campaign', 'registry', 'media.csv');
      await fs.appendFile(csv, '9,儋州市,脸书,儋州脸书,fb,儋州市,,正常,\n');
      const r = await run(['registry', 'campaign', '--lang', 'en'], tmp);
      assert.equal(r.code, 1);
      assert.ok(r.stdout.includes('  error REG-IMPORT-ROW registry/media.csv row 10: unknown platform "脸书"; the row was not imported.\n'), r.stdout);
    });

    it('registry: usage errors exit 2', async () => {
      assert.equal((await run(['registry'], tmp)).code, 2);
      assert.equal((await run(['registry', 'nowhere'], tmp)).code, 2);
    });

    it('supplement writes .xlsx and .csv atomically into the output folder, and refuses to overwrite without --force', async () => {
      const first = await run(['supplement', 'campaign'], tmp);
      assert.equal(first.code, 0, first.stderr);
      const out = path.join(tmp, 'campaign', 'out');
      const names = ['2021年第二季度漏报的政务新媒体名单.csv', '2021年第二季度漏报的政务新媒体名单.xlsx'];
      assert.deepEqual((await fs.readdir(out)).sort(), names, 'no temporary files left behind');
      assert.equal(first.stdout, `已写入补报名单：3 个账号，2 个责任单位。\n  campaign/out/${names[1]}\n  campaign/out/${names[0]}\n`);
      const csv = await fs.readFile(path.join(out, names[0]), 'utf8');
      assert.deepEqual(csv.split('\r\n'), [
        '\ufeff序号,地区,主办单位,平台,账号名称,账号ID,发现日期,备注',
        '1,儋州市,儋州市教育局,抖音,儋州教育,,2021-06-18,库外发现',
        '2,儋州市,儋州市那大镇人民政府,微信公众号,那大镇政务,ndzzw,2021-06-15,库外发现',
        "3,定安县,定安县人民政府办公室,抖音,'=定安发布,,2021-06-18,库外发现、内容保障不合格",
        '',
      ]);

      // a second run must not touch the existing files
      await fs.writeFile(path.join(out, names[0]), 'edited by hand');
      const second = await run(['supplement', 'campaign'], tmp);
      assert.equal(second.code, 1);
      assert.equal(second.stderr, `文件已存在：campaign/out/${names[1]}、campaign/out/${names[0]}。未写入任何文件；如需覆盖请加 --force。\n`);
      assert.equal(await fs.readFile(path.join(out, names[0]), 'utf8'), 'edited by hand');

      const forced = await run(['supplement', 'campaign', '--force'], tmp);
      assert.equal(forced.code, 0, forced.stderr);
      assert.equal(await fs.readFile(path.join(out, names[0]), 'utf8'), csv);
      assert.deepEqual((await fs.readdir(out)).sort(), names);
    });

    it('supplement --out writes elsewhere; --format json lists the entries', async () => {
      const r = await run(['supplement', 'campaign', '--out', 'lists', '--format', 'json'], tmp);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.files, ['lists/2021年第二季度漏报的政务新媒体名单.xlsx', 'lists/2021年第二季度漏报的政务新媒体名单.csv']);
      assert.deepEqual(out.entries.map((e: { name: string }) => e.name), ['儋州教育', '那大镇政务', '=定安发布']);
      await fs.access(path.join(tmp, 'lists', '2021年第二季度漏报的政务新媒体名单.xlsx'));
    });
  });
});
