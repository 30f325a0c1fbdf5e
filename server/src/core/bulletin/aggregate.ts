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
  NamedSumMismatch,
  PeriodChange,
  Recheck,
  RecheckFigures,
  RegionCallout,
  RepeatOffence,
  SumMismatch,
} from './bulletinModel';
import { IdentityIndex, primaryIdentity } from '../registry/reconcile';
import { composeBody, phraseView, type Figures } from './compose';
import { entryOf } from './entries';
import { buildNamedBreakdowns, ownerGroupOf } from './namedBreakdowns';
import { buildOffice } from './office';
import { buildProblems } from './problems';
import { formatScaled, percent, roundHalfUp, type Decimals, type RoundedFigure } from './rounding';
import { buildLists } from './selection';
import { attachmentColumns, forKind, type AttachmentList, type BaselineSettings, type BulletinSettings, type ColumnKey } from './settings';
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

function rateOptions(s: BulletinSettings, kind: RecordKind, figure: 'passRate' | 'samplingRatio') {
  return { decimals: forKind(s.precision[figure], kind), never100: figure === 'passRate' ? s.never100 : false, rounding: s.rounding, wholeBare: s.wholeBare };
}

function passRateOf(s: BulletinSettings, kind: RecordKind, checked: number, failed: number): RoundedFigure | null {
  return checked > 0 ? percent(checked - failed, checked, rateOptions(s, kind, 'passRate')) : null;
}

function breakdown(
  s: BulletinSettings,
  kind: RecordKind,
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
  const out: BreakdownRow[] = [...rows.entries()].map(([key, r]) => ({ key, ...r, passRate: passRateOf(s, kind, r.checked, r.failed) }));
  const checkedSum = out.reduce((n, r) => n + r.checked, 0);
  const failedSum = out.reduce((n, r) => n + r.failed, 0);
  return { by, rows: out, checkedSum, failedSum, unassigned, matches: checkedSum === totals.checked && failedSum === totals.failed };
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
  if (kind === 'media') breakdowns.push(breakdown(s, kind, 'platform', checked, totals, (e) => e.entity.platform));
  breakdowns.push(breakdown(s, kind, 'region', checked, totals, (e) => e.entity.region));
  breakdowns.push(breakdown(s, kind, 'ownerLevel', checked, totals, (e) => e.entity.ownerLevel));
  breakdowns.push(breakdown(s, kind, 'ownerGroup', checked, totals, (e) => ownerGroupOf(s, e.entity.ownerLevel)));
  const dates = checked.map((e) => e.entity.checkDate).filter(Boolean).sort();
  return {
    kind,
    population,
    checked: checked.length,
    failed,
    passed: checked.length - failed - undetermined,
    undetermined,
    samplingRatio: population && population > 0 ? percent(checked.length, population, rateOptions(s, kind, 'samplingRatio')) : null,
    passRate: passRateOf(s, kind, checked.length, failed),
    fullSample: population !== null && checked.length >= population,
    unregistered: unregistered.length,
    unregisteredFailed: unregistered.filter((e) => e.verdict === 'fail').length,
    nearMiss: mine.filter((e) => !e.unregistered && e.record.registry.status === 'near-miss').length,
    change: null,
    changes: [],
    breakdowns,
    checkDates: dates.length ? { first: dates[0], last: dates[dates.length - 1] } : null,
    withAnyHit: checked.filter((e) => e.record.result.hits.some((h) => h.kind === 'veto' || h.kind === 'warning' || h.kind === 'deduction')).length,
  };
}

/** A rate as printed ("95.87", 91.4) read exactly: the fraction of 1 it states. */
function statedRate(v: number | string): { num: bigint; den: bigint } | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(v).trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  return { num: BigInt(m[1] + frac), den: 100n * 10n ** BigInt(frac.length) };
}

/**
 * The change of the pass rate against one baseline, in percentage points: the previous campaign's
 * figures, or the rate the settings state for it.
 */
function changeOf(s: BulletinSettings, b: BaselineSettings, now: KindFigures, before: KindFigures | null): PeriodChange | null {
  if (!now.checked) return null;
  const kind = now.kind;
  const d = forKind(s.precision.passRate, kind) as Decimals;
  const dc = forKind(s.precision.change, kind) as Decimals;
  let previous: { num: bigint; den: bigint };
  if (b.rates) {
    const stated = b.rates[kind];
    const r = stated === undefined ? null : statedRate(stated);
    if (!r) return null;
    previous = r;
  } else {
    if (!before?.checked) return null;
    previous = { num: BigInt(before.checked - before.failed), den: BigInt(before.checked) };
  }
  const options = rateOptions(s, kind, 'passRate');
  const previousRate = percent(previous.num, previous.den, options);
  let points: RoundedFigure;
  if (s.changes.basis === 'exact') {
    // a/b − c/d = (ad − cb) / bd, ×100 for points
    const a = BigInt(now.checked - now.failed);
    const bb = BigInt(now.checked);
    const scaled = roundHalfUp((a * previous.den - previous.num * bb) * 100n, bb * previous.den, dc);
    points = { text: formatScaled(scaled, dc), scaled, decimals: dc };
  } else {
    // the difference of the printed rates, so that readers can check it
    const current = percent(now.checked - now.failed, now.checked, options);
    const rescale = (f: RoundedFigure) => f.scaled * 10n ** BigInt(d - f.decimals);
    const scaled = rescale(current) - rescale(previousRate);
    const rescaled = roundHalfUp(scaled, 10n ** BigInt(d), dc);
    points = { text: formatScaled(rescaled, dc), scaled: rescaled, decimals: dc };
  }
  const direction = points.scaled > 0n ? 'up' : points.scaled < 0n ? 'down' : 'flat';
  return { name: b.name, points, direction, previousRate };
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
  'websites-checked': (e) => e.entity.kind === 'website' && e.checked,
  'media-checked': (e) => e.entity.kind === 'media' && e.checked,
  office: () => false,
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
      return parts.filter(Boolean).join(s.grammar.sentenceJoin);
    }
  }
}

