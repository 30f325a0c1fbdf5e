// The `probe` operation: record files (or the records of a folder, or a bare address) in; for each,
// the facts its site shows compared with what it says (proposals), the observations that are no
// record facts (dead links, links leaving the site, a certificate or connection problem), the page
// snapshots saved as evidence, and the text edits that would apply the proposals. With `write`, the
// edits are applied to each record file atomically, but only if the file is still as it was read.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findCampaignRoot, loadCampaignConfig, scanCampaign } from '../campaign/campaignFolder';
import { writeFileAtomic } from '../io/atomicWrite';
import { fileErrorMessage } from '../io/fileErrors';
import { readUserText } from '../io/readText';
import { Severity, type CoreDiagnostic, type Locale, type NodePath, type Range, type RecordKind } from '../model';
import { availabilityMethod } from '../probe/availability';
import { systemClock, type Clock } from '../probe/clock';
import { Crawler, type CrawlSettings } from '../probe/crawler';
import { saveSnapshots } from '../probe/evidenceStore';
import { httpFetcher, type Fetcher } from '../probe/fetcher';
import { PROBE_CODES } from '../codes';
import settings from '../probe/probeSettings.json';
import { proposalEdits, proposeSiteFacts, type ProposalEdit, type RecordProposal } from '../probe/proposals';
import { probeSite, type FetchedPage, type SiteProbe } from '../probe/siteProbe';
import { tp } from '../probe/probeText';
import { loadProfile } from '../rules/profile';
import { syntaxDiagnostics } from '../validate/yamlSyntax';
import { applyEdits } from '../yaml/yamlPatch';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import { version } from '../../../../package.json';

export { tp, changeText, problemText, observationLines } from '../probe/probeText';
export { PROBE_CODES };
export type { FactChange, NewItem, RecordProposal, EvidenceRef, FactSubject, ProposalEdit } from '../probe/proposals';
export type { ColumnProbe, DeadLink, ExternalLinks, PageProblem, SiteProbe, FetchedPage } from '../probe/siteProbe';
export type { TextEdit } from '../yaml/yamlPatch';
export type { Clock } from '../probe/clock';
export type { Fetcher, FetchOutcome, FetchRequest } from '../probe/fetcher';

/** Defaults of the probe's politeness and limits (probeSettings.json). */
export const PROBE_DEFAULTS = { concurrency: settings.concurrency, hostIntervalMs: settings.hostIntervalMs, maxLinkChecks: settings.maxLinkChecks };

export interface ProbeOptions {
  locale: Locale;
  /** Apply the proposals to the record files. */
  write?: boolean;
  /** Save page snapshots (default true). */
  evidence?: boolean;
  /** Seconds to wait for a page; default: the profile's availability timeout. */
  timeoutSeconds?: number;
  concurrency?: number;
  hostIntervalMs?: number;
  ignoreRobots?: boolean;
  maxLinkChecks?: number;
  clock?: Clock;
  fetcher?: Fetcher;
  signal?: AbortSignal;
  /** Unsaved editor texts by absolute path: a record is probed (and edited) as the editor shows it. */
  texts?: ReadonlyMap<string, string>;
}

export interface ProbedRecord {
  /** The record file (absolute), or undefined for a bare address. */
  file?: string;
  /** The folder evidence paths are relative to: the campaign folder (else the record's folder). */
  root: string;
  kind?: RecordKind;
  name?: string;
  url?: string;
  /** Problems of the record itself (no url, broken YAML, a write refused). */
  problems: CoreDiagnostic[];
  site?: SiteProbe;
  proposal?: RecordProposal;
  /** Edits of `text` that apply the proposal, each with the facts it writes. */
  edits: ProposalEdit[];
  text?: string;
  /** Seconds each page was waited for. */
  timeoutSeconds?: number;
  snapshotFolder?: string;
  snapshots: number;
  written: boolean;
}

export interface ProbeResult {
  records: ProbedRecord[];
  elapsedMs: number;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function problem(code: string, message: string, range: Range = START, severity = Severity.Error): CoreDiagnostic {
  return { range, severity, code, message, source: 'io' };
}

/** The record files among `paths`: files as given, folders scanned for website and media records. */
export async function recordFilesOf(paths: string[], locale: Locale): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) missing.push(p);
    else if (st.isFile()) files.push(path.resolve(p));
    else {
      const scan = await scanCampaign(p, locale);
      for (const f of scan.files) if (f.kind === 'website' || f.kind === 'media') files.push(f.path);
    }
  }
  return { files: [...new Set(files)], missing };
}

