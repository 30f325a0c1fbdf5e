// `inspection-records probe <record.yaml…|folder|url>`: a thin adapter over core/actions/probe —
// arguments in, the proposals as a diff (or JSON) out, exit code 0/1/2.
import * as path from 'node:path';
import {
  changeText,
  observationLines,
  PROBE_DEFAULTS,
  probeAddress,
  probeRecords,
  recordFilesOf,
  tp,
  type ProbedRecord,
  type ProbeOptions,
  type ProbeResult,
} from '../core/actions/probe';
import { Severity, type Locale } from '../core/model';
import { EXIT, parseCommandArgs, UsageError, type CliContext } from './args';
import { diagnosticJson, displayPath, formatDiagnosticLine } from './format';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return tp(locale, 'cli.probe.summary');
}

const OPTIONS = {
  write: { type: 'boolean' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  delay: { type: 'string' },
  'ignore-robots': { type: 'boolean' },
  'max-links': { type: 'string' },
  'no-evidence': { type: 'boolean' },
} as const;

/** A positive number option, or undefined when absent; a usage error otherwise. */
export function numberOption(values: Record<string, unknown>, name: string, locale: Locale, integer = false): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)) || (n === 0 && name !== 'delay')) {
    throw new UsageError(tp(locale, 'cli.probe.badNumber', { option: `--${name}`, value: String(raw) }));
  }
  return n;
}

