// `inspection-records monitor <campaign> [--once|--report] [--write]`: a thin adapter over
// core/actions/monitor — arguments in, progress and each site's figures (or JSON) out, exit 0/1/2.
// Ctrl+C stops a long run cleanly: the probes made so far stay in the logs.
import * as path from 'node:path';
import { isCampaignFolder, monitorCampaign, tm, type MonitoredSite, type MonitorMode, type MonitorResult } from '../core/actions/monitor';
import { tp } from '../core/actions/probe';
import { Severity, type Locale } from '../core/model';
import { EXIT, parseCommandArgs, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine } from './format';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return tm(locale, 'cli.monitor.summary');
}

const OPTIONS = {
  once: { type: 'boolean' },
  report: { type: 'boolean' },
  write: { type: 'boolean' },
  'ignore-robots': { type: 'boolean' },
} as const;

/** Runs `monitor`. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, values, help } = parseCommandArgs(args, baseCtx, OPTIONS);
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${tm(locale, 'cli.monitor.usage')}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(tm(locale, 'cli.monitor.oneCampaign'));
  if (values.once && values.report) throw new UsageError(tm(locale, 'cli.monitor.modes'));
  const root = path.resolve(cwd, positionals[0]);
  if (!(await isCampaignFolder(root))) {
    ctx.stderr(`${tm(locale, 'cli.monitor.noCampaign', { folder: displayPath(root, cwd) })}\n`);
    return EXIT.usage;
  }
  const mode: MonitorMode = values.report ? 'report' : values.once ? 'once' : 'run';
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  if (mode === 'run') process.once('SIGINT', onSigint);
  const text = ctx.format === 'text';
  let failedThisSlot = 0;
  let sitesThisSlot = 0;
  let result: MonitorResult;
  try {
    result = await monitorCampaign(root, {
      locale,
      mode,
      write: values.write === true,
      ignoreRobots: values['ignore-robots'] === true,
      signal: stop.signal,
      onProbe: (_site, entry) => {
        sitesThisSlot++;
        if (!entry.ok && !entry.skipped) failedThisSlot++;
      },
      onSlot: (slot, window, at) => {
        if (text && sitesThisSlot > 0) {
          ctx.stdout(`${tm(locale, 'monitor.progress', { slot: slot + 1, total: window.days * window.probesPerDay, at, sites: sitesThisSlot, failed: failedThisSlot })}\n`);
        }
        sitesThisSlot = 0;
        failedThisSlot = 0;
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  for (const p of result.problems) ctx.stderr(`${formatDiagnosticLine({ file: path.join(root, 'campaign.yaml'), diagnostic: p }, cwd, locale)}\n`);
  for (const s of result.sites) for (const p of s.problems) ctx.stderr(`${formatDiagnosticLine({ file: s.file, diagnostic: p }, cwd, locale)}\n`);
  if (ctx.format === 'json') ctx.stdout(`${JSON.stringify(resultJson(result, cwd), null, 2)}\n`);
  else printText(result, values.write === true, ctx);
  const failed =
    result.problems.length > 0 ||
    result.sites.some((s) => s.problems.some((p) => p.severity === Severity.Error) || s.proposal?.changes.some((c) => c.status === 'conflict'));
  return failed ? EXIT.problems : EXIT.ok;
}

function printText(result: MonitorResult, write: boolean, ctx: CliContext): void {
  const { locale, cwd } = ctx;
  const out = (s: string) => ctx.stdout(`${s}\n`);
  const w = result.window;
  if (!w) {
    if (result.problems.length === 0) out(tm(locale, 'monitor.notStarted'));
    return;
  }
  out(tm(locale, 'monitor.window', { start: w.startText, days: w.days, perDay: w.probesPerDay, minutes: Math.round(w.intervalMs / 60_000), timeout: w.timeoutSeconds, profile: w.profile, rule: w.ruleId }));
  out('');
  const total = w.days * w.probesPerDay;
  for (const s of result.sites.filter((x) => x.log)) {
    out(tm(locale, 'monitor.site', { file: displayPath(s.file, cwd), name: s.name ?? '', url: s.url }).trimEnd());
    const rate = s.probes > 0 ? `${((100 * s.failures) / s.probes).toFixed(1)}%` : '—';
    out(tm(locale, 'monitor.figures', { probes: s.probes, failures: s.failures, rate, passed: s.slotsPassed, total }));
    const missed = s.slotsPassed - s.probes;
    if (missed > 0 && !s.skippedByRobots) out(tm(locale, 'monitor.missed', { missed }));
    if (s.badLines.length > 0) out(tm(locale, 'monitor.badLines', { count: s.badLines.length, lines: s.badLines.join(', ') }));
    if (s.skippedByRobots) out(tm(locale, 'monitor.robots'));
    for (const c of s.proposal?.changes ?? []) out(`  ${changeLine(c.status, c.key, c.value, c.recorded, locale)}`);
    out(tm(locale, 'monitor.log', { log: s.log }));
    if (!s.complete) out(tm(locale, 'monitor.incomplete'));
    if (s.written) out(tm(locale, 'monitor.written'));
    out('');
  }
  const complete = result.sites.some((s) => s.complete);
  out(tm(locale, 'monitor.summary', { sites: result.sites.filter((s) => s.log).length, made: result.probesMade, complete: tm(locale, complete ? 'monitor.complete' : 'monitor.running') }));
  if (result.stopped) out(tm(locale, 'monitor.stopped'));
  if (write) out(tm(locale, 'monitor.writtenCount', { count: result.sites.filter((s) => s.written).length }));
  else if (complete) out(tp(locale, 'report.hintWrite'));
  else out(tm(locale, 'monitor.hintWrite'));
}

function changeLine(status: string, key: string, value: unknown, recorded: unknown, locale: Locale): string {
  return tp(locale, `change.${status}` as Parameters<typeof tp>[1], {
    subject: tp(locale, 'subject.availability'),
    field: tp(locale, `field.${key}` as Parameters<typeof tp>[1]),
    value: String(value),
    recorded: String(recorded),
  });
}

function siteJson(s: MonitoredSite, cwd: string): unknown {
  return {
    file: displayPath(s.file, cwd),
    name: s.name,
    url: s.url,
    log: s.log,
    probes: s.probes,
    failures: s.failures,
    slotsPassed: s.slotsPassed,
    complete: s.complete,
    badLines: s.badLines,
    skippedByRobots: s.skippedByRobots,
    changes: s.proposal?.changes.map((c) => ({ path: [...c.parent, c.key].join('.'), status: c.status, value: c.value, recorded: c.recorded, evidence: c.evidence })),
    written: s.written,
    problems: s.problems.map((p) => diagnosticJson({ file: s.file, diagnostic: p }, cwd)),
  };
}

function resultJson(r: MonitorResult, cwd: string): unknown {
  return { window: r.window, started: r.started, probesMade: r.probesMade, stopped: r.stopped, lockedBy: r.lockedBy, sites: r.sites.map((s) => siteJson(s, cwd)), problems: r.problems.map((p) => diagnosticJson({ file: path.join(r.root, 'campaign.yaml'), diagnostic: p }, cwd)) };
}
