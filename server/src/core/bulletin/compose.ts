// The body of the bulletin composed from the settings' phrases: the placeholders every phrase may use
// (figures of each kind as printed, named lists, breakdowns, office figures, the re-check), the
// overview's sentences clause by clause, the problems section, the requirements and the closing
// paragraph, each section's paragraphs numbered. Sentences are joined and closed by the phrase
// grammar, so a clause left out takes its mark with it.
import type { RecordKind } from '../model';
import type { BulletinModel, KindFigures, Paragraph, PeriodChange, ProblemGroup, RecheckFigures, Section } from './bulletinModel';
import { fill } from './fill';
import { closeSentence, grammarOf, joinClauses, listOf, sentences, type Grammar } from './phrase';
import { percent, type RoundedFigure } from './rounding';
import { forKind, type BulletinSettings, type OverviewItem, type OverviewPhrases, type SectionSettings } from './settings';
import { batchText, formatDay, formatDeadline, formatMonthDay, formatRange, ordinal, periodText, quarterName, subjectOf } from './wording';

const pct = (f: RoundedFigure | null | undefined): string => (f ? `${f.text}%` : '');

type View = Record<string, unknown>;

/** The model before its texts are composed. */
export type Figures = Omit<BulletinModel, 'sections' | 'preamble' | 'problems'> & { problems?: ProblemGroup[] };

function changeText(s: BulletinSettings, g: Grammar, changes: PeriodChange[]): string {
  return joinClauses(
    g,
    changes.map((c) => {
      const b = s.changes.baselines.find((x) => x.name === c.name);
      const points = c.points.text.replace(/^-/, '');
      const view = { name: c.name, points };
      if (c.direction === 'flat') return fill(b?.flat ?? s.changes.flat, view);
      const movement = fill(c.direction === 'up' ? (b?.up ?? s.changes.up) : (b?.down ?? s.changes.down), view);
      return fill(b?.phrase ?? s.changes.phrase, { ...view, movement });
    }),
  );
}

/** A kind's figures as the phrases print them. */
export function kindView(m: Figures, f: KindFigures): View {
  const s = m.settings;
  const g = grammarOf(s);
  const kind = f.kind;
  const legacy = Object.fromEntries(
    f.breakdowns.map((b) => [b.by, { by: b.by, matches: b.matches, rows: b.rows.map((r) => ({ key: r.key, checked: r.checked, failed: r.failed, passRate: pct(r.passRate) })) }]),
  );
  return {
    kind,
    noun: s.nouns[kind],
    unit: forKind(s.unit, kind),
    countedNoun: forKind(s.countedNoun, kind),
    checkWord: forKind(s.checkWord, kind),
    ratioLabel: forKind(s.ratioLabel, kind),
    rateLabel: forKind(s.rateLabel, kind),
    registryName: s.registryName[kind],
    population: f.population ?? '',
    hasPopulation: f.population !== null,
    checked: f.checked,
    hasChecked: f.checked > 0,
    failed: f.failed,
    hasFailed: f.failed > 0,
    passed: f.passed + f.undetermined,
    undetermined: f.undetermined,
    samplingRatio: pct(f.samplingRatio),
    passRate: pct(f.passRate),
    fullSample: f.fullSample,
    partialSample: !f.fullSample && f.population !== null,
    unregistered: f.unregistered,
    hasUnregistered: f.unregistered > 0,
    unregisteredFailed: f.unregisteredFailed,
    hasUnregisteredFailed: f.unregisteredFailed > 0,
    nearMiss: f.nearMiss,
    hasNearMiss: f.nearMiss > 0,
    withAnyHit: f.withAnyHit,
    change: changeText(s, g, f.changes),
    previousPassRate: f.change ? pct(f.change.previousRate) : '',
    firstDay: f.checkDates ? formatMonthDay(s, f.checkDates.first) : '',
    lastDay: f.checkDates ? formatMonthDay(s, f.checkDates.last) : '',
    window: f.checkDates ? formatRange(s, f.checkDates.first, f.checkDates.last) : '',
    breakdowns: legacy,
  };
}

