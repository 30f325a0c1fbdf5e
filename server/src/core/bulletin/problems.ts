// Section 二 (检查发现的主要问题): groups of named examples written the way bulletins write them.
// Grouping is configurable: by the campaign's themes (problemGroups), by indicator or by region.
// Inside a group, records with the same clause share one sentence (“A”“B”和“C”网站的…), a unit's
// several accounts are summarised (临高县公安局开设的2个微信公众号均…), neighbouring clauses about
// different columns with the same predicate merge, and repeat offenders are called so.
import type { RecordKind } from '../model';
import type { BulletinEntry, ProblemGroup, RegionCallout, RepeatOffence } from './bulletinModel';
import { primaryIdentity } from '../registry/reconcile';
import { previousProblemOf } from './entries';
import type { BulletinSettings, ProblemGroupSettings } from './settings';
import { connectorFor, fill, joinList, periodText, platformName, quoted, splitTopic, sponsorName, subjectOf } from './wording';

export interface ProblemsInput {
  entries: BulletinEntry[];
  callouts: RegionCallout[];
  repeats: RepeatOffence[];
  previousPeriod?: { year: number; quarter: number; batch?: number };
}

/** A sentence and the index of its first member (sentences keep the records' order). */
interface Piece {
  anchor: number;
  text: string;
  /** For merging neighbours: subjects and clause of a plain clause sentence. */
  plain?: { subjects: string[]; clause: string; kind: RecordKind };
}

/** The clause a group says about an entry (a group by indicator says only that indicator's fact). */
type ClauseOf = (e: BulletinEntry) => string;

const defaultClause: ClauseOf = (e) => e.clause;

/** Members de-duplicated on who they are, first occurrence kept. */
function dedupe(entries: BulletinEntry[]): BulletinEntry[] {
  const seen = new Set<string>();
  const out: BulletinEntry[] = [];
  for (const e of entries) {
    const k = primaryIdentity(e.record.record) ?? e.entity.file;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(e);
  }
  return out;
}

/** Writes the sentences naming `members` (already in order), without the closing full stop. */
export function composeNames(s: BulletinSettings, members: BulletinEntry[], input: ProblemsInput, clauseOf: ClauseOf = defaultClause): string[] {
  const list = dedupe(members).filter((e) => clauseOf(e));
  const index = new Map(list.map((e, i) => [e, i]));
  const repeatOf = new Map(input.repeats.map((r) => [r.entry, r]));
  const pieces: Piece[] = [];
  const used = new Set<BulletinEntry>();

  // repeat offenders: each its own sentence, saying when it was reported before
  for (const e of list) {
    const r = repeatOf.get(e);
    if (!r || !input.previousPeriod) continue;
    used.add(e);
    pieces.push({
      anchor: index.get(e)!,
      text: fill(s.names.repeatOffender, {
        subject: subjectOf(s, e.entity),
        previousProblem: previousProblemOf(s, r.previous),
        previousPeriod: periodText(s, input.previousPeriod),
        previousCheck: s.names.previousCheck[e.entity.kind],
        clause: clauseOf(e),
      }),
    });
  }

  // one unit's several records with the same clause: summarised under the unit's name
  const bySponsor = new Map<string, BulletinEntry[]>();
  for (const e of list) {
    if (used.has(e) || !e.entity.sponsor) continue;
    const k = `${e.entity.kind}|${e.entity.sponsor}|${clauseOf(e)}`;
    const g = bySponsor.get(k) ?? [];
    g.push(e);
    bySponsor.set(k, g);
  }
  for (const g of bySponsor.values()) {
    if (g.length < 2) continue;
    g.forEach((e) => used.add(e));
    const first = g[0];
    const platforms = new Set(g.map((e) => e.entity.platform ?? ''));
    const samePlatform = first.entity.kind === 'media' && platforms.size === 1 && first.entity.platform;
    const view = {
      sponsor: sponsorName(s, first.entity.sponsor!),
      count: g.length,
      unit: s.unit,
      noun: s.nouns[first.entity.kind],
      platform: platformName(s, first.entity.platform),
      names: g
        .slice(0, Math.max(1, s.names.maxNamesPerSponsor))
        .map((e) => quoted(s, e.entity.name))
        .join(s.names.joinQuoted),
      clause: clauseOf(first),
    };
    pieces.push({ anchor: index.get(first)!, text: fill(samePlatform ? s.names.sponsorGroup.samePlatform : s.names.sponsorGroup.mixed, view) });
  }

  // the rest: one sentence per clause, naming every record that has it
  const byClause = new Map<string, BulletinEntry[]>();
  for (const e of list) {
    if (used.has(e)) continue;
    const k = `${e.entity.kind}|${clauseOf(e)}`;
    const g = byClause.get(k) ?? [];
    g.push(e);
    byClause.set(k, g);
  }
  for (const g of byClause.values()) {
    const kind = g[0].entity.kind;
    const clause = clauseOf(g[0]);
    const subjects = g.map((e) => subjectOf(s, e.entity));
    pieces.push({
      anchor: index.get(g[0])!,
      text: joinList(s, subjects) + connectorFor(s, kind, clause) + clause,
      plain: { subjects, clause, kind },
    });
  }

  pieces.sort((a, b) => a.anchor - b.anchor);
  return mergeSharedPredicates(s, pieces).map((p) => p.text);
}

/**
 * Neighbouring single-subject sentences about different columns with the same predicate become
 * one: “海南省供销合作网”的办事栏目和“海南省卫生健康委员会”网站的互动交流栏目长期未更新.
 */
