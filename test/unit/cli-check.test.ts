// `inspection-records check`: exit codes 0/1/2, the sorted `file:line:column severity code message`
// lines, JSON output, the summary line, both languages; run in-process and once as the built bundle.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { main } from '../../server/src/cli/main';
import { rangeOfText } from './support/rangeOfText';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/campaigns');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], cwd = ROOT, env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env });
  return { code, stdout, stderr };
}

/** `line:column` (1-based) of a substring of a fixture file. */
function at(file: string, needle: string, occurrence = 0): string {
  const r = rangeOfText(readFileSync(path.join(FIXTURES, 'broken', file), 'utf8'), needle, occurrence);
  return `${r.start.line + 1}:${r.start.character + 1}`;
}

// files, records, errors, warnings, findings, failing records
const SUMMARY_ZH = /^检查了 (\d+) 个文件（(\d+) 条记录）：(\d+) 个错误，(\d+) 个警告，(\d+) 个检查发现（(\d+) 条记录不合格），\d+ 个已按注释忽略，用时 \d+ 毫秒$/;
const SUMMARY_EN = /^Checked (\d+) files \((\d+) records\): (\d+) errors, (\d+) warnings, (\d+) findings \((\d+) records failing\), \d+ suppressed by comments, \d+ ms$/;
/** The note the national profile gets once, on campaign.yaml: it gives no points, so portals pass on vetoes alone. */
const PROFILE_NOTE = / 建议 IR5201 无法计算得分：指标方案 national-2019 未给出计分所需的分值；/;