/** Probes the records of `files` (absolute paths of record files). */
export async function probeRecords(files: string[], options: ProbeOptions): Promise<ProbeResult> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const loaded = await Promise.all(files.map((f) => loadRecord(f, options)));
  const timeouts = new Map<string, Promise<number | CoreDiagnostic>>();
  const timeoutOf = (root: string) => {
    let t = timeouts.get(root);
    if (!t) timeouts.set(root, (t = timeoutFor(root, options)));
    return t;
  };
  const crawlers = new Map<number, Crawler>();
  const crawlerFor = (timeoutSeconds: number): Crawler => {
    let c = crawlers.get(timeoutSeconds);
    if (!c) crawlers.set(timeoutSeconds, (c = new Crawler(crawlSettings(options, timeoutSeconds), options.fetcher ?? httpFetcher(clock), clock, options.signal)));
    return c;
  };
  // as many sites at once as requests may run at once: each site's pages are read one after the
  // other anyway (politeness), and a site in progress holds its parsed pages in memory
  const workers = Math.max(1, options.concurrency ?? settings.concurrency);
  let next = 0;
  const work = async (): Promise<void> => {
    for (let i = next++; i < loaded.length; i = next++) {
      const r = loaded[i];
      if (!r.parsed || r.problems.some((p) => p.severity === Severity.Error)) continue;
      const timeout = await timeoutOf(r.record.root);
      if (typeof timeout !== 'number') {
        r.record.problems.push(timeout);
        continue;
      }
      r.record.timeoutSeconds = timeout;
      await probeOne(r.record, r.parsed, crawlerFor(timeout), options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, loaded.length) }, work));
  return { records: loaded.map((r) => r.record), elapsedMs: clock.now() - started };
}

/** Probes a bare address (a website, or with `kind: 'media'` an account's public page). */
export async function probeAddress(url: string, cwd: string, options: ProbeOptions & { kind?: RecordKind }): Promise<ProbeResult> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const root = (await findCampaignRoot(cwd)) ?? cwd;
  const record: ProbedRecord = { root, kind: options.kind ?? 'website', url, problems: [], edits: [], snapshots: 0, written: false };
  const timeout = await timeoutFor(root, options);
  if (typeof timeout !== 'number') record.problems.push(timeout);
  else {
    record.timeoutSeconds = timeout;
    const crawler = new Crawler(crawlSettings(options, timeout), options.fetcher ?? httpFetcher(clock), clock, options.signal);
    await probeOne(record, parseYaml(`kind: ${record.kind}\n`), crawler, { ...options, write: false });
  }
  return { records: [record], elapsedMs: clock.now() - started };
}

function crawlSettings(options: ProbeOptions, timeoutSeconds: number): CrawlSettings {
  return {
    concurrency: options.concurrency ?? settings.concurrency,
    hostIntervalMs: options.hostIntervalMs ?? settings.hostIntervalMs,
    maxCrawlDelaySeconds: settings.maxCrawlDelaySeconds,
    timeoutMs: timeoutSeconds * 1000,
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    ignoreRobots: options.ignoreRobots === true,
    userAgent: `inspection-records/${version}`,
    robotsAgent: settings.robotsAgent,
  };
}

/** The page timeout: the option, else the availability timeout of the campaign's profile. */
async function timeoutFor(root: string, options: ProbeOptions): Promise<number | CoreDiagnostic> {
  if (options.timeoutSeconds !== undefined) return options.timeoutSeconds;
  const { locale } = options;
  const loaded = await loadCampaignConfig(root, locale).catch(() => undefined);
  const ref = loaded?.config?.profile ?? 'national-2019';
  const { profile, problems } = loadProfile(ref, root, { locale, containment: { root, allowed: [] } });
  if (!profile) return problem(PROBE_CODES.noMethod, tp(locale, 'probe.profileProblem', { message: problems[0]?.diagnostic.message ?? ref }));
  const method = availabilityMethod(profile);
  if ('missing' in method) return problem(PROBE_CODES.noMethod, tp(locale, 'probe.noTimeout', { profile: profile.id, missing: method.missing.join(', ') }));
  return method.timeoutSeconds;
}

