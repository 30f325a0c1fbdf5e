// The bulletin as Markdown for preview: the body rendered from the template, then each attachment
// list as a table under its label and title.
import type { AttachmentTable, BulletinModel } from '../bulletinModel';
import { escapeMarkdown, renderBody } from '../view';

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
  const parts = [renderBody(model, template)];
  for (const a of model.attachments) parts.push('---\n', attachmentMarkdown(a));
  return parts.join('\n');
}
