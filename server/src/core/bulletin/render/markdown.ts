// The bulletin as Markdown for preview: the 版头 marks (份号, 密级, 紧急程度) when configured, the body
// rendered from the template, each attachment list as a table under its label and title, then the
// 版记 when configured.
import type { AttachmentTable, BulletinModel } from '../bulletinModel';
import { escapeMarkdown, renderBody } from '../view';
import { imprintTexts } from './imprint';

/** Escapes a table cell: Markdown specials, and line breaks (a table row is one line). */
function cell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ');
}

/** One attachment as a Markdown section with its table. */
export function attachmentMarkdown(a: AttachmentTable): string {
  const lines = [`## ${escapeMarkdown(a.label)}`, '', `### ${escapeMarkdown(a.title)}`, ''];
  lines.push(`| ${a.columns.map((c) => cell(c.header)).join(' | ')} |`);
  lines.push(`| ${a.columns.map(() => '---').join(' | ')} |`);
  for (const r of a.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/** The whole bulletin as Markdown. */
export function renderMarkdown(model: BulletinModel, template: string): string {
  const s = model.settings;
  const marks = [s.copyNumber, s.secrecy, s.urgency].filter((t) => t.trim()).map((t) => `<p align="left">${escapeMarkdown(t.trim())}</p>\n`);
  const parts = [...marks, renderBody(model, template)];
  for (const a of model.attachments) parts.push('---\n', attachmentMarkdown(a));
  const imprint = imprintTexts(model);
  if (imprint) {
    const lines = [...(imprint.copyTo ? [imprint.copyLabel + imprint.copyTo] : []), `${imprint.printer}　　${imprint.printed}`];
    parts.push('---\n', lines.map((l) => `<p align="left">${escapeMarkdown(l)}</p>\n`).join('\n'));
  }
  return parts.join('\n');
}
