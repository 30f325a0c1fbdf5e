// Turns an analysed record into what the bulletin says about it: the entity as named, whether it is
// in the checked base or 漏报, and the clause that condemns it — the inspector's `bulletin.problem`
// when given, else facts written from the rule hits' evidence (自2019年10月以来内容长期不更新).
import { addMonths, compareCivil, parseIsoDate } from '../dates';
import type { AnalysedRecord, RuleHit } from '../model';
import type { BulletinEntry, EntityRef } from './bulletinModel';
import type { BulletinSettings } from './settings';
import { fill, joinList } from './wording';

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
    url: r.kind === 'website' ? r.url : undefined,
    file: a.file,
    checkDate: r.checkDate,
  };
}

function noteFor(a: AnalysedRecord, ruleId: string): string | undefined {
  return a.record.findings?.find((f) => f.indicator === ruleId && f.note)?.note;
}

/** The fact clause of one hit, from the settings' phrase for its rule and the hit's evidence. */
export function factOf(s: BulletinSettings, a: AnalysedRecord, hit: RuleHit): string {
  const cfg = s.facts[hit.ruleId];
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

/** The facts that condemn a record: one per veto hit, or the score failure. */
export function factsOf(s: BulletinSettings, a: AnalysedRecord): { ruleId: string; text: string }[] {
  const out: { ruleId: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const h of a.result.hits) {
    if (h.kind !== 'veto') continue;
    const text = factOf(s, a, h);
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ ruleId: h.ruleId, text });
  }
  if (out.length === 0 && a.result.verdict === 'fail' && a.result.score !== null) {
    out.push({ ruleId: 'score', text: fill(s.scoreFail, { score: a.result.score }) });
  }
  return out;
}

/** Builds the bulletin's view of one analysed record. */
export function entryOf(s: BulletinSettings, a: AnalysedRecord): BulletinEntry {
  const facts = a.result.verdict === 'fail' ? factsOf(s, a) : [];
  const own = a.record.bulletin?.problem?.trim();
  const clause = own || facts.map((f) => f.text).join(s.names.clauseJoin);
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
  return joinList(s, e.facts.map((f) => f.text));
}