function mergeSharedPredicates(s: BulletinSettings, pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i];
    const split = p.plain && p.plain.subjects.length === 1 ? splitTopic(s, p.plain.clause) : null;
    if (!p.plain || !split) {
      out.push(p);
      i++;
      continue;
    }
    const run = [{ subject: p.plain.subjects[0], topic: split.topic, kind: p.plain.kind }];
    let j = i + 1;
    while (j < pieces.length) {
      const q = pieces[j];
      const qs = q.plain && q.plain.subjects.length === 1 && q.plain.kind === p.plain.kind ? splitTopic(s, q.plain.clause) : null;
      if (!q.plain || !qs || qs.predicate !== split.predicate || run.some((r) => r.topic === qs.topic)) break;
      run.push({ subject: q.plain.subjects[0], topic: qs.topic, kind: q.plain.kind });
      j++;
    }
    if (run.length === 1) {
      out.push(p);
    } else {
      const parts = run.map((r) => r.subject + s.names.connector[r.kind] + r.topic);
      out.push({ anchor: p.anchor, text: joinList(s, parts) + split.predicate });
    }
    i = j;
  }
  return out;
}

function matchesSelect(g: ProblemGroupSettings, e: BulletinEntry): boolean {
  if (e.themes.includes(g.key)) return true;
  const sel = g.select ?? {};
  if (sel.themesOnly) return false;
  if (sel.kind && e.entity.kind !== sel.kind) return false;
  if (sel.unregistered ? !(e.unregistered && e.verdict === 'fail') : !(e.checked && e.verdict === 'fail')) return false;
  if (sel.rules && !e.record.result.hits.some((h) => h.kind === 'veto' && sel.rules!.includes(h.ruleId))) return false;
  if (sel.regions && !(e.entity.region && sel.regions.includes(e.entity.region))) return false;
  return true;
}

/** The sentence a bulletin writes about a called-out region. */
export function calloutSentence(s: BulletinSettings, c: RegionCallout): string {
  const view = { ...c, unit: s.unit, noun: s.nouns[c.kind], countedNoun: s.countedNoun };
  if (c.failed > 0 && c.unregistered > 0) return fill(s.callouts.sentences.withFailures, view);
  if (c.failed > 0) return fill(s.callouts.sentences.failuresOnly, view);
  return fill(s.callouts.sentences.unregisteredOnly, view);
}

function themeGroup(s: BulletinSettings, g: ProblemGroupSettings, input: ProblemsInput): ProblemGroup | null {
  const members = input.entries.filter((e) => (!g.select?.kind || e.entity.kind === g.select.kind || e.themes.includes(g.key)) && matchesSelect(g, e));
  let sentences: string[];
  if (g.style === 'region-callouts') {
    const kind = g.select?.kind ?? s.callouts.kind;
    const callouts = input.callouts.filter((c) => c.kind === kind);
    const calledOut = new Set(callouts.map((c) => c.region));
    const regionParts = callouts.map((c) =>
      [calloutSentence(s, c), ...composeNames(s, members.filter((e) => e.entity.region === c.region), input)].join(s.names.sentenceJoin),
    );
    const rest = composeNames(s, members.filter((e) => !e.entity.region || !calledOut.has(e.entity.region)), input);
    if (rest.length) regionParts.push(rest.join(s.names.sentenceJoin));
    sentences = regionParts.length ? [regionParts.join(s.names.regionJoin)] : [];
  } else {
    sentences = composeNames(s, members, input);
  }
  if (!sentences.length) return null;
  return {
    key: g.key,
    heading: g.heading,
    text: (g.lead ?? '') + sentences.join(s.names.sentenceJoin),
    members: dedupe(members).map((e) => e.entity),
  };
}

function failedChecked(input: ProblemsInput): BulletinEntry[] {
  return input.entries.filter((e) => e.checked && e.verdict === 'fail');
}

function indicatorGroups(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  const failed = failedChecked(input);
  const ruleOrder = Object.keys(s.facts);
  const rules = new Map<string, BulletinEntry[]>();
  for (const e of failed) {
    const ids = e.facts.map((f) => f.ruleId);
    for (const id of new Set(ids)) {
      const g = rules.get(id) ?? [];
      g.push(e);
      rules.set(id, g);
    }
  }
  const ids = [...rules.keys()].sort((a, b) => {
    const ia = ruleOrder.indexOf(a);
    const ib = ruleOrder.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  return ids.map((id) => {
    const members = dedupe(rules.get(id)!);
    const clauseOf: ClauseOf = (e) => e.facts.find((f) => f.ruleId === id)?.text ?? '';
    const heading = (s.facts[id]?.heading ?? (id === 'score' ? s.scoreFailHeading : id)) + fill(s.names.countSuffix, { count: members.length, unit: s.unit });
    return { key: id, heading, text: composeNames(s, members, input, clauseOf).join(s.names.sentenceJoin), members: members.map((e) => e.entity) };
  });
}

function regionGroups(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  const byRegion = new Map<string, BulletinEntry[]>();
  for (const e of failedChecked(input)) {
    const r = e.entity.region ?? '';
    const g = byRegion.get(r) ?? [];
    g.push(e);
    byRegion.set(r, g);
  }
  return [...byRegion.entries()]
    .filter(([region]) => region)
    .map(([region, members]) => ({
      key: region,
      heading: region + fill(s.names.countSuffix, { count: dedupe(members).length, unit: s.unit }),
      text: composeNames(s, members, input).join(s.names.sentenceJoin),
      members: dedupe(members).map((e) => e.entity),
    }));
}

/** The groups of section 二, in the configured grouping style. */
export function buildProblems(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  switch (s.grouping) {
    case 'indicator':
      return indicatorGroups(s, input);
    case 'region':
      return regionGroups(s, input);
    default:
      return s.problemGroups.map((g) => themeGroup(s, g, input)).filter((g): g is ProblemGroup => g !== null);
  }
}