describe('cli check', () => {
  it('exits 0 on a clean campaign: the profile’s note once, then the summary line', async () => {
    const r = await cli(['check', 'test/fixtures/campaigns/valid']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0].startsWith('test/fixtures/campaigns/valid/campaign.yaml:'), lines[0]);
    assert.match(lines[0], PROFILE_NOTE);
    // campaign.yaml and two records; the registry export and the out/ and .drafts/ folders are not checked
    assert.deepEqual(SUMMARY_ZH.exec(lines[1])?.slice(1), ['3', '2', '0', '0', '0', '0']);
  });

  it('a correct record of a failing site: a finding, no error, exit 0; --fail-on findings exits 1', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'ir-cli-'));
    try {
      cpSync(path.join(FIXTURES, 'valid'), tmp, { recursive: true });
      // the account is filed in the registry; its last post 30 days before the check date breaks the
      // national 14-day window: the M-V2 veto, a finding about the account
      const file = path.join(tmp, 'media/danzhou/dzjy.yaml');
      const text = readFileSync(file, 'utf8').replace('lastPost: 2021-06-10', 'lastPost: 2021-05-17');
      writeFileSync(file, text);
      const r = await cli(['check', 'media'], tmp);
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      const at = rangeOfText(text, '2021-05-17').start;
      assert.equal(lines.length, 2);
      assert.ok(lines[0].startsWith(`media/danzhou/dzjy.yaml:${at.line + 1}:${at.character + 1} 发现 M-V2 账号最近更新 2021-05-17，`), lines[0]);
      assert.deepEqual(SUMMARY_ZH.exec(lines[1])?.slice(1), ['1', '1', '0', '0', '1', '1']);
      const strict = await cli(['check', '--fail-on', 'findings', 'media'], tmp);
      assert.equal(strict.code, 1);
      const json = JSON.parse((await cli(['check', '--format', 'json', 'media'], tmp)).stdout) as { diagnostics: { code: string; severity: string; finding?: boolean }[] };
      assert.deepEqual(json.diagnostics.map((d) => [d.code, d.severity, d.finding]), [['M-V2', 'warning', true]]);
      const bad = await cli(['check', '--fail-on', 'everything', 'media'], tmp);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--fail-on 的值“everything”无效/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('exits 1 listing every problem sorted by file, line and column, paths relative to the working folder', async () => {
    const cwd = path.join(FIXTURES, 'broken');
    const r = await cli(['check'], cwd);
    assert.equal(r.code, 1);
    const all = r.stdout.trimEnd().split('\n');
    // the indicator engine adds 无法判定 warnings for the facts these broken records lack; the
    // foundation's own findings are the IR lines (and the summary)
    const ruleLines = all.slice(0, -1).filter((l) => !/ IR[1-4]\d{3} /.test(l));
    for (const l of ruleLines) assert.match(l, / (警告 [WM]-V\d 无法判定|(提示|建议) IR5\d{3}) /);
    // W-V2, W-V5 and W-V6 wait for facts the two website records do not hold at all (availability,
    // interaction, services); the facts they hold malformed (a date, a misspelt key) have their own
    // error and hold nothing else back
    const ruleWarnings = ruleLines.filter((l) => / 警告 /.test(l));
    assert.deepEqual(ruleWarnings.map((l) => l.split(' ').slice(0, 3).join(' ')).sort(), [
      'websites/bad-dates.yaml:1:1 警告 W-V2', 'websites/bad-dates.yaml:1:1 警告 W-V5', 'websites/bad-dates.yaml:1:1 警告 W-V6',
      'websites/unknown-key.yaml:1:1 警告 W-V2', 'websites/unknown-key.yaml:1:1 警告 W-V5', 'websites/unknown-key.yaml:1:1 警告 W-V6',
    ]);
    const lines = all.filter((l) => !ruleLines.includes(l));
    assert.ok(lines[0].startsWith('media/no-kind.yaml:1:1 错误 IR2001 缺少 kind：请写明文件类型，可选：website（政府网站检查记录）、media（政务新媒体检查记录）'), lines[0]);
    assert.deepEqual(lines.slice(1, -1), [
      `media/syntax.yaml:${at('media/syntax.yaml', '"某市公安')} 错误 IR1005 引号没有闭合：从这里开始的文本缺少结尾的 "`,
      'misc/second-campaign.yaml:1:1 错误 IR4002 kind: campaign 的文件须命名为 campaign.yaml，并放在检查活动文件夹的根目录',
      'nested/campaign.yaml:1:1 错误 IR4001 嵌套的检查活动：文件夹“nested”有自己的 campaign.yaml，却位于检查活动“broken”之内，其中的文件未检查；检查活动文件夹应并列存放',
      `websites/bad-dates.yaml:${at('websites/bad-dates.yaml', '2021/6/15')} 错误 IR3001 “检查日期”（checkDate）须写作 YYYY-MM-DD：“2021/6/15”应写作 2021-06-15`,
      `websites/bad-dates.yaml:${at('websites/bad-dates.yaml', '44358')} 错误 IR3002 “首页最近更新日期”（lastUpdate）是数字 44358，像是从 Excel 复制的日期序列号，对应 2021-06-11；请写作 2021-06-11`,
      `websites/bad-dates.yaml:${at('websites/bad-dates.yaml', '2021-02-30')} 错误 IR3003 “最近更新日期”（lastUpdate）的“2021-02-30”不是真实的日期：2021年2月只有 28 天`,
      `websites/unknown-key.yaml:${at('websites/unknown-key.yaml', '门户')} 错误 IR2102 “网站类型”（siteType）的值“门户”不在可选范围内，是不是要写“门户网站”？（可选：“门户网站”、“部门网站”、“下属单位网站”）`,
      `websites/unknown-key.yaml:${at('websites/unknown-key.yaml', 'lastupdate')} 错误 IR2103 未知的键“lastupdate”：“首页”（homepage）中没有这一项，是不是要写“lastUpdate”？`,
    ]);
    // six files: campaign.yaml, four in media/, misc/ and websites/ … and no-kind; nested/ is not checked
    assert.deepEqual(SUMMARY_ZH.exec(lines[lines.length - 1])?.slice(1), ['6', '3', '9', '6', '0', '0']);
  });

  it('writes JSON with the summary figures and 1-based positions, quick-fix data included', async () => {
    const r = await cli(['check', '--format', 'json', 'websites/bad-dates.yaml'], path.join(FIXTURES, 'broken'));
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { files: number; records: number; errors: number; warnings: number; findings: number; elapsedMs: number; diagnostics: unknown[] };
    // the warnings: 无法判定 for the facts the record lacks (availability, interaction, services)
    assert.deepEqual([out.files, out.records, out.errors, out.warnings, out.findings], [1, 1, 3, 3, 0]);
    assert.equal(typeof out.elapsedMs, 'number');
    const text = readFileSync(path.join(FIXTURES, 'broken/websites/bad-dates.yaml'), 'utf8');
    const range = rangeOfText(text, '2021/6/15');
    assert.deepEqual((out.diagnostics as { code: string }[]).find((d) => d.code === 'IR3001'), {
      file: 'websites/bad-dates.yaml',
      line: range.start.line + 1,
      column: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
      severity: 'error',
      code: 'IR3001',
      message: '“检查日期”（checkDate）须写作 YYYY-MM-DD：“2021/6/15”应写作 2021-06-15',
      source: 'date',
      data: { replacement: '2021-06-15' },
    });
  });

  it('speaks English with --lang en or INSPECTION_RECORDS_LANG=en', async () => {
    const byOption = await cli(['--lang', 'en', 'check', 'test/fixtures/campaigns/broken/websites/unknown-key.yaml']);
    const byEnv = await cli(['check', 'test/fixtures/campaigns/broken/websites/unknown-key.yaml'], ROOT, { INSPECTION_RECORDS_LANG: 'en' });
    for (const r of [byOption, byEnv]) {
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n').filter((l) => !/ (warning [WM]-V\d Cannot decide|hint IR5\d{3}) /.test(l));
      // W-V2, W-V5, W-V6 (facts not recorded) and the two errors
      assert.equal(
        lines[1],
        `test/fixtures/campaigns/broken/websites/unknown-key.yaml:${at('websites/unknown-key.yaml', 'lastupdate')} error IR2103 Unknown key "lastupdate": "Homepage" (homepage) has no such entry, did you mean "lastUpdate"?`,
      );
      assert.deepEqual(SUMMARY_EN.exec(lines[2])?.slice(1), ['1', '1', '2', '3', '0', '0']);
    }
  });

  it('checks the files named, each once; warnings alone exit 0', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'ir-cli-'));
    try {
      writeFileSync(path.join(tmp, 'gbk.yaml'), iconv.encode('kind: media\nplatform: 抖音\nname: 某市发布\ncheckDate: 2021-06-16\n', 'gbk'));
      const r = await cli(['check', 'gbk.yaml', './gbk.yaml'], tmp);
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.deepEqual(lines.slice(0, -1), ['gbk.yaml:1:1 警告 IR4107 文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请在编辑器中另存为 UTF-8，以免其他工具读出乱码']);
      assert.deepEqual(SUMMARY_ZH.exec(lines[1])?.slice(1), ['1', '1', '0', '1', '0', '0']);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('exits 2 for a path that does not exist or a named file it cannot read, still checking the rest', async () => {
    const r = await cli(['check', 'missing.yaml', 'test/fixtures/campaigns/valid']);
    assert.equal(r.code, 2);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'missing.yaml:1:1 错误 IR4101 找不到文件或文件夹');
    assert.match(lines[1], PROFILE_NOTE);
    assert.deepEqual(SUMMARY_ZH.exec(lines[2])?.slice(1), ['3', '2', '1', '0', '0', '0']);
    const tmp = mkdtempSync(path.join(tmpdir(), 'ir-cli-'));
    try {
      writeFileSync(path.join(tmp, 'photo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
      const bin = await cli(['check', 'photo.yaml'], tmp);
      assert.equal(bin.code, 2);
      assert.match(bin.stdout, /^photo\.yaml:1:1 错误 IR4106 /);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors with a localised message on stderr', async () => {
    const unknownOption = await cli(['check', '--bogus']);
    assert.deepEqual([unknownOption.code, unknownOption.stdout, unknownOption.stderr], [2, '', '未知的选项 --bogus\n运行 inspection-records check --help 查看用法\n']);
    const badLang = await cli(['check', '--lang', 'fr']);
    assert.deepEqual([badLang.code, badLang.stderr], [2, '--lang 只能是 zh-cn 或 en，这里是“fr”\n运行 inspection-records check --help 查看用法\n']);
    const badFormat = await cli(['--lang', 'en', 'check', '--format', 'xml']);
    assert.deepEqual([badFormat.code, badFormat.stderr], [2, '--format must be text or json, not "xml"\nRun inspection-records check --help for the usage\n']);
    const typo = await cli(['chek', '.']);
    assert.deepEqual([typo.code, typo.stderr], [2, '未知的子命令“chek”，是不是要写“check”？\n']);
    const none = await cli([]);
    assert.equal(none.code, 2);
    assert.ok(none.stderr.startsWith('缺少子命令。'));
    assert.ok(none.stdout.startsWith('用法：inspection-records <子命令> [选项]'));
  });

  it('prints help and version', async () => {
    const help = await cli(['check', '--help']);
    assert.equal(help.code, 0);
    assert.ok(help.stdout.startsWith('用法：inspection-records check [文件夹|文件…] [--fail-on errors|findings] [--format text|json] [--lang zh-cn|en]\n'));
    assert.match(help.stdout, /\n退出码：0 记录没有错误（可以有警告和检查发现）；1 记录有错误/);
    const mainHelp = await cli(['--lang', 'en', '--help']);
    assert.equal(mainHelp.code, 0);
    assert.match(mainHelp.stdout, /\n {2}check +check record files and campaign\.yaml, reporting every problem\n/);
    const version = await cli(['--version']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual([version.code, version.stdout], [0, `inspection-records ${pkg.version}\n`]);
  });

  it('runs as the built bundle (dist/cli.js) with the same output', async function () {
    this.timeout(60000);
    if (!existsSync(path.join(ROOT, 'dist/cli.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    const args = ['check', 'test/fixtures/campaigns/broken/websites/unknown-key.yaml'];
    const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, INSPECTION_RECORDS_LANG: '' } });
    assert.equal(r.status, 1, r.stderr);
    const inProcess = await cli(args);
    const withoutTime = (s: string): string => s.replace(/用时 \d+ 毫秒/, '用时 N 毫秒');
    assert.equal(withoutTime(r.stdout), withoutTime(inProcess.stdout));
    assert.ok(
      r.stdout.includes(`test/fixtures/campaigns/broken/websites/unknown-key.yaml:${at('websites/unknown-key.yaml', 'lastupdate')} 错误 IR2103 未知的键“lastupdate”：“首页”（homepage）中没有这一项，是不是要写“lastUpdate”？\n`),
    );
  });
});
