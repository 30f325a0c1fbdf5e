// The aggregation model of a bulletin: every figure, breakdown, call-out, re-check and list that
// any renderer prints, computed once from the analysed campaign and the effective settings.
import type { AnalysedCampaign, RecordKind } from '../model';
import type {
  AttachmentTable,
  Breakdown,
  BreakdownRow,
  BulletinEntry,
  BulletinModel,
  KindFigures,
  PeriodChange,
  Recheck,
  RecheckFigures,
  RegionCallout,
  RepeatOffence,
  SumMismatch,
} from './bulletinModel';
import { IdentityIndex, primaryIdentity } from '../registry/reconcile';
import { entryOf } from './entries';
import { buildProblems } from './problems';
import { formatScaled, percent, percentagePointChange, roundHalfUp, type RoundedFigure } from './rounding';
import { attachmentColumns, type AttachmentList, type BulletinSettings, type ColumnKey } from './settings';
import { fill, periodText, platformName, quarterName } from './wording';

function byFile(a: { file: string }, b: { file: string }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Entries in the bulletin's order: the configured region order, then by record file. */
export function orderedEntries(c: AnalysedCampaign, s: BulletinSettings): BulletinEntry[] {
  const rank = new Map(s.regionOrder.map((r, i) => [r, i]));
  const records = [...c.records].sort((a, b) => {
    const ra = rank.get(a.record.region ?? '') ?? rank.size;
    const rb = rank.get(b.record.region ?? '') ?? rank.size;
    return ra - rb || byFile(a, b);
  });
  return records.map((r) => {
    try {
      return entryOf(s, r);
    } catch (e) {
      // a fault of the tool on one record names that record
      throw new Error(`${r.file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  });
}

function passRateOf(s: BulletinSettings, checked: number, failed: number): RoundedFigure | null {
  return checked > 0 ? percent(checked - failed, checked, { decimals: s.precision.passRate, never100: s.never100 }) : null;
}

function breakdown(
  s: BulletinSettings,
  by: Breakdown['by'],
  checked: BulletinEntry[],
  totals: { checked: number; failed: number },
  keyOf: (e: BulletinEntry) => string | undefined,
): Breakdown {
  const rows = new Map<string, { checked: number; failed: number }>();
  const unassigned = { checked: 0, failed: 0 };
  for (const e of checked) {
    const k = keyOf(e);
    const fail = e.verdict === 'fail' ? 1 : 0;
    if (!k) {
      unassigned.checked++;
      unassigned.failed += fail;
      continue;
    }
    const r = rows.get(k) ?? { checked: 0, failed: 0 };
    r.checked++;
    r.failed += fail;
    rows.set(k, r);
  }
  const out: BreakdownRow[] = [...rows.entries()].map(([key, r]) => ({ key, ...r, passRate: passRateOf(s, r.checked, r.failed) }));
  const checkedSum = out.reduce((n, r) => n + r.checked, 0);
  const failedSum = out.reduce((n, r) => n + r.failed, 0);
  return { by, rows: out, checkedSum, failedSum, unassigned, matches: checkedSum === totals.checked && failedSum === totals.failed };
}

/** Owner level → the settings' group (省直 / 市县). */
function ownerGroupOf(s: BulletinSettings, level: string | undefined): string | undefined {
  if (!level) return undefined;
  for (const [group, levels] of Object.entries(s.overview.ownerLevelGroups)) if (levels.includes(level)) return group;
  return undefined;
}

/**
 * Unregistered entries counted once per account: two inspectors may record the same account found
 * in the wild (a failing record of it wins, so content assurance is not understated).
 */
function distinctUnregistered(entries: BulletinEntry[]): BulletinEntry[] {
  const byKey = new Map<string, BulletinEntry>();
  for (const e of entries) {
    if (!e.unregistered) continue;
    const k = primaryIdentity(e.record.record) ?? e.entity.file;
    const seen = byKey.get(k);
    if (!seen || (seen.verdict !== 'fail' && e.verdict === 'fail')) byKey.set(k, e);
  }
  const keep = new Set(byKey.values());
  return entries.filter((e) => keep.has(e));
}

function figuresOf(s: BulletinSettings, kind: RecordKind, entries: BulletinEntry[], population: number | null): KindFigures {
  const mine = entries.filter((e) => e.entity.kind === kind);
  const checked = mine.filter((e) => e.checked);
  const failed = checked.filter((e) => e.verdict === 'fail').length;
  const undetermined = checked.filter((e) => e.verdict === 'undetermined').length;
  const unregistered = distinctUnregistered(mine);
  const totals = { checked: checked.length, failed };
  const breakdowns: Breakdown[] = [];
  if (kind === 'media') breakdowns.push(breakdown(s, 'platform', checked, totals, (e) => e.entity.platform));
  breakdowns.push(breakdown(s, 'region', checked, totals, (e) => e.entity.region));
  breakdowns.push(breakdown(s, 'ownerLevel', checked, totals, (e) => e.entity.ownerLevel));
  breakdowns.push(breakdown(s, 'ownerGroup', checked, totals, (e) => ownerGroupOf(s, e.entity.ownerLevel)));
  return {
    kind,
    population,
    checked: checked.length,
    failed,
    passed: checked.length - failed - undetermined,
    undetermined,
    samplingRatio: population && population > 0 ? percent(checked.length, population, { decimals: s.precision.samplingRatio }) : null,
    passRate: passRateOf(s, checked.length, failed),
    fullSample: population !== null && checked.length >= population,
    unregistered: unregistered.length,
    unregisteredFailed: unregistered.filter((e) => e.verdict === 'fail').length,
    nearMiss: mine.filter((e) => !e.unregistered && e.record.registry.status === 'near-miss').length,
    change: null,
    breakdowns,
  };
}

/** The change of the pass rate against the previous period, in percentage points. */
function changeOf(s: BulletinSettings, now: KindFigures, before: KindFigures): PeriodChange | null {
  if (!now.checked || !before.checked) return null;
  const d = s.precision.passRate;
  const previousRate = percent(before.checked - before.failed, before.checked, { decimals: d, never100: s.never100 });
  let points: RoundedFigure;
  if (s.changeBasis === 'exact') {
    points = percentagePointChange({ num: now.checked - now.failed, den: now.checked }, { num: before.checked - before.failed, den: before.checked }, s.precision.change);
  } else {
    // the difference of the printed rates, so that readers can check it
    const current = percent(now.checked - now.failed, now.checked, { decimals: d, never100: s.never100 });
    const scaled = current.scaled - previousRate.scaled;
    const rescaled = roundHalfUp(scaled, 10n ** BigInt(d), s.precision.change);
    points = { text: formatScaled(rescaled, s.precision.change), scaled: rescaled, decimals: s.precision.change };
  }
  const direction = points.scaled > 0n ? 'up' : points.scaled < 0n ? 'down' : 'flat';
  return { points, direction, previousRate };
}

function calloutsOf(s: BulletinSettings, entries: BulletinEntry[]): RegionCallout[] {
  const kind = s.callouts.kind;
  const regions = new Map<string, RegionCallout & { order: number }>();
  const counted = new Set(distinctUnregistered(entries));
  entries.forEach((e, i) => {
    if (e.entity.kind !== kind || !e.entity.region) return;
    const failed = e.checked && e.verdict === 'fail';
    const unregistered = e.unregistered && counted.has(e);
    if (!failed && !unregistered) return;
    const r = regions.get(e.entity.region) ?? { kind, region: e.entity.region, failed: 0, unregistered: 0, unregisteredFailed: 0, total: 0, order: i };
    if (failed) r.failed++;
    if (unregistered) {
      r.unregistered++;
      if (e.verdict === 'fail') r.unregisteredFailed++;
    }
    r.total++;
    regions.set(e.entity.region, r);
  });
  return [...regions.values()]
    .filter((r) => r.total >= s.callouts.threshold)
    .sort((a, b) => b.total - a.total || a.order - b.order)
    .map(({ order: _order, ...r }) => r);
}

/** Entries found again by who they are (the re-check, repeat offenders). */
function indexEntries(entries: BulletinEntry[]): IdentityIndex<BulletinEntry> {
  const index = new IdentityIndex<BulletinEntry>();
  for (const e of entries) index.add(e.record.record, e);
  return index;
}

function recheckOf(kind: RecordKind, now: BulletinEntry[], previous: BulletinEntry[]): RecheckFigures {
  const index = indexEntries(now.filter((e) => e.entity.kind === kind));
  const out: RecheckFigures = { kind, previousFailed: [], stillFailing: [], fixed: [], notRechecked: [] };
  for (const p of previous) {
    if (p.entity.kind !== kind || !p.checked || p.verdict !== 'fail') continue;
    out.previousFailed.push(p.entity);
    const current = index.find(p.record.record);
    if (!current) out.notRechecked.push(p.entity);
    else if (current.verdict === 'fail') out.stillFailing.push(current.entity);
    else if (current.verdict === 'pass') out.fixed.push(current.entity);
    else out.notRechecked.push(p.entity);
  }
  return out;
}

function repeatsOf(now: BulletinEntry[], previous: BulletinEntry[]): RepeatOffence[] {
  const index = indexEntries(previous.filter((p) => p.verdict === 'fail' && (p.checked || p.unregistered)));
  const out: RepeatOffence[] = [];
  for (const e of now) {
    if (e.verdict !== 'fail') continue;
    const p = index.find(e.record.record);
    if (p) out.push({ entry: e, previous: p });
  }
  return out;
}

const LIST_FILTERS: Record<AttachmentList, (e: BulletinEntry, repeats: Set<BulletinEntry>) => boolean> = {
  'websites-failed': (e) => e.entity.kind === 'website' && e.checked && e.verdict === 'fail',
  'media-failed': (e) => e.entity.kind === 'media' && e.checked && e.verdict === 'fail',
  'media-unregistered': (e) => e.entity.kind === 'media' && e.unregistered,
  'media-unregistered-failed': (e) => e.entity.kind === 'media' && e.unregistered && e.verdict === 'fail',
  'websites-unregistered': (e) => e.entity.kind === 'website' && e.unregistered,
  'recheck-still-failing': (e, repeats) => repeats.has(e),
};

function cellOf(s: BulletinSettings, key: ColumnKey, e: BulletinEntry, seq: number): string {
  const en = e.entity;
  switch (key) {
    case 'seq':
      return String(seq);
    case 'region':
      return en.region ?? '';
    case 'sponsor':
      return en.sponsor ?? '';
    case 'name':
      return en.name;
    case 'platform':
      return platformName(s, en.platform);
    case 'accountId':
      return en.accountId ?? '';
    case 'siteCode':
      return en.siteCode ?? '';
    case 'url':
      return en.url ?? '';
    case 'ownerLevel':
      return en.ownerLevel ?? '';
    case 'checkDate':
      return en.checkDate;
    case 'assurance':
      return e.verdict === 'fail' ? s.assurance.fail : e.verdict === 'pass' ? s.assurance.pass : '';
    case 'file':
      return en.file;
    case 'problem': {
      const parts = e.unregistered ? [fill(s.unregisteredProblem, { registryName: s.registryName[en.kind] }), e.clause] : [e.clause];
      return parts.filter(Boolean).join(s.names.sentenceJoin);
    }
  }
}

function attachmentsOf(s: BulletinSettings, model: { campaign: BulletinModel['campaign'] }, entries: BulletinEntry[], repeats: RepeatOffence[]): AttachmentTable[] {
  const repeatSet = new Set(repeats.map((r) => r.entry));
  const period = periodText(s, model.campaign);
  return s.attachments.map((a, i) => {
    const columns = attachmentColumns(s, a);
    const rows = entries
      .filter((e) => LIST_FILTERS[a.list](e, repeatSet))
      .map((e, j) => columns.map((c) => cellOf(s, c.key, e, j + 1)));
    const view = { period, year: model.campaign.year, quarter: model.campaign.quarter, quarterName: quarterName(s, model.campaign.quarter), n: i + 1 };
    return { key: a.key, number: i + 1, label: fill(s.attachmentLabel, view), title: fill(a.title, view), columns, rows, orientation: a.orientation ?? 'auto' };
  });
}

/** Builds the renderer-independent bulletin model of an analysed campaign. */
export function aggregateCampaign(c: AnalysedCampaign, settings: BulletinSettings): BulletinModel {
  const s = settings;
  const entries = orderedEntries(c, s);
  const websites = figuresOf(s, 'website', entries, c.population.websites);
  const media = figuresOf(s, 'media', entries, c.population.media);
  let recheck: Recheck | null = null;
  let repeats: RepeatOffence[] = [];
  const previousPeriod = c.previous ? c.previous.config.period : undefined;
  if (c.previous) {
    const before = orderedEntries(c.previous, s);
    websites.change = changeOf(s, websites, figuresOf(s, 'website', before, c.previous.population.websites));
    media.change = changeOf(s, media, figuresOf(s, 'media', before, c.previous.population.media));
    recheck = { previousPeriod: c.previous.config.period, websites: recheckOf('website', entries, before), media: recheckOf('media', entries, before) };
    repeats = repeatsOf(entries, before);
  }
  const callouts = calloutsOf(s, entries);
  const campaign = {
    issuer: c.config.issuer,
    issuerSelf: c.config.issuerSelf ?? c.config.issuer,
    scope: c.config.scope ?? '',
    year: c.config.period.year,
    quarter: c.config.period.quarter,
    batch: c.config.period.batch,
    checkWindow: c.config.checkWindow,
  };
  const problems = buildProblems(s, { entries, callouts, repeats, previousPeriod });
  const sumMismatches: SumMismatch[] = [];
  for (const f of [websites, media]) {
    for (const b of f.breakdowns) {
      if (!b.matches) sumMismatches.push({ kind: f.kind, by: b.by, checked: { sum: b.checkedSum, total: f.checked }, failed: { sum: b.failedSum, total: f.failed } });
    }
  }
  return {
    campaign,
    websites,
    media,
    entries,
    callouts,
    recheck,
    repeatOffences: repeats,
    problems,
    attachments: attachmentsOf(s, { campaign }, entries, repeats),
    sumMismatches,
    settings: s,
  };
}
