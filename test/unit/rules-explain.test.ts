// `inspection-records explain`: the verdict, each hit with its position, arithmetic, remedy and
// evidence, and the score or why there is none, as text and as JSON; the profile from --profile,
// the campaign, or the default; exit codes 0 / 1 / 2. Fixtures live in test/fixtures/rules/.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { rangeOfText } from './support/rangeOfText';
import { FIXTURES, REPO } from './rules-support';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: REPO, env: {} });
  return { code, stdout, stderr };
}

const rel = (...p: string[]) => path.posix.join('test/fixtures/rules', ...p);
const text = (...p: string[]) => readFileSync(path.join(FIXTURES, ...p), 'utf8');
/** `file:line:column` (1-based) of a substring of a fixture. */
const at = (file: string, needle: string, part?: string) => {
  const r = rangeOfText(text(...file.split('/').slice(3)), needle, 0, part);
  return `${file}:${r.start.line + 1}:${r.start.character + 1}`;
};

describe('rules: explain', () => {
  const justice = rel('campaign', 'websites', 'justice.yaml');

  it('prints the verdict, the hit with its position, arithmetic and remedy (no debug line of raw evidence), and why there is no score', async () => {
    const r = await cli('explain', justice);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `${justice}  海南司法行政网（政府网站）`,
        '  结论：不合格',
        '  指标方案：national-2019',
        '  命中 1 条：',
        `    ${at(justice, '2021-05-20')} 首页最近更新 2021-05-20，距检查日 2021-06-15 已 26 天，超过 14 天 — 单项否决 W-V3 首页不更新`,
        '      整改：首页在 2021-06-01 或之后有新的更新即可消除',
        '  得分：无',
        '    单项否决，不计分',
        '',
      ].join('\n'),
    );
  });

  it('in English', async () => {
    const r = await cli('explain', justice, '--lang', 'en');
    assert.match(r.stdout, /^ {2}Verdict: fail$/m);
    assert.ok(r.stdout.includes('Homepage last updated 2021-05-20, 26 days before the check date 2021-06-15: more than 14 days — veto W-V3 Homepage not updated'));
    assert.ok(r.stdout.includes('    Vetoed: nothing else is scored\n'));
  });

  it('as JSON, with 1-based positions and the evidence as data', async () => {
    const r = await cli('explain', justice, rel('campaign', 'websites', 'forestry.yaml'), '--format', 'json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { records: Record<string, unknown>[]; problems: unknown[] };
    assert.deepEqual(out.problems, []);
    assert.deepEqual(
      out.records.map((x) => [x.file, x.verdict, x.verdictLabel, x.score]),
      [
        [justice, 'fail', '不合格', null],
        [rel('campaign', 'websites', 'forestry.yaml'), 'pass', '合格', null],
      ],
    );
    const hit = (out.records[0].hits as Record<string, unknown>[])[0];
    const pos = rangeOfText(text('campaign', 'websites', 'justice.yaml'), '2021-05-20');
    assert.deepEqual([hit.ruleId, hit.kind, hit.path, hit.line, hit.column], ['W-V3', 'veto', 'homepage.lastUpdate', pos.start.line + 1, pos.start.character + 1]);
    assert.equal((hit.evidence as Record<string, unknown>).ageDays, 26);
    assert.deepEqual(out.records[0].profile, { id: 'national-2019', chain: ['national-2019'] });
  });

  it('exit 0 when every record passes', async () => {
    const r = await cli('explain', rel('campaign', 'websites', 'forestry.yaml'));
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes('  结论：合格\n'));
    assert.ok(r.stdout.includes('不计分：计分只适用于 kind 为 website、siteType 为 门户网站 的记录'));
  });

  it('takes the profile from the campaign, and --profile overrides it', async () => {
    const account = rel('local', 'media', 'account.yaml');
    const byCampaign = await cli('explain', account);
    assert.ok(byCampaign.stdout.includes('  指标方案：fixture-strict → national-2019\n'));
    // 11 days: a veto under the local 10-day rule
    assert.ok(byCampaign.stdout.includes('账号最近更新 2021-06-05，距检查日 2021-06-16 已 11 天，超过 10 天 — 单项否决 M-V2 内容不更新'));
    const national = await cli('explain', account, '--profile', 'national-2019', '--format', 'json');
    const rec = (JSON.parse(national.stdout) as { records: { verdict: string; hits: { ruleId: string; kind: string }[] }[] }).records[0];
    assert.deepEqual(rec.hits.map((h) => [h.ruleId, h.kind]), [['M-W1', 'warning']]);
    assert.equal(rec.verdict, 'pass');
  });

  it('outside a campaign, the default profile, said so', async () => {
    const r = await cli('explain', rel('loose', 'account.yaml'));
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes('  记录不在检查活动文件夹中，按内置指标方案 national-2019 判定\n'));
  });

  it('refuses an invalid record with its diagnostics (exit 2)', async () => {
    const file = rel('invalid', 'bad-date.yaml');
    const r = await cli('explain', file);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.ok(r.stderr.startsWith(`${at(file, '2021-13-01')} 错误 IR3003 `), r.stderr);
  });

  it('refuses a file that is not a record, a missing file and a broken profile (exit 2)', async () => {
    const notRecord = await cli('explain', rel('campaign', 'campaign.yaml'));
    assert.equal(notRecord.code, 2);
    assert.equal(notRecord.stderr, `${at(rel('campaign', 'campaign.yaml'), 'kind: campaign', 'campaign')} 错误 IR5301 不是检查记录（kind 为“campaign”，应为 website 或 media），无法说明结论\n`);
    const missing = await cli('explain', 'no-such-record.yaml');
    assert.equal(missing.code, 2);
    const cyclic = await cli('explain', rel('loose', 'account.yaml'), '--profile', rel('invalid', 'cyclic-a.yaml'));
    assert.equal(cyclic.code, 2);
    assert.equal(cyclic.stderr, `${at(rel('invalid', 'cyclic-b.yaml'), 'cyclic-a.yaml')} 错误 IR5005 指标方案的 extends 形成循环：cyclic-a.yaml → cyclic-b.yaml → cyclic-a.yaml\n`);
  });

  it('usage: no record is a usage error; --help prints the usage with the exit codes', async () => {
    const none = await cli('explain');
    assert.equal(none.code, 2);
    assert.ok(none.stderr.startsWith('缺少记录文件：inspection-records explain <记录.yaml…>\n'));
    const help = await cli('explain', '--help');
    assert.equal(help.code, 0);
    assert.ok(help.stdout.includes('退出码：0 全部合格；1 有记录不合格或无法判定；2 用法错误'));
  });
});