function recheckKindView(m: Figures, r: RecheckFigures): View {
  const s = m.settings;
  return {
    noun: s.nouns[r.kind],
    unit: forKind(s.unit, r.kind),
    countedNoun: forKind(s.countedNoun, r.kind),
    previousFailed: r.previousFailed.length,
    rechecked: r.previousFailed.length - r.notRechecked.length,
    stillFailing: r.stillFailing.length,
    fixed: r.fixed.length,
    notRechecked: r.notRechecked.length,
    allFixed: r.previousFailed.length > 0 && r.stillFailing.length === 0 && r.notRechecked.length === 0,
    stillFailingNames: listOf(grammarOf(s), r.stillFailing.map((e) => subjectOf(s, e))),
  };
}

/** Every placeholder a phrase of the settings may use. */
export function phraseView(m: Figures): View {
  const s = m.settings;
  const g = grammarOf(s);
  const c = m.campaign;
  const kinds = m.kinds;
  const first: RecordKind = kinds[0] ?? 'website';
  const nouns = kinds.map((k) => s.nouns[k]);
  const websites = kindView(m, m.websites);
  const media = kindView(m, m.media);
  const overallChecked = kinds.reduce((n, k) => n + (k === 'website' ? m.websites : m.media).checked, 0);
  const overallPopulation = kinds.every((k) => (k === 'website' ? m.websites : m.media).population !== null)
    ? kinds.reduce((n, k) => n + ((k === 'website' ? m.websites : m.media).population ?? 0), 0)
    : null;
  const lists = Object.fromEntries(
    Object.values(m.lists).map((l) => [l.key, { names: l.names, count: l.count, any: l.count > 0, none: l.count === 0, share: pct(l.share), others: listOf(g, l.others), otherCount: l.others.length, anyOthers: l.others.length > 0 }]),
  );
  const breakdowns = Object.fromEntries(Object.values(m.namedBreakdowns).map((b) => [b.key, { text: b.text, total: b.total ?? '', sum: b.sum }]));
  // a kind's phrases see the named breakdowns too (its own by-field breakdowns keep their keys)
  websites.breakdowns = { ...breakdowns, ...(websites.breakdowns as View) };
  media.breakdowns = { ...breakdowns, ...(media.breakdowns as View) };
  const office: View = { ...m.office.figures };
  for (const [k, r] of Object.entries(m.office.rates)) office[k] = pct(r);
  for (const [k, t] of Object.entries(m.office.tables)) office[k] = { text: t.text, total: t.total };
  const recheck = m.recheck
    ? {
        websites: recheckKindView(m, m.recheck.websites),
        media: recheckKindView(m, m.recheck.media),
        previousPeriod: periodText(s, m.recheck.previousPeriod),
      }
    : null;
  const failedAny = kinds.some((k) => (k === 'website' ? m.websites : m.media).failed > 0);
  return {
    issuer: c.issuer,
    issuerSelf: c.issuerSelf,
    scope: c.scope,
    year: c.year,
    quarter: c.quarter,
    quarterName: quarterName(s, c.quarter),
    batch: c.batch ?? '',
    batchName: c.batch ? ordinal(s, c.batch) : '',
    batchText: batchText(s, c),
    period: periodText(s, c),
    previousPeriod: m.previousPeriod ? periodText(s, m.previousPeriod) : '',
    previousYear: m.previousPeriod?.year ?? '',
    previousQuarterName: m.previousPeriod ? quarterName(s, m.previousPeriod.quarter) : '',
    level: s.level,
    levelWord: s.levelWord,
    subject: nouns.join(s.kindsJoin),
    subjectAnd: nouns.join(s.kindsAnd),
    hasWebsites: kinds.includes('website'),
    hasMedia: kinds.includes('media'),
    bothKinds: kinds.length > 1,
    checkWord: forKind(s.checkWord, first),
    unit: forKind(s.unit, first),
    countedNoun: forKind(s.countedNoun, first),
    basis: listOf(g, s.basis),
    checkStandard: '',
    checkWindow: formatRange(s, c.checkWindow.start, c.checkWindow.end),
    populationAsOf: s.populationAsOf ? formatDay(s, s.populationAsOf) : '',
    allPassed: overallChecked > 0 && !failedAny,
    anyFailed: failedAny,
    websites,
    media,
    overall: {
      checked: overallChecked,
      population: overallPopulation ?? '',
      samplingRatio: overallPopulation ? pct(percent(overallChecked, overallPopulation, { decimals: forKind(s.precision.samplingRatio, first), rounding: s.rounding, wholeBare: s.wholeBare })) : '',
    },
    lists,
    breakdowns,
    office,
    recheck,
    deadlines: { rectification: formatDeadline(s, s.deadlines.rectification), filing: formatDeadline(s, s.deadlines.filing) },
    responsible: s.responsible,
    filingResponsible: s.filingResponsible,
  };
}

