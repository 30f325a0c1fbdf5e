// probe against the fixture web (test/fixtures/web): the facts it proposes for each record equal the
// ones the fixture's manifest states (written by hand from the pages), every page it read is saved
// as it arrived, and an address that never answers, a bad certificate or robots.txt are reported as
// facts about the site.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { probeRecords, type ProbedRecord, type ProbeOptions } from '../../server/src/core/actions/probe';
import { fixtureCampaign, SimulatedClock, webManifest, type WebManifest } from '../web/fixtureCampaign';
import { startFixtureWeb, type FixtureWeb } from '../web/fixtureWeb';

const READ_AT = Date.parse('2021-06-15T10:00:00+08:00');

interface ColumnExpectation {
  name: string;
  lastUpdate?: string;
  blank?: boolean;
  category?: string;
  level?: number;
  problem?: string;
  evidence?: string;
  pagesRead?: number;
}

describe('probe: the fixture web', function () {
  this.timeout(60_000);
  let web: FixtureWeb;
  let dir: string;
  let manifest: WebManifest;
  let records: Map<string, ProbedRecord>;
  const options = (): ProbeOptions => ({ locale: 'zh-cn', clock: new SimulatedClock(READ_AT), timeoutSeconds: 1, hostIntervalMs: 200 });

  before(async () => {
    manifest = webManifest();
    web = await startFixtureWeb();
    dir = fixtureCampaign(web);
    const files = Object.keys(manifest.records).map((r) => path.join(dir, r));
    const result = await probeRecords(files, options());
    records = new Map(result.records.map((r) => [path.relative(dir, r.file!).split(path.sep).join('/'), r]));
  });
  after(async () => {
    await web?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sitePath = (url: string | undefined, r: ProbedRecord) => (url ? url.slice(new URL(r.site!.homepage.page.url).origin.length) : undefined);

  for (const rel of Object.keys(webManifest().records)) {
    it(`finds the facts of ${rel}`, () => {
      const expected = manifest.records[rel] as Record<string, unknown>;
      const r = records.get(rel)!;
      assert.deepEqual(r.problems, [], `${rel}: ${JSON.stringify(r.problems)}`);
      const site = r.site!;
      assert.equal(site.readOn, manifest.readOn);
      if (rel.startsWith('media/')) {
        assert.equal(site.homepage.lastUpdate, expected.lastPost);
        return;
      }
      const home = expected.homepage as { lastUpdate?: string; problem?: string; code?: string };
      assert.equal(site.homepage.lastUpdate, home.lastUpdate, `${rel} homepage`);
      const hp = site.homepage.problem;
      assert.equal(hp ? (hp.kind === 'failed' ? hp.reason : hp.kind) : undefined, home.problem, `${rel} homepage problem`);
      if (home.code) assert.equal(hp?.kind === 'failed' ? hp.code : undefined, home.code);
      const columns = (expected.columns as ColumnExpectation[] | undefined) ?? [];
      const found = site.columns.map((c) => {
        const out: ColumnExpectation = { name: c.name };
        if (c.source === 'navigation') {
          out.category = c.category;
          out.level = c.level;
        } else if (c.level !== undefined) out.level = c.level;
        if (c.lastUpdate) out.lastUpdate = c.lastUpdate;
        if (c.blank) out.blank = true;
        if (c.problem) out.problem = c.problem.kind === 'failed' ? c.problem.reason : c.problem.kind;
        if (c.evidence) out.evidence = sitePath(c.evidence.url, r);
        if (c.pagesRead > 1) out.pagesRead = c.pagesRead;
        return out;
      });
      assert.deepEqual(found, columns, rel);
      const dead = site.deadLinks.map((d) => ({ url: sitePath(d.url, r), problem: d.problem.kind === 'status' ? d.problem.status : d.problem.kind }));
      assert.deepEqual(dead, (expected.deadLinks as unknown[] | undefined) ?? [], `${rel} dead links`);
      assert.deepEqual(site.externalLinks, (expected.externalLinks as unknown[] | undefined) ?? [], `${rel} external links`);
    });
  }

  it('proposes the facts the record lacks, keeps those it has, and shows a differing one as a conflict', () => {
    const changes = records.get('websites/portal.yaml')!.proposal!.changes.map((c) => [[...c.parent, c.key].join('.'), c.status, c.value, c.recorded]);
    assert.deepEqual(changes, [
      ['homepage.lastUpdate', 'add', '2021-06-11', undefined],
      ['columns.0.lastUpdate', 'add', '2021-06-11', undefined],
      ['columns.1.lastUpdate', 'add', '2021-06-08', undefined],
      ['columns.2.lastUpdate', 'add', '2020-11-20', undefined],
      // the inspector wrote 2021-05-20; the page says 2021-05-25
      ['columns.3.lastUpdate', 'conflict', '2021-05-25', '2021-05-20'],
      ['columns.4.blank', 'add', true, undefined],
      ['columns.6.lastUpdate', 'add', '2021-01-28', undefined],
    ]);
    // a record listing no column gets the navigation's columns that have a fact
    const trs = records.get('websites/trs.yaml')!.proposal!.newItems.map((n) => n.item.name);
    assert.deepEqual(trs, ['工作动态', '通知公告', '政策法规', '发展规划', '在线访谈']);
  });

  it('saves every page read as it arrived (GBK bytes too), with its address and checksum in a manifest', () => {
    const trs = records.get('websites/trs.yaml')!;
    const change = trs.proposal!.changes.find((c) => c.key === 'lastUpdate' && c.subject.kind === 'homepage')!;
    const snapshot = path.join(trs.root, change.evidence!.snapshot!);
    const bytes = readFileSync(snapshot);
    // sent as GBK: not UTF-8, and the GBK decoding names the site
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    assert.match(iconv.decode(bytes, 'gbk'), /南溪市发展和改革委员会/);
    const listing = JSON.parse(readFileSync(path.join(trs.snapshotFolder!, 'manifest.json'), 'utf8')) as { pages: { file?: string; sha256?: string; url: string; read: string }[] };
    const entry = listing.pages.find((p) => p.file === path.basename(snapshot))!;
    assert.equal(entry.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.equal(entry.read, '2021-06-15T10:00:00+08:00');
    assert.equal(change.evidence!.seen, '2021-06-15');
    assert.equal(change.evidence!.url, `${web.origins.trs}/`);
    // a page behind a redirect is kept under the address it ended at
    const portal = records.get('websites/portal.yaml')!;
    const zcjd = portal.proposal!.changes.find((c) => c.subject.kind === 'column' && c.subject.name === '政策解读')!;
    assert.equal(zcjd.evidence?.url, `${web.origins.portal}/zcjd/index.shtml`);
    for (const r of records.values()) assert.ok(existsSync(path.join(r.snapshotFolder!, 'manifest.json')), r.file);
  });

  it('reads facts as of the check date: items published after it are not the newest', async () => {
    const portal = path.join(dir, 'websites/portal.yaml');
    const text = readFileSync(portal, 'utf8').replace('checkDate: 2021-06-15', 'checkDate: 2021-06-10');
    const result = await probeRecords([portal], { ...options(), evidence: false, texts: new Map([[portal, text]]) });
    const site = result.records[0].site!;
    assert.equal(site.asOf, '2021-06-10');
    assert.equal(site.homepage.lastUpdate, '2021-06-09');
  });

  it('honours robots.txt unless told to ignore it', async () => {
    const trs = path.join(dir, 'websites/trs.yaml');
    const result = await probeRecords([trs], { ...options(), evidence: false, ignoreRobots: true });
    const closed = result.records[0].site!.columns.find((c) => c.name === '内部管理')!;
    // fetched this time: the fixture has no such page
    assert.deepEqual(closed.problem, { kind: 'status', status: 404 });
  });

  it('waits for a page no longer than the timeout, even when it never answers or stops mid-page', async () => {
    const slow = path.join(dir, 'websites/slow.yaml');
    for (const route of ['hang/', 'stall/']) {
      const text = readFileSync(slow, 'utf8').replace(/url: (\S+)/, `url: $1${route}`);
      const started = Date.now();
      const result = await probeRecords([slow], { ...options(), evidence: false, texts: new Map([[slow, text]]) });
      assert.deepEqual(result.records[0].site!.homepage.problem, { kind: 'failed', reason: 'timeout', code: undefined }, route);
      assert.ok(Date.now() - started < 5000, `${route} took ${Date.now() - started} ms`);
    }
  });
});
