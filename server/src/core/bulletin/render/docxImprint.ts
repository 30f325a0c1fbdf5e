// 版记 (GB/T 9704-2012 7.4): after the attachments, at the foot of a page of its own, between a thick
// first and last rule with thin rules between its elements: 抄送 (四号仿宋, one character in from
// either side, wrapped lines aligned after the colon, the last office followed by a full stop), and
// the printing office (one character from the left) with the printing date (one from the right).
import { BorderStyle, LineRuleType, Paragraph, Table, TableCell, TableRow, TabStopType, WidthType, type ISectionOptions } from 'docx';
import { lineCount, textWidthEm } from '../../layout/textWidth';
import type { BulletinModel } from '../bulletinModel';
import { imprintTexts } from './imprint';
import { emTwips, LAYOUT, pageMargins, run, textArea } from './docxStyle';

const SIZE = LAYOUT.size.imprint;
const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });

/** The 版记 section, or null when there is none. */
export function imprintSection(m: BulletinModel, footers: ISectionOptions['footers']): ISectionOptions | null {
  const texts = imprintTexts(m);
  if (!texts) return null;
  const width = textArea(false).width;
  const side = LAYOUT.smallChar;
  const labelW = emTwips(textWidthEm(texts.copyLabel), SIZE);
  /** One element of the 版记: a full-width row without cell margins (the indents place the text). */
  const row = (paragraph: Paragraph) =>
    new TableRow({
      cantSplit: true,
      children: [new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { left: 0, right: 0, top: 0, bottom: 0 }, children: [paragraph] })],
    });
  const rows: TableRow[] = [];
  let lines = 1;
  if (texts.copyTo) {
    lines += lineCount(texts.copyLabel + texts.copyTo, (width - 2 * side) / emTwips(1, SIZE));
    rows.push(
      row(
        new Paragraph({
          indent: { left: Math.round(side + labelW), hanging: Math.round(labelW), right: side },
          spacing: exact(LAYOUT.line),
          children: [run(texts.copyLabel + texts.copyTo, LAYOUT.fonts.body, SIZE)],
        }),
      ),
    );
  }
  rows.push(
    row(
      new Paragraph({
        indent: { left: side, right: side },
        tabStops: [{ type: TabStopType.RIGHT, position: width - side }],
        spacing: exact(LAYOUT.line),
        children: [run(`${texts.printer}\t${texts.printed}`, LAYOUT.fonts.body, SIZE)],
      }),
    ),
  );
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    borders: { top: thick, bottom: thick, insideHorizontal: thin, left: none, right: none, insideVertical: none },
    rows,
  });
  // an empty line of the exact height that leaves the 版记 at the foot of the page
  const height = textArea(false).height;
  const spacer = height - lines * LAYOUT.line - 200;
  return {
    properties: { page: { size: { width: LAYOUT.page.width, height: LAYOUT.page.height }, margin: pageMargins(false) } },
    footers,
    children: [new Paragraph({ spacing: exact(spacer), children: [] }), table, new Paragraph({ spacing: exact(20), children: [] })],
  };
}
