// The body of the Word bulletin laid out per GB/T 9704-2012: the 版头 marks (份号, 密级和保密期限,
// 紧急程度) at the top left, the title, headings and paragraphs on the 28.95 pt grid, the
// attachment note (7.3.4: one blank line below the text, two characters in, “附件：1.名称”, wrapped
// lines aligned under the first character of the name), and the signature and date of a sealed
// (7.3.5.1) or unsealed (7.3.5.2) document.
import { AlignmentType, LineRuleType, Paragraph, TabStopType, type IParagraphOptions } from 'docx';
import { AUTOSPACE_EM, scriptChanges, textWidthEm } from '../../layout/textWidth';
import type { BulletinSettings } from '../settings';
import type { AttachmentItem, Block } from './blocks';
import { emTwips, LAYOUT, run, textArea } from './docxStyle';

const bodySpacing = { line: LAYOUT.line, lineRule: LineRuleType.EXACT };
const BODY = LAYOUT.size.body;

/** Width of a text in the body's type (twips), never narrower than printed. */
function bodyWidth(text: string): number {
  return emTwips(textWidthEm(text), BODY);
}

/** Width of a text as word processors set it, for centring (twips). */
function printedWidth(text: string): number {
  return emTwips(textWidthEm(text, 'times') + AUTOSPACE_EM * scriptChanges(text), BODY);
}

/** The 版头 marks above the title, in the order of the standard, each on its own line (3号黑体). */
export function headMarks(s: BulletinSettings): Paragraph[] {
  return [s.copyNumber, s.secrecy, s.urgency]
    .filter((t) => t.trim())
    .map((t) => new Paragraph({ spacing: bodySpacing, keepNext: true, children: [run(t.trim(), LAYOUT.fonts.heading1, BODY)] }));
}

function simpleParagraph(b: Exclude<Block, { type: 'attachments' | 'signature' | 'date' }>): Paragraph {
  switch (b.type) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: LAYOUT.line, line: LAYOUT.titleLine, lineRule: LineRuleType.EXACT },
        children: [run(b.text, LAYOUT.fonts.title, LAYOUT.size.title)],
      });
    case 'heading1':
    case 'heading2':
      // 公文 headings sit in the body's size and indent; only the face differs (黑体, 楷体)
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 2 * LAYOUT.char },
        spacing: bodySpacing,
        keepNext: true,
        children: [run(b.text, LAYOUT.fonts[b.type], BODY)],
      });
    case 'aligned':
      return new Paragraph({
        alignment: b.align === 'center' ? AlignmentType.CENTER : b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: bodySpacing,
        children: [run(b.text, LAYOUT.fonts.body, BODY)],
      });
    case 'paragraph':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 2 * LAYOUT.char },
        spacing: bodySpacing,
        children: [...(b.runIn ? [run(b.runIn, LAYOUT.fonts.heading2, BODY)] : []), run(b.text, LAYOUT.fonts.body, BODY)],
      });
  }
}

/**
 * The attachment note. Every line of a name starts at one tab stop (the hanging indent), so that
 * wrapped lines align under the name's first character whatever the font; the numbers sit at a
 * stop of their own right after “附件：”.
 */
export function attachmentNote(heading: string, items: readonly AttachmentItem[]): Paragraph[] {
  const start = 2 * LAYOUT.char;
  const numberAt = start + bodyWidth(heading);
  // the widest number plus a quarter of a character, rounded up to a quarter
  const numberSlot = items.some((i) => i.number) ? Math.ceil((Math.max(...items.map((i) => textWidthEm(i.number))) + 0.25) * 4) / 4 : 0;
  const nameAt = Math.round(numberAt + emTwips(numberSlot, BODY));
  const tabStops = [
    { type: TabStopType.LEFT, position: Math.round(numberAt) },
    { type: TabStopType.LEFT, position: nameAt },
  ];
  if (!items.length) return [new Paragraph({ indent: { left: start }, spacing: { ...bodySpacing, before: LAYOUT.line }, children: [run(heading, LAYOUT.fonts.body, BODY)] })];
  return items.map((item, i) => {
    const lead = i === 0 ? heading : '\t';
    const text = item.number ? `${lead}${item.number}\t${item.title}` : `${lead}${item.title}`;
    return new Paragraph({
      alignment: AlignmentType.LEFT,
      indent: { left: nameAt, hanging: nameAt - start },
      tabStops: item.number ? tabStops : [tabStops[0]],
      spacing: { ...bodySpacing, before: i === 0 ? LAYOUT.line : 0 },
      keepLines: true,
      keepNext: true,
      children: [run(text, LAYOUT.fonts.body, BODY)],
    });
  });
}

/**
 * The signature and the date. Sealed (7.3.5.1): the date four characters from the right margin, the
 * signature centred over it (a centre tab at the date's middle), two blank lines above for the seal.
 * Unsealed (7.3.5.2): one blank line, the signature two characters from the right margin and the
 * date below it starting two characters further right; a longer date keeps two characters from the
 * margin and pushes the signature left.
 */
export function signatureBlock(signature: string, date: string, sealed: boolean): Paragraph[] {
  const width = textArea(false).width;
  // the signature is centred over the date as it is set: Times New Roman digits, and the space word
  // processors add between Chinese characters and digits
  const sigW = printedWidth(signature);
  const dateW = printedWidth(date);
  const out: Paragraph[] = [];
  const para = (text: string, options: IParagraphOptions, first: boolean) =>
    new Paragraph({
      ...options,
      spacing: { ...bodySpacing, before: first ? (sealed ? 2 : 1) * LAYOUT.line : 0 },
      keepLines: true,
      keepNext: first && !!date && !!signature,
      children: [run(text, LAYOUT.fonts.body, BODY)],
    });
  if (sealed) {
    const dateRight = 4 * LAYOUT.char;
    if (signature) {
      // centred over the date, but never past the right margin
      const centre = date ? Math.min(width - dateRight - dateW / 2, width - sigW / 2) : width - dateRight - sigW / 2;
      out.push(para(`\t${signature}`, { tabStops: [{ type: TabStopType.CENTER, position: Math.round(centre) }] }, true));
    }
    if (date) out.push(para(date, { alignment: AlignmentType.RIGHT, indent: { right: dateRight } }, !signature));
    return out;
  }
  const two = 2 * LAYOUT.char;
  const sigLeft = Math.max(0, width - two - Math.max(sigW, date ? dateW + two : 0));
  if (signature) out.push(para(signature, { alignment: AlignmentType.LEFT, indent: { left: Math.round(sigLeft) } }, true));
  if (date) out.push(para(date, { alignment: AlignmentType.LEFT, indent: { left: Math.round(signature ? sigLeft + two : width - two - dateW) } }, !signature));
  return out;
}

/** The body's paragraphs: blocks in order, the signature and the date laid out together. */
export function bodyParagraphs(blocks: readonly Block[], s: BulletinSettings): Paragraph[] {
  const out: Paragraph[] = [...headMarks(s)];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'attachments') out.push(...attachmentNote(b.heading, b.items));
    else if (b.type === 'signature' || b.type === 'date') {
      const next = blocks[i + 1];
      const date = b.type === 'date' ? b.text : next?.type === 'date' ? next.text : '';
      if (b.type === 'signature' && next?.type === 'date') i++;
      out.push(...signatureBlock(b.type === 'signature' ? b.text : '', date, s.sealed));
    } else out.push(simpleParagraph(b));
  }
  return out;
}
