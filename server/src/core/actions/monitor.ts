// The `monitor` operation: availability probes of every website of a campaign over the window the
// indicator profile defines (W-V2 nationally: 7 days, 20 probes a day, 15 s), one probe per site per
// slot, each appended to the site's log as it completes. `run` probes until the window ends (and can
// be stopped and started again at any time: it goes on from the logs); `once` probes the current
// slot and returns (for a scheduled task); `report` only reads the logs. Each site's log is then
// summarised into availability facts proposed to its record, with the log named as evidence; a
// window not yet over is reported, never written.
import * as path from 'node:path';
import bundle from '../../../../l10n/messages/monitor.json';
import { isCampaignFolder, loadCampaignConfig, scanCampaign } from '../campaign/campaignFolder';

import { catalogue } from '../l10n';
import { Severity, type CoreDiagnostic, type Locale, type Range } from '../model';
import { availabilityMethod } from '../probe/availability';
import { chinaDate, chinaTimestamp, systemClock, type Clock } from '../probe/clock';
import { Crawler } from '../probe/crawler';
import { portablePath, siteSlug } from '../probe/evidenceStore';
import { httpFetcher, type Fetcher } from '../probe/fetcher';
import {
  acquireLock,
  appendEntry,
  MONITOR_FOLDER,
  openWindow,
  readLog,
  readWindow,
  slotAt,
  slotCount,
  tally,
  type LockInfo,
  type MonitorWindow,
  type ProbeEntry,
} from '../probe/monitorLog';
import { PROBE_CODES } from '../codes';
import settings from '../probe/probeSettings.json';
import { compareFact, proposalEdits, type EvidenceRef, type ProposalEdit, type RecordProposal } from '../probe/proposals';
import { loadProfile } from '../rules/profile';
import { syntaxDiagnostics } from '../validate/yamlSyntax';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import { writeRecord, type ProbedRecord } from './probe';

export { isCampaignFolder };
import { version } from '../../../../package.json';

export const tm = catalogue(bundle);
export type { MonitorWindow, ProbeEntry, LockInfo } from '../probe/monitorLog';

export type MonitorMode = 'run' | 'once' | 'report';

export interface MonitorOptions {
  locale: Locale;
  mode: MonitorMode;
  /** Write the summaries of finished windows into the records. */
  write?: boolean;
  ignoreRobots?: boolean;
  concurrency?: number;
  clock?: Clock;
  fetcher?: Fetcher;
  /** Stops the run (the probes finished so far are kept). */
  signal?: AbortSignal;
  /** Called after each probe is logged (progress). */
  onProbe?(site: MonitoredSite, entry: ProbeEntry): void;
  /** Called after each slot's probes. */
  onSlot?(slot: number, window: MonitorWindow, at: string): void;
}

export interface MonitoredSite {
  file: string;
  name?: string;
  url: string;
  /** The site's log, relative to the campaign folder. */
  log: string;
  probes: number;
  failures: number;
  /** Lines of the log that could not be read (torn by a kill). */
  badLines: number[];
  /** Slots of the window that have passed, and whether all have. */
  slotsPassed: number;
  complete: boolean;
  skippedByRobots: boolean;
  proposal?: RecordProposal;
  edits: ProposalEdit[];
  text?: string;
  written: boolean;
  problems: CoreDiagnostic[];
}