/** The view with the settings' texts that use placeholders themselves filled in. */
export function filledView(m: Figures): View {
  const s = m.settings;
  const v = phraseView(m);
  v.checkStandard = fill(s.checkStandard, v);
  v.responsible = fill(s.responsible, v);
  v.filingResponsible = fill(s.filingResponsible, v);
  v.addressee = fill(s.addressee, v);
  return v;
}

// ------------------------------------------------------------------------------------------------
// The overview
// ------------------------------------------------------------------------------------------------

function figuresOf(m: Figures, kind: RecordKind): KindFigures {
  return kind === 'website' ? m.websites : m.media;
}

/** The overview settings of one kind: the shared ones overlaid with the kind's own. */
function kindSettings(s: BulletinSettings, kind: RecordKind) {
  const own = s.overview.kinds?.[kind] ?? {};
  return {
    order: own.order ?? s.overview.order,
    phrases: { ...s.overview.phrases, ...own.phrases } as OverviewPhrases,
    before: own.before ?? s.overview.before,
    after: own.after ?? s.overview.after,
    subitemHeading: own.subitemHeading ?? s.overview.subitemHeading,
  };
}

/** The re-check as one text (or per kind), or empty when there was nothing to re-check. */
function recheckText(m: Figures, view: View, kind?: RecordKind): string {
  const s = m.settings;
  const g = grammarOf(s);
  if (!m.recheck) return '';
  const rv = view.recheck as { websites: View; media: View; previousPeriod: string };
  const per = (k: RecordKind) => {
    const r = k === 'website' ? m.recheck!.websites : m.recheck!.media;
    if (!r.previousFailed.length) return '';
    const kv: View = { ...view, ...(k === 'website' ? rv.websites : rv.media), previousPeriod: rv.previousPeriod };
    return fill(kv.allFixed === true ? s.recheck.kindFixed : s.recheck.kind, kv);
  };
  if (kind) return per(kind);
  const withFailures = m.kinds.filter((k) => (k === 'website' ? m.recheck!.websites : m.recheck!.media).previousFailed.length > 0);
  const allFixed = withFailures.length > 1 && withFailures.every((k) => ((k === 'website' ? rv.websites : rv.media).allFixed as boolean));
  if (allFixed) return closeSentence(g, fill(s.recheck.allFixed, { ...view, previousPeriod: rv.previousPeriod }));
  return sentences(g, withFailures.map(per));
}

