// `probe --write` on the fixture web through the CLI: the record gains the facts it lacked (with
// their evidence), keeps every comment, its key order and the inspector's conflicting date; a second
// probe finds nothing to add; a record changed meanwhile is not written; usage errors exit 2.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { probeRecords } from '../../server/src/core/actions/probe';
import type { Fetcher } from '../../server/src/core/probe/fetcher';
import { httpFetcher } from '../../server/src/core/probe/fetcher';
import { main } from '../../server/src/cli/main';
import { fixtureCampaign, SimulatedClock } from '../web/fixtureCampaign';
import { startFixtureWeb, type FixtureWeb } from '../web/fixtureWeb';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {} });
  return { code, out, err };
}

const comments = (text: string) => text.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));
const topKeys = (text: string) => text.split('\n').filter((l) => /^[A-Za-z]\w*:/.test(l)).map((l) => l.slice(0, l.indexOf(':')));

describe('probe --write', function () {
  this.timeout(60_000);
  let web: FixtureWeb;
  let dir: string;
  before(async () => {
    web = await startFixtureWeb({ only: ['portal', 'trs', 'county'] });
  });
  beforeEach(() => {
    dir = fixtureCampaign(web, (r) => ['websites/portal.yaml', 'websites/trs.yaml', 'websites/county.yaml'].includes(r));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  after(async () => web?.close());

  it('adds the facts with their evidence, keeping comments, key order and the inspector’s conflicting date', async () => {
    const file = path.join(dir, 'websites/portal.yaml');
    const before = readFileSync(file, 'utf8');
    const { code, out } = await cli(['probe', 'websites/portal.yaml', '--write', '--delay', '0', '--timeout', '5'], dir);
    assert.equal(code, 1, out); // the conflict is for the inspector to resolve
    assert.match(out, /! 栏目“政策解读” 最近更新日期：记录为 2021-05-20，网页显示 2021-05-25（冲突，未修改）/);
    const after = readFileSync(file, 'utf8');
    assert.deepEqual(comments(after), comments(before));
    assert.deepEqual(topKeys(after), [...topKeys(before), 'homepage']);
    // untouched lines are byte for byte the same, alignment of the siteCode comment included
    for (const line of before.split('\n').filter((l) => !/^ {2}- /.test(l) && !/^ {4}level: 2$/.test(l))) assert.ok(after.includes(line), line);
    const v = parse(after) as { homepage: { lastUpdate: string; evidence: { url: string; snapshot: string } }; columns: Record<string, unknown>[] };
    assert.equal(v.homepage.lastUpdate, '2021-06-11');
    assert.equal(v.homepage.evidence.url, `${web.origins.portal}/`);
    assert.match(v.homepage.evidence.snapshot, /^evidence\/probe\/127\.0\.0\.1_\d+\/\d{8}-\d{6}\/01-index\.html$/);
    assert.deepEqual(
      v.columns.map((c) => [c.name, c.lastUpdate ?? (c.blank ? 'blank' : undefined)]),
      [['工作动态', '2021-06-11'], ['通知公告', '2021-06-08'], ['政策文件', '2020-11-20'], ['政策解读', '2021-05-20'], ['人事信息', 'blank'], ['规划计划', undefined], ['政府信息公开年报', '2021-01-28'], ['机构职能', undefined]],
    );
    // the record is still valid
    const check = await cli(['check', 'websites/portal.yaml'], dir);
    assert.equal(check.code, 0, check.out + check.err);
  });

  it('appends the navigation’s columns to a record that lists none, and finds nothing more to add the second time', async () => {
    const file = path.join(dir, 'websites/trs.yaml');
    const first = await cli(['probe', 'websites', '--write', '--delay', '0', '--timeout', '5', '--format', 'json'], dir);
    const json = JSON.parse(first.out) as { records: { file: string; written: boolean }[] };
    assert.deepEqual(json.records.map((r) => [r.file, r.written]), [['websites/county.yaml', true], ['websites/portal.yaml', true], ['websites/trs.yaml', true]]);
    const written = readFileSync(file, 'utf8');
    assert.match(written, /\ncolumns:\n {2}- name: 工作动态\n {4}category: 动态要闻\n {4}level: 1\n {4}lastUpdate: 2021-06-09\n {4}evidence: \{ url: "http:\/\/127\.0\.0\.1:\d+\/gzdt\/", seen: \d{4}-\d{2}-\d{2}, snapshot: evidence\/probe\//);
    const second = await cli(['probe', 'websites/trs.yaml', 'websites/county.yaml', '--write', '--delay', '0', '--timeout', '5', '--format', 'json'], dir);
    const again = JSON.parse(second.out) as { records: { changes: { status: string }[]; newColumns: unknown[]; written: boolean }[] };
    for (const r of again.records) {
      assert.ok(r.changes.every((c) => c.status === 'same'), JSON.stringify(r.changes));
      assert.deepEqual(r.newColumns, []);
      assert.equal(r.written, false);
    }
    assert.equal(readFileSync(file, 'utf8'), written);
    assert.equal(second.code, 0);
  });

  it('does not write a record changed while it was probed', async () => {
    const file = path.join(dir, 'websites/county.yaml');
    const real = httpFetcher(new SimulatedClock(0));
    let edited = false;
    const fetcher: Fetcher = async (req) => {
      if (!edited) {
        edited = true;
        writeFileSync(file, `${readFileSync(file, 'utf8')}note: 检查人员同时在改\n`);
      }
      return real(req);
    };
    const result = await probeRecords([file], { locale: 'zh-cn', write: true, fetcher, hostIntervalMs: 0, timeoutSeconds: 5 });
    assert.deepEqual(result.records[0].problems.map((p) => p.code), ['IR7003']);
    assert.equal(result.records[0].written, false);
    assert.match(readFileSync(file, 'utf8'), /note: 检查人员同时在改\n$/);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /lastUpdate/);
  });

  it('answers in English with --lang en, and exits 2 on usage errors', async () => {
    const en = await cli(['probe', 'websites/county.yaml', '--lang', 'en', '--delay', '0', '--timeout', '5'], dir);
    assert.match(en.out, /\+ homepage last update: 2021-05-20/);
    assert.match(en.out, /Probed 1 records: 4 facts to add/);
    assert.equal((await cli(['probe'], dir)).code, 2);
    assert.equal((await cli(['probe', 'nowhere.yaml'], dir)).code, 2);
    assert.equal((await cli(['probe', 'websites', '--timeout', 'soon'], dir)).code, 2);
    const help = await cli(['probe', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.out, /退出码：0/);
  });

  it('reports a record without an address with its file, line and column', async () => {
    const file = path.join(dir, 'websites/county.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/url: .*\n/, ''));
    const { code, err } = await cli(['probe', 'websites/county.yaml'], dir);
    assert.equal(code, 1);
    assert.match(err, /^websites\/county\.yaml:1:1 错误 IR7001 记录没有可探测的网址/);
  });
});