export interface MonitorResult {
  root: string;
  window?: MonitorWindow;
  /** The window was created by this run. */
  started: boolean;
  sites: MonitoredSite[];
  /** Problems of the campaign (no method in the profile, the lock held by another monitor). */
  problems: CoreDiagnostic[];
  lockedBy?: LockInfo;
  /** Probes made by this run. */
  probesMade: number;
  /** The run was stopped before the window ended. */
  stopped: boolean;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problem(code: string, message: string, range: Range = START): CoreDiagnostic {
  return { range, severity: Severity.Error, code, message, source: 'io' };
}

/** Monitors (or reports on) the websites of the campaign at `root`. */
export async function monitorCampaign(root: string, options: MonitorOptions): Promise<MonitorResult> {
  const { locale } = options;
  const clock = options.clock ?? systemClock;
  const result: MonitorResult = { root, started: false, sites: [], problems: [], probesMade: 0, stopped: false };
  const loaded = await loadSites(root, locale);
  result.sites = loaded.sites;
  const parsedOf = loaded.parsed;

  let window = await readWindow(root);
  if (options.mode !== 'report') {
    const config = await loadCampaignConfig(root, locale);
    const ref = config.config?.profile ?? 'national-2019';
    const { profile, problems } = loadProfile(ref, root, { locale, containment: { root, allowed: [] } });
    if (!profile) {
      result.problems.push(problem(PROBE_CODES.noMethod, tm(locale, 'monitor.profileProblem', { message: problems[0]?.diagnostic.message ?? ref })));
      return result;
    }
    const method = availabilityMethod(profile);
    if ('missing' in method) {
      result.problems.push(problem(PROBE_CODES.noMethod, tm(locale, 'monitor.noMethod', { profile: profile.id, missing: method.missing.join(', ') })));
      return result;
    }
    // a monitor gone silent for two intervals is gone
    const lock = await acquireLock(root, clock.now(), Math.max(2 * method.intervalMs, 10 * 60_000));
    if ('heldBy' in lock) {
      result.lockedBy = lock.heldBy;
      result.problems.push(problem(PROBE_CODES.locked, tm(locale, 'monitor.locked', { pid: lock.heldBy.pid, host: lock.heldBy.host, since: lock.heldBy.started })));
    } else {
      try {
        const opened = await openWindow(root, method, profile.id, clock.now());
        window = opened.window;
        result.started = opened.created;
        await probeWindow(result, window, clock, options, lock.held.beat);
      } finally {
        await lock.held.release();
      }
    }
  }
  result.window = window;
  if (window) await summarise(result, window, parsedOf, clock, options);
  return result;
}

async function loadSites(root: string, locale: Locale): Promise<{ sites: MonitoredSite[]; parsed: Map<MonitoredSite, ParsedYaml> }> {
  const scan = await scanCampaign(root, locale);
  const sites: MonitoredSite[] = [];
  const parsed = new Map<MonitoredSite, ParsedYaml>();
  for (const f of scan.files) {
    if (f.kind !== 'website' || f.read.text === undefined) continue;
    const p = parseYaml(f.read.text);
    const value = p.value as Record<string, unknown> | null;
    const url = value?.url;
    const base = { file: f.path, name: typeof value?.name === 'string' ? value.name : undefined, probes: 0, failures: 0, badLines: [], slotsPassed: 0, complete: false, skippedByRobots: false, edits: [], written: false };
    if (syntaxDiagnostics(p, locale).some((d) => d.severity === Severity.Error) || typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
      // shown, not monitored: no address (or a record that cannot be read safely)
      sites.push({ ...base, url: '', log: '', problems: [problem(PROBE_CODES.noUrl, tm(locale, 'monitor.noUrl'), p.rangeOf(['url']))] });
      continue;
    }
    const site: MonitoredSite = { ...base, url, log: portablePath(path.join(MONITOR_FOLDER, `${siteSlug(url)}.jsonl`)), problems: [], text: f.read.text };
    sites.push(site);
    parsed.set(site, p);
  }
  return { sites, parsed };
}

/** Probes each slot of the window not yet probed, until the window ends (`run`) or once (`once`). */
async function probeWindow(result: MonitorResult, window: MonitorWindow, clock: Clock, options: MonitorOptions, beat: (now: number) => Promise<void>): Promise<void> {
  const sites = result.sites.filter((s) => s.log);
  const crawler = new Crawler(
    {
      concurrency: options.concurrency ?? settings.concurrency,
      hostIntervalMs: 0,
      maxCrawlDelaySeconds: settings.maxCrawlDelaySeconds,
      timeoutMs: window.timeoutSeconds * 1000,
      maxBytes: settings.maxBytes,
      maxRedirects: settings.maxRedirects,
      ignoreRobots: options.ignoreRobots === true,
      userAgent: `inspection-records/${version}`,
      robotsAgent: settings.robotsAgent,
    },
    options.fetcher ?? httpFetcher(clock),
    clock,
    options.signal,
  );
  const total = slotCount(window);
  for (;;) {
    if (options.signal?.aborted) {
      result.stopped = true;
      return;
    }
    const slot = slotAt(window, clock.now());
    if (slot >= total) return;
    if (slot >= 0) {
      await Promise.all(
        sites.map(async (site) => {
          const file = path.join(result.root, site.log);
          const log = await readLog(file);
          if (log.entries.some((e) => e.slot === slot)) return;
          const entry = await probeOnce(site.url, slot, window, crawler, clock);
          // a probe cut short by the stop is no probe (one that finished is kept)
          if (entry.reason === 'aborted') return;
          await appendEntry(file, entry);
          result.probesMade++;
          options.onProbe?.(site, entry);
        }),
      );
      options.onSlot?.(slot, window, chinaTimestamp(clock.now()));
    }
    if (options.signal?.aborted) {
      result.stopped = true;
      return;
    }
    if (options.mode === 'once') return;
    await beat(clock.now());
    const next = window.start + (slot + 1) * window.intervalMs;
    await clock.sleep(next - clock.now(), options.signal);
  }
}

/** One availability probe: the homepage (redirects followed) open within the timeout. */
async function probeOnce(url: string, slot: number, window: MonitorWindow, crawler: Crawler, clock: Clock): Promise<ProbeEntry> {
  const at = clock.now();
  const page = await crawler.get(url);
  const base = { slot, at: chinaTimestamp(at), ms: Math.round(page.elapsedMs) };
  if (page.outcome === 'robots') return { ...base, ok: false, skipped: 'robots' };
  if (page.outcome === 'failed') return { ...base, ok: false, reason: page.failure!.reason, code: page.failure!.code };
  if (page.outcome === 'too-many-redirects') return { ...base, ok: false, reason: 'redirects', status: page.status };
  if ((page.status ?? 0) >= 400) return { ...base, ok: false, reason: 'status', status: page.status };
  // the page came, but later than a visitor waits: a failed probe (W-V2: not open at 15 s)
  if (page.elapsedMs >= window.timeoutSeconds * 1000) return { ...base, ok: false, reason: 'slow', status: page.status };
  return { ...base, ok: true, status: page.status };
}

/** Each site's log in figures, and the availability facts it proposes to the record. */
async function summarise(result: MonitorResult, window: MonitorWindow, parsedOf: Map<MonitoredSite, ParsedYaml>, clock: Clock, options: MonitorOptions): Promise<void> {
  const total = slotCount(window);
  const passed = Math.max(0, Math.min(total, slotAt(window, clock.now()) + 1));
  for (const site of result.sites) {
    const parsed = parsedOf.get(site);
    if (!parsed) continue;
    const log = await readLog(path.join(result.root, site.log));
    const { probes, failures } = tally(log, window);
    Object.assign(site, { probes, failures, badLines: log.badLines, slotsPassed: passed, complete: passed >= total });
    site.skippedByRobots = log.entries.some((e) => e.skipped === 'robots');
    if (log.entries.length === 0) continue;
    const last = log.entries[log.entries.length - 1];
    const evidence: EvidenceRef = { log: site.log, seen: chinaDate(Date.parse(last.at)) };
    const days = site.complete ? window.days : Math.ceil(passed / window.probesPerDay);
    const facts: [string, number][] = [['days', days], ['probes', probes], ['failures', failures], ['timeoutSeconds', window.timeoutSeconds]];
    const record = parsed.value as Record<string, unknown>;
    const availability = record.availability as Record<string, unknown> | undefined;
    const ownLog = (availability?.evidence as Record<string, unknown> | undefined)?.log === site.log;
    const changes = facts.map(([key, value]) => {
      const c = compareFact(record, ['availability'], key, value, { kind: 'availability' }, evidence);
      // figures summarised from this same log before: summarising again may change them
      return c.status === 'conflict' && ownLog ? { ...c, status: 'refresh' as const } : c;
    });
    site.proposal = { changes, newItems: [] };
    site.edits = site.complete ? proposalEdits(parsed, site.proposal) : [];
    if (options.write && site.complete && site.edits.length > 0) {
      const record: ProbedRecord = { file: site.file, root: result.root, problems: site.problems, proposal: site.proposal, edits: site.edits, snapshots: 0, written: false };
      await writeRecord(record, parsed, options.locale);
      site.written = record.written;
    }
  }
}