/** The clauses of one kind's sentence, in the configured order. */
function kindSentence(m: Figures, view: View, kind: RecordKind): string {
  const s = m.settings;
  const g = grammarOf(s);
  const f = figuresOf(m, kind);
  const ks = kindSettings(s, kind);
  const kv = { ...view, ...(view[kind === 'website' ? 'websites' : 'media'] as View) };
  const order = [...ks.order];
  if (s.recheck.placement === 'tail' && !order.includes('recheck')) order.push('recheck');
  if (s.recheck.placement === 'afterFailed' && !order.includes('recheck')) order.splice(order.indexOf('failed') + 1 || order.length, 0, 'recheck');
  const ph = ks.phrases;
  const clause = (c: string): string => {
    switch (c) {
      case 'coverage':
        if (f.checked === 0) return (f.population ?? 0) > 0 ? fill(ph.populationOnly, kv) : '';
        return fill(f.fullSample ? ph.census : f.population !== null ? ph.sample : ph.noPopulation, kv);
      case 'ratio':
        if (f.population === null || f.checked === 0 || s.overview.ratio === 'never' || (s.overview.ratio === 'sample' && f.fullSample)) return '';
        return fill(ph.ratio, kv);
      case 'failed':
        return f.checked === 0 ? '' : fill(f.failed > 0 ? ph.failed : ph.failedNone, kv);
      case 'passed':
        return f.checked === 0 ? '' : fill(ph.passed, kv);
      case 'rate':
        return f.checked === 0 ? '' : fill(ph.rate, kv);
      case 'change':
        return kv.change as string;
      case 'recheck':
        return recheckText(m, view, kind);
      default:
        if (c.startsWith('breakdown:')) return m.namedBreakdowns[c.slice(10)]?.text ?? '';
        if (c.startsWith('list:')) return m.lists[c.slice(5)]?.names ?? '';
        return ph[c] !== undefined ? fill(ph[c], kv) : '';
    }
  };
  return joinClauses(g, order.map(clause));
}

/** The sentences of one kind: before, its figures, after (each closed). */
function kindParagraph(m: Figures, view: View, kind: RecordKind, lead: string): string {
  const s = m.settings;
  const g = grammarOf(s);
  const ks = kindSettings(s, kind);
  const kv = { ...view, ...(view[kind === 'website' ? 'websites' : 'media'] as View) };
  const main = joinClauses(g, [lead, kindSentence(m, view, kind)]);
  return sentences(g, [...ks.before.map((p) => fill(p, kv)), main, ...ks.after.map((p) => fill(p, kv))]);
}

interface ItemContext {
  m: Figures;
  view: View;
  /** The lead before the first figures of the section, given once. */
  lead: { text: string };
  withHeadings: boolean;
}

function takeLead(ctx: ItemContext): string {
  const t = ctx.lead.text;
  ctx.lead.text = '';
  return t;
}

/** The kinds of a bulletin that have something to print in the overview. */
function kindsWithFigures(m: Figures): RecordKind[] {
  return m.kinds.filter((k) => figuresOf(m, k).checked > 0 || (figuresOf(m, k).population ?? 0) > 0);
}

