// Turns an analysed record into what the bulletin says about it: the entity as named, whether it is
// in the checked base or 漏报, and the clause that condemns it — the inspector's `bulletin.problem`
// when given, else facts written from the rule hits' evidence (自2019年10月以来内容长期不更新).
import { addMonths, compareCivil, parseIsoDate } from '../dates';
import type { AnalysedRecord, RuleHit, RuleKind } from '../model';
import type { BulletinEntry, BulletinFact, EntityRef } from './bulletinModel';
import { grammarOf, listOf } from './phrase';
import type { BulletinSettings } from './settings';
import { fill } from './wording';

/** The entity of a record, as bulletins name it. */
export function entityOf(a: AnalysedRecord): EntityRef {
  const r = a.record;
  return {
    kind: r.kind,
    name: r.name,
    platform: r.kind === 'media' ? r.platform : undefined,
    siteCode: r.kind === 'website' ? r.siteCode : undefined,
    accountId: r.kind === 'media' ? r.accountId : undefined,
    sponsor: r.sponsor,
    region: r.region,
    ownerLevel: r.ownerLevel,
    siteType: r.kind === 'website' ? r.siteType : undefined,
    url: r.kind === 'website' ? r.url : undefined,
    file: a.file,
    checkDate: r.checkDate,
  };
}

function noteFor(a: AnalysedRecord, ruleId: string): string | undefined {
  return a.record.findings?.find((f) => f.indicator === ruleId && f.note)?.note;
}

/** The settings' key of a hit: `rule#condition` when the settings word that condition, else the rule. */
export function factKey(s: BulletinSettings, hit: RuleHit): string {
  const condition = typeof hit.evidence.condition === 'string' ? `${hit.ruleId}#${hit.evidence.condition}` : '';
  return condition && s.facts[condition] ? condition : hit.ruleId;
}

/** The fact clause of one hit, from the settings' phrase for its rule and the hit's evidence. */
export function factOf(s: BulletinSettings, a: AnalysedRecord, hit: RuleHit): string {
  const cfg = s.facts[factKey(s, hit)];
  const note = noteFor(a, hit.ruleId) ?? (typeof hit.evidence.note === 'string' ? hit.evidence.note : undefined);
  if (!cfg) return note ?? hit.message;
  const view: Record<string, unknown> = { ...hit.evidence, note: note ?? '', name: a.record.name, score: a.result.score ?? '' };
  if (cfg.long) {
    const record = a.record as unknown as Record<string, unknown>;
    const keys = cfg.long.sinceFrom ?? [];
    let since = null as ReturnType<typeof parseIsoDate>;
    for (const k of keys) {
      since = parseIsoDate(hit.evidence[k]) ?? parseIsoDate(record[k]);
      if (since) break;
    }
    const checked = parseIsoDate(a.record.checkDate);
    if (since && checked && compareCivil(addMonths(since, cfg.long.afterMonths), checked) <= 0) {
      return fill(cfg.long.text, { ...view, sinceYear: since.year, sinceMonth: since.month, sinceDay: since.day });
    }
  }
  const text = fill(cfg.text, view);
  // a phrase built only from an absent note says nothing: fall back to the engine's sentence
  return text || hit.message;
}

/**
 * What the hits of a record say, one fact per hit of the given kinds (vetoes by default), and the
 * score failure of a failing record without a veto.
 */
export function factsOf(s: BulletinSettings, a: AnalysedRecord, kinds: readonly RuleKind[] = ['veto']): BulletinFact[] {
  const out: BulletinFact[] = [];
  const seen = new Set<string>();
  for (const h of a.result.hits) {
    if (!kinds.includes(h.kind)) continue;
    const text = factOf(s, a, h);
    const key = factKey(s, h);
    if (!text || seen.has(`${h.kind}|${text}`)) continue;
    seen.add(`${h.kind}|${text}`);
    out.push({ ruleId: h.ruleId, key, kind: h.kind, text });
  }
  if (kinds.includes('veto') && !out.some((f) => f.kind === 'veto') && a.result.verdict === 'fail' && a.result.score !== null) {
    out.push({ ruleId: 'score', key: 'score', kind: 'veto', text: fill(s.scoreFail, { score: a.result.score }) });
  }
  return out;
}

/** Builds the bulletin's view of one analysed record. */
export function entryOf(s: BulletinSettings, a: AnalysedRecord): BulletinEntry {
  // the facts of every hit: vetoes condemn a failing record, warnings and bonuses may be named too
  const facts = factsOf(s, a, ['veto', 'warning', 'bonus', 'deduction']).filter((f) => f.kind !== 'veto' || a.result.verdict === 'fail');
  const own = a.record.bulletin?.problem?.trim();
  const clause = own || facts.filter((f) => f.kind === 'veto').map((f) => f.text).join(s.grammar.clauseJoin);
  const source = a.record.source ?? '抽查';
  return {
    entity: entityOf(a),
    verdict: a.result.verdict,
    checked: s.checkedSources.includes(source),
    unregistered: s.unregisteredStatuses.includes(a.registry.status),
    clause,
    facts,
    themes: a.record.bulletin?.themes ?? [],
    record: a,
  };
}

/** What a previous failure was reported for, as a list (链接至商业账号和发布与工作无关信息). */
export function previousProblemOf(s: BulletinSettings, e: BulletinEntry): string {
  const own = e.record.record.bulletin?.problem?.trim();
  if (own) return own;
  return listOf(grammarOf(s), e.facts.filter((f) => f.kind === 'veto').map((f) => f.text));
}
