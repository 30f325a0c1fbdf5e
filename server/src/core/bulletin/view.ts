// The Mustache view of a bulletin: the model's figures as the printed strings (94.8%, 2021年6月11日
// 至20日, 一 …) that the logic-less body template places. Every word comes from the settings.
import { displayValue } from '../l10n';
import { renderBounded } from './boundedTemplate';
import type { RecordKind } from '../model';
import type { Breakdown, BulletinModel, KindFigures, RecheckFigures } from './bulletinModel';
import type { RoundedFigure } from './rounding';
import { formatDocumentDate } from './documentDate';
import { fill, formatDeadline, formatRange, joinList, logicLessView, ordinal, periodText, quarterName, subjectOf } from './wording';

const pct = (f: RoundedFigure | null): string => (f ? `${f.text}%` : '');

function breakdownView(b: Breakdown) {
  return {
    by: b.by,
    matches: b.matches,
    rows: b.rows.map((r) => ({ key: r.key, checked: r.checked, failed: r.failed, passRate: pct(r.passRate) })),
  };
}

function kindView(m: BulletinModel, f: KindFigures) {
  const s = m.settings;
  const change = f.change && s.overview.changes ? fill(s.changeWords[f.change.direction], { points: f.change.points.text.replace(/^-/, '') }) : '';
  const b = Object.fromEntries(f.breakdowns.map((x) => [x.by, breakdownView(x)]));
  return {
    noun: s.nouns[f.kind],
    registryName: s.registryName[f.kind],
    population: f.population ?? '',
    hasPopulation: f.population !== null,
    checked: f.checked,
    hasChecked: f.checked > 0,
    failed: f.failed,
    hasFailed: f.failed > 0,
    passed: f.passed,
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
    change,
    previousPassRate: f.change ? pct(f.change.previousRate) : '',
    breakdowns: s.overview.breakdowns ? b : null,
  };
}

function recheckSentence(m: BulletinModel, kind: RecordKind, r: RecheckFigures): string {
  const s = m.settings;
  if (!r.previousFailed.length) return '';
  return fill(s.recheckSentence, {
    countedNoun: s.countedNoun,
    unit: s.unit,
    noun: s.nouns[kind],
    previousFailed: r.previousFailed.length,
    rechecked: r.previousFailed.length - r.notRechecked.length,
    stillFailing: r.stillFailing.length,
    fixed: r.fixed.length,
    notRechecked: r.notRechecked.length,
    stillFailingNames: joinList(s, r.stillFailing.map((e) => subjectOf(s, e))),
  });
}

/** The view the body template is rendered with. */
export function bulletinView(m: BulletinModel) {
  const s = m.settings;
  const c = m.campaign;
  const base = {
    issuer: c.issuer,
    issuerSelf: c.issuerSelf,
    scope: c.scope,
    year: c.year,
    quarter: c.quarter,
    quarterName: quarterName(s, c.quarter),
    batch: c.batch ?? '',
    period: periodText(s, c),
    unit: s.unit,
    countedNoun: s.countedNoun,
    basis: joinList(s, s.basis),
  };
  const closing = [
    m.websites.failed ? fill(s.closingItems.websitesFailed, { ...base, count: m.websites.failed, noun: s.nouns.website }) : '',
    m.media.failed ? fill(s.closingItems.mediaFailed, { ...base, count: m.media.failed, noun: s.nouns.media }) : '',
    m.media.unregisteredFailed ? fill(s.closingItems.unregisteredFailed, { ...base, count: m.media.unregisteredFailed, noun: s.nouns.media }) : '',
  ].filter(Boolean);
  const recheck =
    m.recheck && s.overview.recheck
      ? [recheckSentence(m, 'website', m.recheck.websites), recheckSentence(m, 'media', m.recheck.media)].filter(Boolean).join('')
      : '';
  return {
    ...base,
    title: fill(s.title, base),
    documentNumber: fill(s.documentNumber, base),
    addressee: fill(s.addressee, base),
    preamble: fill(s.preamble, base),
    checkStandard: fill(s.checkStandard, base),
    checkWindow: formatRange(s, c.checkWindow.start, c.checkWindow.end),
    websites: kindView(m, m.websites),
    media: kindView(m, m.media),
    recheck,
    problems: m.problems.map((p, i) => ({ number: ordinal(s, i + 1), heading: p.heading, text: p.text })),
    hasProblems: m.problems.length > 0,
    callouts: m.callouts,
    requirements: s.requirements.map((r, i) => ({ number: ordinal(s, i + 1), heading: fill(r.heading, base), text: fill(r.text, base) })),
    closingList: joinList(s, closing),
    hasClosingList: closing.length > 0,
    responsible: s.responsible,
    filingResponsible: s.filingResponsible,
    deadlines: { rectification: formatDeadline(s, s.deadlines.rectification), filing: formatDeadline(s, s.deadlines.filing) },
    attachmentsHeading: s.attachmentsHeading,
    attachments: m.attachments.map((a) => ({ number: a.number, label: a.label, title: a.title })),
    hasAttachments: m.attachments.length > 0,
    signature: fill(s.signature, base),
    date: formatDocumentDate(s, s.date),
  };
}

/** Backslash-escapes the characters Markdown would read as markup. */
export function escapeMarkdown(text: unknown): string {
  return displayValue(text).replace(/[\\`*_[\]<>|~#]/g, '\\$&');
}

/** The body (everything before the attachments) as Markdown, from the template. */
export function renderBody(m: BulletinModel, template: string): string {
  // the template may come from the campaign folder: it sees the view's data and nothing else
  const out = renderBounded(template, logicLessView(bulletinView(m)), escapeMarkdown);
  // a provisional bulletin says so first, whatever the template (a campaign's own may not know of it)
  const marker = m.provisional ? `<p align="center">${escapeMarkdown(m.provisional.text)}</p>\n\n` : '';
  // blank lines left by empty sections collapse to one
  return marker + out.replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}