/** Runs `probe`. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const { ctx, positionals, values, help } = parseCommandArgs(args, baseCtx, OPTIONS);
  const { locale, cwd } = ctx;
  if (help) {
    ctx.stdout(`${tp(locale, 'cli.probe.usage', { concurrency: PROBE_DEFAULTS.concurrency, delay: PROBE_DEFAULTS.hostIntervalMs, maxLinks: PROBE_DEFAULTS.maxLinkChecks })}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError(tp(locale, 'cli.probe.noTargets'));
  const options: ProbeOptions = {
    locale,
    write: values.write === true,
    evidence: values['no-evidence'] !== true,
    timeoutSeconds: numberOption(values, 'timeout', locale),
    concurrency: numberOption(values, 'concurrency', locale, true),
    hostIntervalMs: numberOption(values, 'delay', locale),
    maxLinkChecks: numberOption(values, 'max-links', locale, true),
    ignoreRobots: values['ignore-robots'] === true,
  };
  const addresses = positionals.filter((p) => /^https?:\/\//i.test(p));
  const paths = positionals.filter((p) => !/^https?:\/\//i.test(p)).map((p) => path.resolve(cwd, p));
  const { files, missing } = await recordFilesOf(paths, locale);
  if (missing.length > 0) {
    for (const m of missing) ctx.stderr(`${displayPath(m, cwd)}: ${tp(locale, 'cli.probe.pathNotFound')}\n`);
    return EXIT.usage;
  }
  if (files.length === 0 && addresses.length === 0) {
    ctx.stderr(`${tp(locale, 'cli.probe.noRecords', { folder: paths.map((p) => displayPath(p, cwd)).join(' ') })}\n`);
    return EXIT.usage;
  }
  const results: ProbeResult[] = [];
  if (files.length > 0) results.push(await probeRecords(files, options));
  for (const a of addresses) results.push(await probeAddress(a, cwd, options));
  const records = results.flatMap((r) => r.records);
  const elapsedMs = results.reduce((s, r) => s + r.elapsedMs, 0);
  if (ctx.format === 'json') ctx.stdout(`${JSON.stringify({ records: records.map((r) => recordJson(r, cwd)), elapsedMs }, null, 2)}\n`);
  else printText(records, elapsedMs, options, ctx);
  const failed = records.some(
    (r) => r.problems.some((p) => p.severity === Severity.Error) || r.proposal?.changes.some((c) => c.status === 'conflict') || (r.site?.homepage.problem && r.site.homepage.problem.kind !== 'undated'),
  );
  return failed ? EXIT.problems : EXIT.ok;
}

function printText(records: ProbedRecord[], elapsedMs: number, options: ProbeOptions, ctx: CliContext): void {
  const { locale, cwd } = ctx;
  const out = (s: string) => ctx.stdout(`${s}\n`);
  let [added, same, conflicts, unreachable, dead] = [0, 0, 0, 0, 0];
  for (const r of records) {
    for (const p of r.problems) ctx.stderr(`${formatDiagnosticLine({ file: r.file ?? r.root, diagnostic: p }, cwd, locale)}\n`);
    if (!r.site) continue;
    const site = r.site;
    out(tp(locale, 'report.record', { file: r.file ? displayPath(r.file, cwd) : '—', name: r.name ?? '', url: r.url ?? site.url }).trimEnd());
    if (site.asOf !== site.readOn) out(tp(locale, 'report.asOf', { asOf: site.asOf, readOn: site.readOn }));
    if (site.homepage.problem && site.homepage.problem.kind !== 'undated') unreachable++;
    for (const c of r.proposal?.changes ?? []) {
      if (c.status === 'add') added++;
      else if (c.status === 'same') same++;
      else if (c.status === 'conflict') conflicts++;
      out(`  ${changeText(c, locale)}`);
      if (c.status === 'add' && c.evidence) {
        if (c.evidence.url) out(`  ${tp(locale, 'change.evidence', { url: c.evidence.url, seen: c.evidence.seen })}`);
        if (c.evidence.snapshot) out(`  ${tp(locale, 'change.snapshot', { snapshot: c.evidence.snapshot })}`);
      }
    }
    for (const n of r.proposal?.newItems ?? []) {
      added++;
      const item = n.item as Record<string, unknown>;
      const facts = item.blank === true ? `${tp(locale, 'field.blank')}` : `${tp(locale, 'field.lastUpdate')} ${String(item.lastUpdate)}`;
      out(`  ${tp(locale, 'change.newColumn', { name: String(item.name), category: String(item.category ?? ''), level: String(item.level ?? ''), facts })}`);
      if (n.evidence?.url) out(`  ${tp(locale, 'change.evidence', { url: n.evidence.url, seen: n.evidence.seen })}`);
    }
    if ((r.proposal?.newItems.length ?? 0) > 0) out(`  ${tp(locale, 'change.newColumnGuess')}`);
    for (const line of observationLines(site, locale, r.timeoutSeconds)) out(line);
    dead += site.deadLinks.length;
    if (r.snapshotFolder) out(tp(locale, 'report.snapshots', { folder: displayPath(r.snapshotFolder, cwd), count: r.snapshots }));
    if (r.written) out(tp(locale, 'report.written'));
    out('');
  }
  out(tp(locale, 'report.summary', { records: records.length, added, same, conflicts, unreachable, dead, seconds: (elapsedMs / 1000).toFixed(1) }));
  const written = records.filter((r) => r.written).length;
  if (options.write) out(tp(locale, 'report.writtenCount', { count: written }));
  else if (added > 0 && records.some((r) => r.file)) out(tp(locale, 'report.hintWrite'));
}

function recordJson(r: ProbedRecord, cwd: string): unknown {
  const site = r.site;
  return {
    file: r.file ? displayPath(r.file, cwd) : undefined,
    name: r.name,
    url: r.url ?? site?.url,
    problems: r.problems.map((p) => diagnosticJson({ file: r.file ?? r.root, diagnostic: p }, cwd)),
    readOn: site?.readOn,
    asOf: site?.asOf,
    homepage: site ? { url: site.homepage.page.url, redirects: site.homepage.page.redirects, lastUpdate: site.homepage.lastUpdate, problem: site.homepage.problem } : undefined,
    changes: r.proposal?.changes.map((c) => ({ path: [...c.parent, c.key].join('.'), status: c.status, value: c.value, recorded: c.recorded, evidence: c.evidence })),
    newColumns: r.proposal?.newItems.map((n) => n.item),
    columns: site?.columns.map((c) => ({ name: c.name, url: c.url, level: c.level, category: c.category, lastUpdate: c.lastUpdate, blank: c.blank, pagesRead: c.pagesRead, problem: c.problem })),
    deadLinks: site?.deadLinks,
    externalLinks: site?.externalLinks,
    snapshots: r.snapshotFolder ? displayPath(r.snapshotFolder, cwd) : undefined,
    written: r.written,
  };
}