function builtInItem(ctx: ItemContext, item: string, heading?: string): Paragraph[] {
  const { m, view } = ctx;
  const s = m.settings;
  const g = grammarOf(s);
  const headed = (text: string, h?: string): Paragraph[] => (text ? [{ ...(h ? { runIn: h } : {}), text }] : []);
  switch (item) {
    case 'kinds': {
      const kinds = kindsWithFigures(m);
      if (s.overview.layout === 'joined') {
        const lead = takeLead(ctx);
        const main = joinClauses(g, kinds.map((k, i) => joinClauses(g, [i === 0 ? lead : '', kindSentence(m, view, k)])), s.overview.kindJoin);
        const extra = (which: 'before' | 'after') => kinds.flatMap((k) => kindSettings(s, k)[which].map((p) => fill(p, { ...view, ...(view[k === 'website' ? 'websites' : 'media'] as View) })));
        return headed(sentences(g, [...extra('before'), main, ...extra('after')]), heading);
      }
      return kinds.flatMap((k) => builtInItem(ctx, k === 'website' ? 'website' : 'media', s.overview.layout === 'subitems' ? fill(kindSettings(s, k).subitemHeading, { ...view, ...(view[k === 'website' ? 'websites' : 'media'] as View) }) : undefined));
    }
    case 'website':
    case 'media': {
      const kind: RecordKind = item;
      if (!m.kinds.includes(kind)) return [];
      return headed(kindParagraph(m, view, kind, takeLead(ctx)), heading);
    }
    case 'registry':
      return headed(
        sentences(
          g,
          m.kinds.filter((k) => figuresOf(m, k).unregistered > 0 || figuresOf(m, k).nearMiss > 0).map((k) => fill(kindSettings(s, k).phrases.registry, { ...view, ...(view[k === 'website' ? 'websites' : 'media'] as View) })),
        ),
        heading,
      );
    case 'recheck':
      return headed(recheckText(m, view), heading ?? (ctx.withHeadings && m.recheck ? fill(s.recheck.heading, { ...view, previousPeriod: (view.recheck as { previousPeriod: string } | null)?.previousPeriod ?? '' }) : undefined));
    case 'figures':
      return headed(String(view.figures ?? ''), heading);
    default:
      return [];
  }
}

/** The items of the overview, with the re-check placed where the settings say. */
function overviewItems(s: BulletinSettings, items: OverviewItem[]): OverviewItem[] {
  const out = [...items];
  const named = (i: OverviewItem) => (typeof i === 'string' ? i : i.item);
  if (out.some((i) => named(i) === 'recheck')) return out;
  if (s.recheck.placement === 'first') out.unshift('recheck');
  if (s.recheck.placement === 'own') {
    const last = Math.max(...out.map((i, n) => (['kinds', 'website', 'media'].includes(named(i) ?? '') ? n : -1)));
    out.splice(last + 1, 0, 'recheck');
  }
  return out;
}