async function loadRecord(file: string, options: ProbeOptions): Promise<{ record: ProbedRecord; parsed?: ParsedYaml; problems: CoreDiagnostic[] }> {
  const { locale } = options;
  const root = (await findCampaignRoot(path.dirname(file))) ?? path.dirname(file);
  const record: ProbedRecord = { file, root, problems: [], edits: [], snapshots: 0, written: false };
  let text = options.texts?.get(file);
  if (text === undefined) {
    const read = await readUserText(file, locale);
    record.problems.push(...read.problems.filter((p) => p.severity === Severity.Error));
    if (read.text === undefined) return { record, problems: record.problems };
    text = read.text;
  }
  record.text = text;
  const parsed = parseYaml(text);
  const syntax = syntaxDiagnostics(parsed, locale).filter((d) => d.severity === Severity.Error);
  record.problems.push(...syntax);
  if (syntax.length > 0) return { record, problems: record.problems };
  const value = parsed.value as Record<string, unknown> | null;
  const kind = value && typeof value === 'object' ? value.kind : undefined;
  if (kind !== 'website' && kind !== 'media') {
    record.problems.push(problem(PROBE_CODES.notRecord, tp(locale, 'probe.notRecord'), parsed.rangeOf(['kind'])));
    return { record, problems: record.problems };
  }
  record.kind = kind;
  record.name = typeof value!.name === 'string' ? value!.name : undefined;
  const url = value!.url;
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
    record.problems.push(problem(PROBE_CODES.noUrl, tp(locale, 'probe.noUrl'), parsed.rangeOf(['url'])));
    return { record, problems: record.problems };
  }
  record.url = url;
  return { record, parsed, problems: record.problems };
}

async function probeOne(record: ProbedRecord, parsed: ParsedYaml, crawler: Crawler, options: ProbeOptions): Promise<void> {
  const value = (parsed.value ?? {}) as Record<string, unknown>;
  const columns = Array.isArray(value.columns)
    ? (value.columns as unknown[]).map((c) => {
        const o = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
        return { name: String(o.name ?? ''), url: typeof o.url === 'string' ? o.url : undefined };
      })
    : undefined;
  const site = await probeSite(
    { kind: record.kind ?? 'website', url: record.url!, columns: columns?.filter((c) => c.name), checkDate: typeof value.checkDate === 'string' ? value.checkDate : undefined },
    crawler,
    { maxListPages: settings.maxListPages, maxLinkChecks: options.maxLinkChecks ?? settings.maxLinkChecks, maxColumns: settings.maxColumns },
  );
  record.site = site;
  let snapshots = new Map<FetchedPage, string>();
  if (options.evidence !== false) {
    try {
      const saved = await saveSnapshots(record.root, site);
      snapshots = saved.files;
      record.snapshotFolder = saved.folder;
      record.snapshots = saved.files.size;
    } catch (e) {
      record.problems.push(problem(PROBE_CODES.writeFailed, tp(options.locale, 'probe.writeFailed', { file: path.join(record.root, 'evidence'), error: fileErrorMessage(e, options.locale) })));
    }
  }
  // the bytes are on disk now (or not wanted): keep the memory of big runs bounded
  for (const p of site.pages) p.body = undefined;
  record.proposal = proposeSiteFacts(value, site, snapshots);
  record.edits = proposalEdits(parsed, record.proposal);
  if (options.write && record.file && record.edits.length > 0) await writeRecord(record, parsed, options.locale);
}

/** Applies a record's edits to its file, if the file still holds the text that was probed. */
export async function writeRecord(record: ProbedRecord, parsed: ParsedYaml, locale: Locale): Promise<void> {
  const file = record.file!;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    record.problems.push(problem(PROBE_CODES.writeFailed, tp(locale, 'probe.writeFailed', { file, error: fileErrorMessage(e, locale) })));
    return;
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let current: string;
  try {
    current = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    record.problems.push(problem(PROBE_CODES.notUtf8, tp(locale, 'probe.notUtf8')));
    return;
  }
  if (current !== parsed.text) {
    record.problems.push(problem(PROBE_CODES.changed, tp(locale, 'probe.changed')));
    return;
  }
  const next = applyEdits(parsed, record.edits);
  const unread = unreadFacts(next, record.proposal!);
  if (unread) {
    record.problems.push(problem(PROBE_CODES.writeFailed, tp(locale, 'probe.verifyFailed', { path: unread })));
    return;
  }
  try {
    await writeFileAtomic(file, (bom ? '\uFEFF' : '') + next, { overwrite: true });
    record.written = true;
  } catch (e) {
    record.problems.push(problem(PROBE_CODES.writeFailed, tp(locale, 'probe.writeFailed', { file, error: fileErrorMessage(e, locale) })));
  }
}

/** The first added or refreshed fact the edited text does not read back (a safety net), as `a.b[2].c`. */
function unreadFacts(text: string, proposal: RecordProposal): string | undefined {
  const value = parseYaml(text).value;
  const at = (p: NodePath) => p.reduce<unknown>((v, seg) => (v as Record<string, unknown> | undefined)?.[seg as never], value);
  for (const c of proposal.changes) {
    if ((c.status !== 'add' && c.status !== 'refresh') || c.value === null) continue;
    if (String(at([...c.parent, c.key])) !== String(c.value)) return [...c.parent, c.key].join('.');
  }
  return undefined;
}
