// The Mustache view of a bulletin: the composed body (preamble, numbered sections of paragraphs),
// the header and closing parts, and every figure as printed (94.8%, 2021年6月11日至20日 …) for a
// campaign's own template. Every word comes from the settings.
import { displayValue } from '../l10n';
import type { BulletinModel } from './bulletinModel';
import { renderBounded } from './boundedTemplate';
import { phraseView } from './compose';
import { formatDocumentDate } from './documentDate';
import { fill, logicLessView } from './fill';
import { ordinal } from './wording';

/** The view the body template is rendered with. */
export function bulletinView(m: BulletinModel) {
  const s = m.settings;
  const base = phraseView(m);
  base.checkStandard = fill(s.checkStandard, base);
  const addressee = fill(s.addressee, base).trim();
  return {
    ...base,
    title: fill(s.title, base),
    documentNumber: fill(s.documentNumber, base),
    addressee,
    preamble: m.preamble,
    sections: m.sections.map((sec) => ({
      key: sec.key,
      heading: sec.heading,
      paragraphs: sec.paragraphs.map((p) => ({ runIn: p.runIn ?? '', headingLine: p.headingLine ?? '', text: p.text })),
    })),
    problems: m.problems.map((p, i) => ({ number: ordinal(s, i + 1), heading: p.heading, text: p.text })),
    hasProblems: m.problems.length > 0,
    callouts: m.callouts,
    requirements: s.requirements.map((r, i) => ({ number: ordinal(s, i + 1), heading: fill(r.heading, base), text: fill(r.text, base) })),
    attachmentsHeading: s.attachmentsHeading,
    // one attachment alone is not numbered (GB/T 9704-2012 7.3.4)
    attachments: m.attachments.map((a) => ({ number: m.attachments.length > 1 ? `${a.number}.` : '', label: a.label, title: a.title })),
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