function attachmentsOf(s: BulletinSettings, model: { campaign: BulletinModel['campaign']; view: Record<string, unknown> }, entries: BulletinEntry[], repeats: RepeatOffence[]): AttachmentTable[] {
  const repeatSet = new Set(repeats.map((r) => r.entry));
  const period = periodText(s, model.campaign);
  const tables = s.attachments.map((a) => {
    const columns = attachmentColumns(s, a);
    const rows =
      a.list === 'office'
        ? (a.rows ?? []).map((r, j) => columns.map((c, k) => (c.key === 'seq' ? String(j + 1) : r[k] ?? '')))
        : entries.filter((e) => LIST_FILTERS[a.list](e, repeatSet)).map((e, j) => columns.map((c) => cellOf(s, c.key, e, j + 1)));
    return { a, columns, rows };
  });
  // a list with nobody on it is not attached (no 漏报名单 without 漏报)
  const attached = tables.filter((t) => t.rows.length > 0 || t.a.list === 'office');
  // one attachment alone is not numbered (GB/T 9704-2012 7.3.4)
  const alone = attached.length === 1;
  return attached.map(({ a, columns, rows }, i) => {
    const view = { ...model.view, period, year: model.campaign.year, quarter: model.campaign.quarter, quarterName: quarterName(s, model.campaign.quarter), n: alone ? '' : i + 1 };
    return { key: a.key, number: i + 1, label: fill(s.attachmentLabel, view), title: fill(a.title, view), columns, rows, orientation: a.orientation ?? 'auto' };
  });
}

/** The kinds a bulletin covers: the settings', else those with checked records or a population. */
function kindsOf(s: BulletinSettings, websites: KindFigures, media: KindFigures): RecordKind[] {
  if (s.kinds.length) return s.kinds;
  const kinds = [websites, media].filter((f) => f.checked > 0 || (f.population ?? 0) > 0).map((f) => f.kind);
  return kinds.length ? kinds : ['website', 'media'];
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
  let before: { websites: KindFigures; media: KindFigures } | null = null;
  if (c.previous) {
    const previousEntries = orderedEntries(c.previous, s);
    before = { websites: figuresOf(s, 'website', previousEntries, c.previous.population.websites), media: figuresOf(s, 'media', previousEntries, c.previous.population.media) };
    recheck = { previousPeriod: c.previous.config.period, websites: recheckOf('website', entries, previousEntries), media: recheckOf('media', entries, previousEntries) };
    repeats = repeatsOf(entries, previousEntries);
  }
  for (const f of [websites, media]) {
    f.changes = s.changes.baselines.map((b) => changeOf(s, b, f, before ? before[f.kind === 'website' ? 'websites' : 'media'] : null)).filter((x): x is PeriodChange => x !== null);
    f.change = f.changes[0] ?? null;
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
  const sumMismatches: SumMismatch[] = [];
  for (const f of [websites, media]) {
    for (const b of f.breakdowns) {
      if (!b.matches) sumMismatches.push({ kind: f.kind, by: b.by, checked: { sum: b.checkedSum, total: f.checked }, failed: { sum: b.failedSum, total: f.failed } });
    }
  }
  const kinds = kindsOf(s, websites, media);
  const namedBreakdowns = buildNamedBreakdowns(s, entries, { website: websites.population, media: media.population }, c.registryRunning);
  const office = buildOffice(s);
  const namedSumMismatches: NamedSumMismatch[] = [];
  for (const b of Object.values(namedBreakdowns)) if (b.total !== null && b.sum !== b.total) namedSumMismatches.push({ key: b.key, sum: b.sum, total: b.total });
  for (const [key, t] of Object.entries(office.tables)) if (t.stated !== null && t.stated !== t.total) namedSumMismatches.push({ key, sum: t.total, total: t.stated });
  const figures: Figures = {
    campaign,
    previousPeriod,
    websites,
    media,
    entries,
    callouts,
    recheck,
    repeatOffences: repeats,
    attachments: [],
    sumMismatches,
    namedSumMismatches,
    kinds,
    lists: buildLists(s, entries),
    namedBreakdowns,
    office,
    settings: s,
  };
  const view = phraseView(figures);
  const problems = buildProblems(s, { entries, callouts, repeats, previousPeriod, kinds, view });
  const body = composeBody(figures, problems);
  return {
    ...figures,
    problems,
    preamble: body.preamble,
    sections: body.sections,
    attachments: attachmentsOf(s, { campaign, view: body.view }, entries, repeats),
  };
}