function itemParagraphs(ctx: ItemContext, items: OverviewItem[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(...builtInItem(ctx, item));
    else if (item.item) out.push(...builtInItem(ctx, item.item, item.heading ? fill(item.heading, ctx.view) : undefined));
    else {
      const text = closeSentence(grammarOf(ctx.m.settings), fill(item.text ?? '', ctx.view));
      const heading = item.heading ? fill(item.heading, ctx.view) : '';
      if (text || heading) out.push({ ...(heading ? { runIn: heading } : {}), text });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Requirements and the closing paragraph
// ------------------------------------------------------------------------------------------------

function closingParagraph(m: Figures, view: View): string {
  const s = m.settings;
  const g = grammarOf(s);
  const items = [
    m.websites.failed ? fill(s.closingItems.websitesFailed, { ...view, ...(view.websites as View), count: m.websites.failed }) : '',
    m.media.failed ? fill(s.closingItems.mediaFailed, { ...view, ...(view.media as View), count: m.media.failed }) : '',
    m.media.unregisteredFailed ? fill(s.closingItems.unregisteredFailed, { ...view, ...(view.media as View), count: m.media.unregisteredFailed }) : '',
  ].filter(Boolean);
  const list = listOf(g, items);
  const rectify = list ? fill(s.closing.rectify, { ...view, list }) : '';
  const filing = m.kinds
    .filter((k) => figuresOf(m, k).unregistered > 0)
    .map((k) => fill(s.closing.filing, { ...view, ...(view[k === 'website' ? 'websites' : 'media'] as View), deadline: (view.deadlines as { filing: string }).filing }));
  const deadline = (view.deadlines as { rectification: string }).rectification;
  const report = deadline ? fill(s.closing.report, { ...view, deadline, filing: filing.length > 0 }) : '';
  return sentences(g, [joinClauses(g, [rectify, ...filing], g.sentenceJoin), report]);
}

function requirementParagraphs(m: Figures, view: View): Paragraph[] {
  const g = grammarOf(m.settings);
  return m.settings.requirements
    .map((r) => ({ runIn: fill(r.heading, view), text: closeSentence(g, fill(r.text, view)) }))
    .filter((p) => p.runIn || p.text)
    .map((p) => (p.runIn ? p : { text: p.text }));
}

function problemParagraphs(m: Figures, problems: ProblemGroup[], section: string): Paragraph[] {
  const g = grammarOf(m.settings);
  return problems.filter((p) => (p.section ?? 'problems') === section).map((p) => (p.heading ? { runIn: p.heading, text: closeSentence(g, p.text) } : { text: closeSentence(g, p.text) }));
}

// ------------------------------------------------------------------------------------------------
// Sections
// ------------------------------------------------------------------------------------------------

/** Numbers the sub-items of a section and places their headings run-in or on their own line. */
function numberParagraphs(s: BulletinSettings, paragraphs: Paragraph[], style: SectionSettings['headings'], numberAll: boolean): Paragraph[] {
  const g = grammarOf(s);
  let n = 0;
  return paragraphs
    .filter((p) => p.text || p.runIn)
    .map((p) => {
      if (!p.runIn && numberAll) return { text: fill(s.numbering.item, { number: ordinal(s, ++n), heading: '' }) + p.text };
      if (!p.runIn) return p;
      const heading = fill(s.numbering.item, { number: ordinal(s, ++n), heading: p.runIn });
      return style === 'line' ? { headingLine: heading, text: p.text } : { runIn: closeSentence(g, heading), text: p.text };
    });
}

/** The preamble and the sections of the body, composed. */
export function composeBody(m: Figures, problems: ProblemGroup[]): { preamble: string; sections: Section[]; view: View } {
  const s = m.settings;
  const view = filledView(m);
  // the figures of every kind as one text, for settings that put them in the preamble
  view.figures = itemParagraphs({ m, view, lead: { text: '' }, withHeadings: false }, ['kinds']).map((p) => p.text).join('');
  // each group's text, for phrases that say a group's problems inline
  view.groups = Object.fromEntries(problems.map((p) => [p.key, p.text]));
  const sections: Section[] = [];
  for (const sec of s.sections) {
    let paragraphs: Paragraph[] = [];
    const withHeadings = sec.key === 'overview' ? s.overview.layout === 'subitems' || (sec.items ?? s.overview.items).some((i) => typeof i !== 'string' && !!i.heading) : true;
    const ctx: ItemContext = { m, view, lead: { text: fill(s.overview.lead, view) }, withHeadings };
    if (sec.key === 'overview') paragraphs = itemParagraphs(ctx, overviewItems(s, sec.items ?? s.overview.items));
    else if (sec.key === 'problems') paragraphs = problemParagraphs(m, problems, 'problems');
    else if (sec.key === 'requirements') paragraphs = [...requirementParagraphs(m, view), { text: closingParagraph(m, view) }];
    else {
      for (const item of sec.items ?? []) {
        const name = typeof item === 'string' ? item : item.item;
        if (name === 'problems') paragraphs.push(...problemParagraphs(m, problems, sec.key));
        else if (name === 'requirements') paragraphs.push(...requirementParagraphs(m, view));
        else if (name === 'closing') paragraphs.push({ text: closingParagraph(m, view) });
        else paragraphs.push(...itemParagraphs(ctx, [item]));
      }
    }
    const numbered = numberParagraphs(s, paragraphs, sec.headings, sec.number === 'all');
    if (!numbered.length) continue;
    sections.push({ key: sec.key, heading: fill(sec.heading, view), paragraphs: numbered });
  }
  sections.forEach((sec) => (sec.heading = fill(s.numbering.section, { number: ordinal(s, sections.indexOf(sec) + 1), heading: sec.heading })));
  return { preamble: fill(s.preamble, view), sections, view };
}
