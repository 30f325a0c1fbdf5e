// monitor over a simulated week (the clock jumps from slot to slot) against the fixture web's outage
// schedule: the probe counts and failures equal the ones the schedule implies (test/fixtures/web/
// manifest.yaml, worked out by hand); stopped and restarted at any point it loses no probe and
// counts none twice; a torn log line is ignored; one monitor per campaign; the finished window is
// written into the records with the log as evidence, and the records' checks follow.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { monitorCampaign, type MonitorOptions } from '../../server/src/core/actions/monitor';
import { httpFetcher, type Fetcher } from '../../server/src/core/probe/fetcher';
import { main } from '../../server/src/cli/main';
import { fixtureCampaign, SimulatedClock, webManifest } from '../web/fixtureCampaign';
import { startFixtureWeb, type FixtureWeb } from '../web/fixtureWeb';

const manifest = webManifest();
const START = Date.parse(manifest.monitor.start);
const MONITORED = Object.keys(manifest.monitor.expected);
const SLOW_MS = 20_000;

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, env: {} });
  return { code, out, err };
}

describe('monitor: a simulated week against the fixture web', function () {
  this.timeout(120_000);
  let web: FixtureWeb;
  let clock: SimulatedClock;
  let dir: string;
  const siteOf = (url: string) => Object.keys(web.origins).find((s) => url.startsWith(web.origins[s]))!;
  /** The real fetcher; an answer during a `slow` outage is reported as taking 20 s (the server answers at once). */
  const fetcherFor = (c: SimulatedClock): Fetcher => {
    const real = httpFetcher(c);
    return async (req) => {
      const outcome = await real(req);
      return web.outageAt(siteOf(req.url), c.now()) === 'slow' && outcome.ok ? { ...outcome, elapsedMs: SLOW_MS } : outcome;
    };
  };
  const options = (c: SimulatedClock, extra: Partial<MonitorOptions> = {}): MonitorOptions => ({ locale: 'zh-cn', mode: 'run', clock: c, fetcher: fetcherFor(c), ...extra });

  beforeEach(async () => {
    clock = new SimulatedClock(START);
    web = await startFixtureWeb({ now: () => clock.now(), only: ['portal', 'trs', 'county', 'hanweb', 'tls'] });
    dir = fixtureCampaign(web, (r) => MONITORED.includes(r));
  });
  afterEach(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the probes and failures the outage schedule implies, by the profile’s method', async () => {
    const result = await monitorCampaign(dir, options(clock));
    assert.deepEqual(result.problems, []);
    const w = result.window!;
    assert.deepEqual([w.days, w.probesPerDay, w.intervalMs, w.timeoutSeconds, w.ruleId], [7, 20, 72 * 60_000, 15, 'W-V2']);
    const figures = Object.fromEntries(result.sites.map((s) => [path.relative(dir, s.file).split(path.sep).join('/'), { days: 7, probes: s.probes, failures: s.failures }]));
    assert.deepEqual(figures, manifest.monitor.expected);
    assert.ok(result.sites.every((s) => s.complete));
    assert.equal(clock.now(), START + 7 * 24 * 60 * 60_000, 'the run ends when the window does');
  });

  it('stopped mid-slot and started again, loses no probe and counts none twice; a torn line is ignored', async () => {
    const stop = new AbortController();
    // stopped (as by a kill) in slot 37, while the Hanweb site keeps its probe waiting: the other
    // four probes of that slot are logged, Hanweb's is not
    const real = fetcherFor(clock);
    const hanging: Fetcher = async (req) => {
      if (req.url.startsWith(web.origins.hanweb) && !req.url.endsWith('robots.txt') && clock.now() >= START + 37 * 72 * 60_000) {
        await new Promise((resolve) => req.signal!.addEventListener('abort', resolve, { once: true }));
        return { ok: false, reason: 'aborted', elapsedMs: 0 };
      }
      return real(req);
    };
    let logged = 0;
    const onProbe = () => {
      if (++logged === 37 * 5 + 4) stop.abort();
    };
    const stopped = await monitorCampaign(dir, { ...options(clock), fetcher: hanging, onProbe, signal: stop.signal });
    assert.equal(stopped.stopped, true);
    const made = stopped.probesMade;
    assert.equal(made, 37 * 5 + 4);
    assert.equal(Math.floor((clock.now() - START) / (72 * 60_000)), 37, 'stopped within slot 37');
    // the kill also tore a line in one log
    const torn = path.join(dir, 'evidence', 'monitor', `${new URL(web.origins.portal).hostname}_${new URL(web.origins.portal).port}.jsonl`);
    appendFileSync(torn, '{"slot":37,"at":"2021-06-1');
    // started again in the same slot, by a new monitor with its own clock at the same time
    const again = new SimulatedClock(clock.now());
    const result = await monitorCampaign(dir, options(again));
    assert.equal(result.probesMade + made, 140 * 5);
    const figures = Object.fromEntries(result.sites.map((s) => [path.relative(dir, s.file).split(path.sep).join('/'), { days: 7, probes: s.probes, failures: s.failures }]));
    assert.deepEqual(figures, manifest.monitor.expected);
    const portal = result.sites.find((s) => s.file.endsWith('portal.yaml'))!;
    assert.equal(portal.badLines.length, 1);
    for (const s of result.sites) {
      const slots = readFileSync(path.join(dir, s.log), 'utf8').trim().split('\n').map((l) => { try { return (JSON.parse(l) as { slot: number }).slot; } catch { return -1; } }).filter((n) => n >= 0);
      assert.equal(new Set(slots).size, 140, s.log);
      assert.equal(slots.length, 140, `${s.log}: a slot logged twice`);
    }
    // two monitors writing at once (a lock wrongly taken over) log a slot twice: it counts once
    const hanweb = result.sites.find((s) => s.file.endsWith('hanweb.yaml'))!;
    appendFileSync(path.join(dir, hanweb.log), `${JSON.stringify({ slot: 5, at: '2021-06-11T06:00:00+08:00', ok: false, ms: 15000, reason: 'timeout' })}\n`);
    const report = await monitorCampaign(dir, options(again, { mode: 'report' }));
    const h = report.sites.find((s) => s.file.endsWith('hanweb.yaml'))!;
    assert.deepEqual([h.probes, h.failures], [140, 0]);
  });

  it('goes on after a restart later in the window, and says how many slots it missed', async () => {
    await monitorCampaign(dir, options(clock, { mode: 'once' }));
    // the office's machine was off for a day
    clock.ms += 24 * 60 * 60_000;
    const result = await monitorCampaign(dir, options(clock, { mode: 'once' }));
    const hanweb = result.sites.find((s) => s.file.endsWith('hanweb.yaml'))!;
    assert.deepEqual([hanweb.probes, hanweb.slotsPassed, hanweb.complete], [2, 21, false]);
    assert.deepEqual(hanweb.edits, [], 'an unfinished window is not written');
    const report = await monitorCampaign(dir, options(clock, { mode: 'report', write: true }));
    assert.deepEqual(report.sites.map((s) => [s.probes, s.written]), report.sites.map(() => [2, false]));
  });

  it('lets one monitor run per campaign, and takes over the lock of one that has exited', async () => {
    const lock = path.join(dir, 'evidence', 'monitor', 'monitor.lock');
    mkdirSync(path.dirname(lock), { recursive: true });
    // alive (this very process) and beating now, by the simulated clock and the real one alike
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'other', started: '2021-06-11T00:00:00+08:00', heartbeat: Date.now() })}\n`);
    const refused = await monitorCampaign(dir, options(clock, { mode: 'once' }));
    assert.deepEqual(refused.problems.map((p) => p.code), ['IR7006']);
    assert.equal(refused.probesMade, 0);
    const cliRefused = await cli(['monitor', '.', '--once'], dir);
    assert.equal(cliRefused.code, 1);
    assert.match(cliRefused.err, /IR7006 另一个监测程序正在运行（进程 \d+/);
    // a process that has exited leaves its lock behind
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, `${JSON.stringify({ pid: gone, host: os.hostname(), token: 'gone', started: '2021-06-11T00:00:00+08:00', heartbeat: clock.now() })}\n`);
    const taken = await monitorCampaign(dir, options(clock, { mode: 'once' }));
    assert.deepEqual(taken.problems, []);
    assert.equal(taken.probesMade, 5);
    assert.throws(() => readFileSync(lock), /ENOENT/, 'the lock is released');
  });

  it('writes a finished window into the records with the log as evidence; the W-V2 veto follows from it', async () => {
    await monitorCampaign(dir, options(clock));
    const trsFile = path.join(dir, 'websites', 'trs.yaml');
    const before = readFileSync(trsFile, 'utf8');
    const { code, out } = await cli(['monitor', '.', '--report', '--write'], dir);
    assert.equal(code, 0, out);
    assert.match(out, /已写入 5 个记录文件/);
    assert.match(out, /websites\/trs\.yaml {2}南溪市发展和改革委员会 {2}http:\/\/127\.0\.0\.1:\d+\/\n {2}探测 140 次，失败 10 次（7\.1%）；已过 140\/140 个探测时段\n/);
    const trs = parse(readFileSync(trsFile, 'utf8')) as { availability: Record<string, unknown> };
    assert.deepEqual(trs.availability, { days: 7, probes: 140, failures: 10, timeoutSeconds: 15, evidence: { log: `evidence/monitor/127.0.0.1_${new URL(web.origins.trs).port}.jsonl`, seen: '2021-06-17' } });
    assert.ok(readFileSync(trsFile, 'utf8').startsWith(before));
    const check = await cli(['check', '.', '--format', 'json'], dir);
    const vetoes = (JSON.parse(check.out) as { diagnostics?: unknown } & { code: string; file: string }[]);
    const list = Array.isArray(vetoes) ? vetoes : ((vetoes as { diagnostics: { code: string; file: string }[] }).diagnostics ?? []);
    const w2 = list.filter((d) => d.code === 'W-V2').map((d) => d.file).sort();
    // 10/140 = 7.1 % and 140/140 fail the 5 % line; 3, 1 and 0 failures do not
    assert.deepEqual(w2, ['websites/tls.yaml', 'websites/trs.yaml']);
    // a second summary of the same log changes nothing; an inspector's own figures are a conflict
    const again = await cli(['monitor', '.', '--report', '--write'], dir);
    assert.match(again.out, /已写入 0 个记录文件/);
    const portalFile = path.join(dir, 'websites', 'portal.yaml');
    writeFileSync(portalFile, readFileSync(portalFile, 'utf8').replace(/availability:\n(  .*\n)+/, 'availability: { days: 7, probes: 150, failures: 1 }\n'));
    const conflict = await cli(['monitor', '.', '--report', '--write'], dir);
    assert.equal(conflict.code, 1);
    assert.match(conflict.out, /! 首页可用性监测 探测次数：记录为 150，网页显示 140（冲突，未修改）/);
  });
});
