// Section 二 (检查发现的主要问题): groups of named problems written the way bulletins write them.
// Every failing record lands in the groups its rule hits map to (the settings' theme catalogue:
// data), websites and new media alike; a group may instead select its records itself (`where`), or
// take only the records whose `bulletin.themes` name it. Grouping by theme, by indicator, by region,
// by kind (themes as 一是/二是 points) or none. Inside a group, records with the same clause share
// one sentence (“A”“B”和“C”网站的…), a unit's several accounts are summarised (临高县公安局开设的2个
// 微信公众号均…), neighbouring clauses about different columns with the same predicate merge, repeat
// offenders are called so, and a large group is summarised per rule (A、B、C等37个政府网站…).
import type { RecordKind } from '../model';
import type { BulletinEntry, ProblemGroup, RegionCallout, RepeatOffence } from './bulletinModel';
import { previousProblemOf } from './entries';
import { fill } from './fill';
import { closeSentence, formOf, grammarOf, joinClauses, listOf, nameIn, predicate, splitTopic, unitName } from './phrase';
import { distinct, matchesWhere, regionsInOrder } from './selection';
import { forKind, type BulletinSettings, type ProblemGroupSettings } from './settings';
import { periodText, platformName, quoted, sponsorName } from './wording';

export interface ProblemsInput {
  entries: BulletinEntry[];
  callouts: RegionCallout[];
  repeats: RepeatOffence[];
  previousPeriod?: { year: number; quarter: number; batch?: number };
  kinds: RecordKind[];
  /** The placeholders every phrase may use (figures, lists, office figures, the re-check …). */
  view: Record<string, unknown>;
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

/** Writes the sentences naming `members` (already in order), without the closing full stop. */
export function composeNames(
  s: BulletinSettings,
  members: BulletinEntry[],
  input: Pick<ProblemsInput, 'repeats' | 'previousPeriod'>,
  clauseOf: ClauseOf = defaultClause,
  forms?: { website?: string; media?: string },
): string[] {
  const g = grammarOf(s);
  const list = distinct(members).filter((e) => clauseOf(e));
  const index = new Map(list.map((e, i) => [e, i]));
  const repeatOf = new Map(input.repeats.map((r) => [r.entry, r]));
  const nameOf = (e: BulletinEntry) => nameIn(s, e.entity, formOf(s, e.entity.kind, forms));
  const pieces: Piece[] = [];
  const used = new Set<BulletinEntry>();

  // repeat offenders: each its own sentence, saying when it was reported before
  for (const e of list) {
    const r = repeatOf.get(e);
    if (!r || !input.previousPeriod) continue;
    used.add(e);
    const clause = clauseOf(e);
    // 但目前仍未…: a clause that says what the subject does; else 本次仍发现其站点无法访问
    const doing = g.verbStarts.some((v) => v && clause.startsWith(v));
    pieces.push({
      anchor: index.get(e)!,
      text: fill(doing ? s.names.repeatOffender : s.names.repeatOffenderOther, {
        subject: nameOf(e),
        previousProblem: previousProblemOf(s, r.previous),
        previousPeriod: periodText(s, input.previousPeriod),
        previousCheck: s.names.previousCheck[e.entity.kind],
        checkWord: forKind(s.checkWord, e.entity.kind),
        clause,
      }),
    });
  }

  // one unit's several records with the same clause: summarised under the unit's name
  const bySponsor = new Map<string, BulletinEntry[]>();
  for (const e of list) {
    if (used.has(e) || !e.entity.sponsor) continue;
    const k = `${e.entity.kind}|${e.entity.sponsor}|${clauseOf(e)}`;
    const grp = bySponsor.get(k) ?? [];
    grp.push(e);
    bySponsor.set(k, grp);
  }
  for (const grp of bySponsor.values()) {
    if (grp.length < 2) continue;
    grp.forEach((e) => used.add(e));
    const first = grp[0];
    const platforms = new Set(grp.map((e) => e.entity.platform ?? ''));
    const samePlatform = first.entity.kind === 'media' && platforms.size === 1 && first.entity.platform;
    const view = {
      sponsor: sponsorName(s, first.entity.sponsor!),
      count: grp.length,
      unit: forKind(s.unit, first.entity.kind),
      noun: s.nouns[first.entity.kind],
      platform: platformName(s, first.entity.platform),
      names: grp
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
    const grp = byClause.get(k) ?? [];
    grp.push(e);
    byClause.set(k, grp);
  }
  for (const grp of byClause.values()) {
    const kind = grp[0].entity.kind;
    const clause = clauseOf(grp[0]);
    const subjects = grp.map(nameOf);
    pieces.push({
      anchor: index.get(grp[0])!,
      text: predicate(g, listOf(g, subjects), clause, s.names.connector[kind]),
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
  const g = grammarOf(s);
  const out: Piece[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i];
    const split = p.plain && p.plain.subjects.length === 1 ? splitTopic(g, p.plain.clause) : null;
    if (!p.plain || !split) {
      out.push(p);
      i++;
      continue;
    }
    const run = [{ subject: p.plain.subjects[0], topic: split.topic, kind: p.plain.kind }];
    let j = i + 1;
    while (j < pieces.length) {
      const q = pieces[j];
      const qs = q.plain && q.plain.subjects.length === 1 && q.plain.kind === p.plain.kind ? splitTopic(g, q.plain.clause) : null;
      if (!q.plain || !qs || qs.predicate !== split.predicate || run.some((r) => r.topic === qs.topic)) break;
      run.push({ subject: q.plain.subjects[0], topic: qs.topic, kind: q.plain.kind });
      j++;
    }
    if (run.length === 1) {
      out.push(p);
    } else {
      const parts = run.map((r) => r.subject + s.names.connector[r.kind] + r.topic);
      out.push({ anchor: p.anchor, text: listOf(g, parts, { runQuoted: false }) + split.predicate });
    }
    i = j;
  }
  return out;
}

/** The sentence a bulletin writes about a called-out region. */
export function calloutSentence(s: BulletinSettings, c: RegionCallout): string {
  const view = { ...c, unit: forKind(s.unit, c.kind), noun: s.nouns[c.kind], countedNoun: forKind(s.countedNoun, c.kind) };
  if (c.failed > 0 && c.unregistered > 0) return fill(s.callouts.sentences.withFailures, view);
  if (c.failed > 0) return fill(s.callouts.sentences.failuresOnly, view);
  return fill(s.callouts.sentences.unregisteredOnly, view);
}

/** The group a fact is catalogued under (by `rule#condition`, else by rule). */
function catalogued(s: BulletinSettings, f: { key: string; ruleId: string }): string | undefined {
  return s.problems.catalogue[f.key] ?? s.problems.catalogue[f.ruleId];
}

/**
 * Records of a group and what the group says of each: its own `where`, else the failing records
 * whose veto hits the catalogue maps to it (a record with the inspector's own clause, or its own
 * `bulletin.themes`, goes where it says, once), plus records whose themes name it.
 */
function membersOf(s: BulletinSettings, grp: ProblemGroupSettings, entries: BulletinEntry[]): { members: BulletinEntry[]; clauseOf: ClauseOf; factKeys: (e: BulletinEntry) => string[] } {
  const g = grammarOf(s);
  if (grp.where) {
    const where = { ...(grp.kind ? { kind: grp.kind } : {}), ...grp.where };
    const hitKinds = where.hitKinds ?? ['veto'];
    const selected = (e: BulletinEntry) => e.facts.filter((f) => hitKinds.includes(f.kind) && (!where.rules || where.rules.includes(f.ruleId) || where.rules.includes(f.key)));
    const members = entries.filter((e) => e.themes.includes(grp.key) || matchesWhere(e, where, grp.key));
    return {
      members,
      clauseOf: (e) => (e.record.record.bulletin?.problem?.trim() || joinClauses(g, selected(e).map((f) => f.text)) || e.clause),
      factKeys: (e) => selected(e).map((f) => f.key),
    };
  }
  const mapped = (e: BulletinEntry) => e.facts.filter((f) => f.kind === 'veto' && catalogued(s, f) === grp.key);
  const firstGroup = (e: BulletinEntry) => {
    const f = e.facts.find((x) => x.kind === 'veto' && catalogued(s, x));
    return f ? catalogued(s, f) : undefined;
  };
  const members = entries.filter((e) => {
    if (grp.kind && e.entity.kind !== grp.kind) return false;
    if (e.themes.length) return e.themes.includes(grp.key);
    if (!e.checked || e.verdict !== 'fail') return false;
    if (e.record.record.bulletin?.problem?.trim()) return firstGroup(e) === grp.key;
    return mapped(e).length > 0;
  });
  return {
    members,
    clauseOf: (e) => (e.record.record.bulletin?.problem?.trim() || joinClauses(g, mapped(e).map((f) => f.text)) || e.clause),
    factKeys: (e) => {
      const keys = mapped(e).map((f) => f.key);
      return keys.length ? keys : e.facts.filter((f) => f.kind === 'veto').map((f) => f.key).slice(0, 1);
    },
  };
}

/**
 * A large group said briefly: per rule, the first names and 等N个…, then the regions with the most
 * (“A”网站、“B”网站等37个政府网站栏目更新不及时，其中清远市9个、惠州市7个较多).
 */
function summarise(s: BulletinSettings, members: BulletinEntry[], factKeys: (e: BulletinEntry) => string[], forms?: { website?: string; media?: string }): string[] {
  const g = grammarOf(s);
  const sum = s.problems.summary;
  const byKey = new Map<string, BulletinEntry[]>();
  for (const e of distinct(members)) {
    for (const k of new Set(factKeys(e))) {
      const list = byKey.get(k) ?? [];
      list.push(e);
      byKey.set(k, list);
    }
  }
  const out: string[] = [];
  for (const [key, list] of byKey) {
    const kind = list[0].entity.kind;
    const unit = forKind(s.unit, kind);
    const noun = s.nouns[kind];
    const words = s.facts[key]?.summary ?? s.facts[key]?.heading ?? s.facts[key.split('#')[0]]?.heading ?? key;
    const names = listOf(g, list.map((e) => nameIn(s, e.entity, formOf(s, kind, forms))), {
      max: sum.names,
      etc: list.length > sum.names ? (n) => fill(sum.etc, { count: n, unit, noun }) : undefined,
    });
    let sentence = predicate(g, names, words, s.names.connector[kind]);
    const regions = new Map<string, number>();
    for (const e of list) if (e.entity.region) regions.set(e.entity.region, (regions.get(e.entity.region) ?? 0) + 1);
    if (sum.regions > 0 && regions.size > 1 && list.length > sum.names) {
      const order = regionsInOrder(s, list);
      const top = [...regions.entries()].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0])).slice(0, sum.regions).filter(([, n]) => n > 1);
      if (top.length) {
        sentence = joinClauses(g, [sentence, fill(sum.regionsText, { regions: listOf(g, top.map(([region, count]) => fill(sum.regionItem, { region, count, unit, noun }))) })], '');
      }
    }
    out.push(sentence);
  }
  return out;
}

/** One group of the settings, built; null when it has nothing to say. */
function buildGroup(s: BulletinSettings, grp: ProblemGroupSettings, input: ProblemsInput): ProblemGroup | null {
  const g = grammarOf(s);
  if (grp.points?.length) return pointsGroup(s, grp, grp.points.map((p) => buildGroup(s, { ...p, kind: p.kind ?? grp.kind }, input)), input);
  const { members, clauseOf, factKeys } = membersOf(s, grp, input.entries);
  const unique = distinct(members);
  if (!unique.length && !grp.always) return null;
  const kind = grp.kind ?? unique[0]?.entity.kind ?? input.kinds[0] ?? 'website';
  const unit = forKind(s.unit, kind);
  const noun = s.nouns[kind];
  const above = grp.summaryAbove ?? s.problems.summary.above;
  let sentences: string[];
  if (grp.style === 'region-callouts') {
    const ckind = grp.kind ?? s.callouts.kind;
    const callouts = input.callouts.filter((c) => c.kind === ckind);
    const calledOut = new Set(callouts.map((c) => c.region));
    const regionParts = callouts.map((c) =>
      joinClauses(g, [calloutSentence(s, c), ...composeNames(s, members.filter((e) => e.entity.region === c.region), input, clauseOf, grp.names)], g.sentenceJoin),
    );
    const rest = composeNames(s, members.filter((e) => !e.entity.region || !calledOut.has(e.entity.region)), input, clauseOf, grp.names);
    if (rest.length) regionParts.push(joinClauses(g, rest, g.sentenceJoin));
    sentences = regionParts.length ? [joinClauses(g, regionParts, s.names.regionJoin)] : [];
  } else if (above > 0 && unique.length > above) {
    sentences = summarise(s, unique, factKeys, grp.names);
  } else {
    sentences = composeNames(s, members, input, clauseOf, grp.names);
  }
  const cut = (items: string[]) => (grp.max && items.length > grp.max ? items.slice(0, grp.max) : items);
  const last = grp.last ?? s.names.joinLast;
  const nameOf = (e: BulletinEntry) => nameIn(s, e.entity, formOf(s, e.entity.kind, grp.names));
  let names: string;
  if (grp.collapse) {
    // 清流县“A”、“B”微信公众号: names of one region and platform together
    const byPlace = new Map<string, BulletinEntry[]>();
    for (const e of unique) {
      const k = `${e.entity.region ?? ''}|${e.entity.platform ?? ''}`;
      byPlace.set(k, [...(byPlace.get(k) ?? []), e]);
    }
    names = listOf(
      g,
      cut([...byPlace.values()].map((list) => fill(grp.collapse!, { region: list[0].entity.region ?? '', platform: platformName(s, list[0].entity.platform), names: listOf(g, list.map(nameOf), { runQuoted: false, last: s.names.join }) }))),
      { last },
    );
  } else names = listOf(g, cut(unique.map(nameOf)), { last });
  const units: string[] = [];
  for (const e of unique) {
    const u = unitName(s, e.entity.sponsor);
    if (u && !units.includes(u)) units.push(u);
  }
  const facts: string[] = [];
  for (const e of unique) for (const k of factKeys(e)) {
    const f = e.facts.find((x) => x.key === k);
    if (f && !facts.includes(f.text)) facts.push(f.text);
  }
  const view = {
    ...input.view,
    sentences: joinClauses(g, sentences, grp.join ?? g.sentenceJoin),
    names,
    units: listOf(g, cut(units), { last }),
    facts: listOf(g, facts, { last: s.names.join }),
    count: unique.length,
    unit,
    noun,
  };
  const text = joinClauses(g, [fill(grp.lead ?? '', view), fill(grp.text ?? '{{sentences}}', view)], '');
  if (!text && !grp.always) return null;
  const counted = (grp.count ?? true) && s.problems.headingCount && unique.length > 0;
  const heading = fill(grp.heading, view) + (counted ? fill(s.problems.headingCount, { count: unique.length, unit, noun }) : '');
  return { key: grp.key, heading, text: stripStop(s, text), members: unique.map((e) => e.entity), section: grp.section ?? 'problems' };
}

/** A group whose text is its points: 一是{{heading}}。{{text}}。二是… */
function pointsGroup(s: BulletinSettings, grp: ProblemGroupSettings, points: (ProblemGroup | null)[], input: ProblemsInput): ProblemGroup | null {
  const g = grammarOf(s);
  const printed = points.filter((p): p is ProblemGroup => p !== null && (!!p.text || !!p.heading));
  if (!printed.length && !grp.always) return null;
  const text = printed
    .map((p, i) => (s.problems.pointWords[i] ?? '') + closeSentence(g, p.heading) + (p.text ? closeSentence(g, p.text) : ''))
    .join('');
  const members = distinct(printed.flatMap((p) => input.entries.filter((e) => p.members.includes(e.entity))));
  const view = { ...input.view, count: members.length };
  return { key: grp.key, heading: fill(grp.heading, view), text: stripStop(s, joinClauses(g, [fill(grp.lead ?? '', view), text], '')), members: members.map((e) => e.entity), section: grp.section ?? 'problems' };
}

/** A group's text without its closing stop (renderers and templates close it). */
function stripStop(s: BulletinSettings, text: string): string {
  return text.endsWith(s.grammar.stop) ? text.slice(0, -s.grammar.stop.length) : text;
}

function failedChecked(input: ProblemsInput): BulletinEntry[] {
  return input.entries.filter((e) => e.checked && e.verdict === 'fail');
}

function indicatorGroups(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  const failed = failedChecked(input);
  const ruleOrder = Object.keys(s.facts);
  const rules = new Map<string, BulletinEntry[]>();
  for (const e of failed) {
    for (const id of new Set(e.facts.filter((f) => f.kind === 'veto').map((f) => f.ruleId))) {
      const list = rules.get(id) ?? [];
      list.push(e);
      rules.set(id, list);
    }
  }
  const ids = [...rules.keys()].sort((a, b) => {
    const ia = ruleOrder.indexOf(a);
    const ib = ruleOrder.indexOf(b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  return ids.map((id) => {
    const members = distinct(rules.get(id)!);
    const kind = members[0].entity.kind;
    const clauseOf: ClauseOf = (e) => e.facts.find((f) => f.kind === 'veto' && f.ruleId === id)?.text ?? '';
    const above = s.problems.summary.above;
    const sentences = above > 0 && members.length > above ? summarise(s, members, (e) => e.facts.filter((f) => f.kind === 'veto' && f.ruleId === id).map((f) => f.key).slice(0, 1)) : composeNames(s, members, input, clauseOf);
    const heading = (s.facts[id]?.heading ?? (id === 'score' ? s.scoreFailHeading : id)) + fill(s.problems.headingCount, { count: members.length, unit: forKind(s.unit, kind) });
    return { key: id, heading, text: joinClauses(grammarOf(s), sentences, s.grammar.sentenceJoin), members: members.map((e) => e.entity) };
  });
}

function regionGroups(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  const byRegion = new Map<string, BulletinEntry[]>();
  // within a region, websites before new media (the bulletin's order of kinds)
  const kindRank = (e: BulletinEntry) => input.kinds.indexOf(e.entity.kind);
  for (const e of [...failedChecked(input)].sort((a, b) => kindRank(a) - kindRank(b))) {
    const r = e.entity.region ?? '';
    const list = byRegion.get(r) ?? [];
    list.push(e);
    byRegion.set(r, list);
  }
  return [...byRegion.entries()]
    .filter(([region]) => region)
    .map(([region, members]) => ({
      key: region,
      heading: region + fill(s.problems.headingCount, { count: distinct(members).length, unit: forKind(s.unit, members[0].entity.kind) }),
      text: joinClauses(grammarOf(s), composeNames(s, members, input), s.grammar.sentenceJoin),
      members: distinct(members).map((e) => e.entity),
    }));
}

/** The groups of section 二 in the configured grouping style, then the groups other sections print. */
export function buildProblems(s: BulletinSettings, input: ProblemsInput): ProblemGroup[] {
  const own = s.problems.groups.filter((grp) => (grp.section ?? 'problems') === 'problems');
  const elsewhere = s.problems.groups
    .filter((grp) => (grp.section ?? 'problems') !== 'problems')
    .map((grp) => buildGroup(s, grp, input))
    .filter((x): x is ProblemGroup => x !== null);
  return [...sectionGroups(s, own, input), ...elsewhere];
}

function sectionGroups(s: BulletinSettings, groups: ProblemGroupSettings[], input: ProblemsInput): ProblemGroup[] {
  const g = grammarOf(s);
  switch (s.problems.grouping) {
    case 'indicator':
      return indicatorGroups(s, input);
    case 'region':
      return regionGroups(s, input);
    case 'kind':
      return input.kinds
        .map((kind) => pointsGroup(s, { key: kind, heading: fill(s.problems.kindHeading, { ...input.view, noun: s.nouns[kind] }) }, groups.filter((grp) => (grp.kind ?? kind) === kind).map((grp) => buildGroup(s, { ...grp, count: false }, input)), input))
        .filter((x): x is ProblemGroup => x !== null);
    case 'none': {
      const built = groups.map((grp) => buildGroup(s, { ...grp, count: false }, input)).filter((x): x is ProblemGroup => x !== null);
      if (!built.length) return [];
      return [{ key: 'problems', heading: '', text: stripStop(s, built.map((x) => closeSentence(g, x.text)).join('')), members: built.flatMap((x) => x.members), section: 'problems' }];
    }
    default:
      return groups.map((grp) => buildGroup(s, grp, input)).filter((x): x is ProblemGroup => x !== null);
  }
}
