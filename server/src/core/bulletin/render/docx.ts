// The bulletin as a Word document in official-document layout (GB/T 9704): A4, margins 37/35/28/26
// mm, title in 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 with a two-character first-line
// indent, level-1 headings 黑体, level-2 楷体, page numbers “— N —”, each attachment list a table on
// its own (landscape) page. The font names are kept even where a machine lacks them: Windows offices have them.
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ISectionOptions,
} from 'docx';
import type { AttachmentTable, BulletinModel } from '../bulletinModel';
import { renderBody } from '../view';
import { parseBlocks, type Block } from './blocks';

/** Layout of GB/T 9704 (sizes in half-points, lengths in twips). */
const LAYOUT = {
  page: { width: 11906, height: 16838 },
  // 37 / 35 / 28 / 26 mm
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1134 },
  fonts: { title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体', latin: 'Times New Roman' },
  size: { title: 44, body: 32, table: 24, pageNumber: 28 },
  // 22 lines to the page: exact 28.95 pt line pitch
  line: 579,
  // two characters of 16 pt
  indent: 640,
  // name lists are wide: their pages are A4 landscape
  landscape: { width: 16838, height: 11906 },
  // left + right cell margins (Word's default 108 twips each) and a little air
  cellPadding: 300,
  // columns whose longest text is at most this many characters never wrap (序号, 网站标识码)
  shortColumn: 8,
} as const;

function run(text: string, font: string, size: number, bold = false): TextRun {
  const options: IRunOptions = { text, font: { eastAsia: font, ascii: LAYOUT.fonts.latin, hAnsi: LAYOUT.fonts.latin, hint: 'eastAsia' }, size, bold };
  return new TextRun(options);
}

const bodySpacing = { line: LAYOUT.line, lineRule: LineRuleType.EXACT };

function blockParagraph(b: Block): Paragraph {
  switch (b.type) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: LAYOUT.line, line: 700, lineRule: LineRuleType.EXACT },
        children: [run(b.text, LAYOUT.fonts.title, LAYOUT.size.title)],
      });
    case 'heading1':
    case 'heading2':
      // 公文 headings sit in the body's size and indent; only the face differs (黑体, 楷体)
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: LAYOUT.indent },
        spacing: bodySpacing,
        keepNext: true,
        children: [run(b.text, LAYOUT.fonts[b.type], LAYOUT.size.body)],
      });
    case 'aligned':
      return new Paragraph({
        alignment: b.align === 'center' ? AlignmentType.CENTER : b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: bodySpacing,
        children: [run(b.text, LAYOUT.fonts.body, LAYOUT.size.body)],
      });
    case 'paragraph':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: LAYOUT.indent },
        spacing: bodySpacing,
        children: [...(b.runIn ? [run(b.runIn, LAYOUT.fonts.heading2, LAYOUT.size.body)] : []), run(b.text, LAYOUT.fonts.body, LAYOUT.size.body)],
      });
  }
}

function cellParagraph(text: string, font: string, center: boolean): Paragraph {
  return new Paragraph({ alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, font, LAYOUT.size.table)] });
}

/** Display width in characters: CJK and full-width count 1, everything else a little over half. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 1 : 0.6;
  return w;
}

/**
 * Column widths (twips) that fit the page: each column asks for its longest text; short columns
 * (序号, 标识码) get what they ask so they never wrap, long ones share the rest in proportion.
 */
function columnWidths(a: AttachmentTable, usable: number): number[] {
  const charTwips = LAYOUT.size.table * 10;
  const pad = LAYOUT.cellPadding;
  const need = a.columns.map((c, i) => Math.max(displayWidth(c.header), ...a.rows.map((r) => displayWidth(r[i] ?? '')), 1) * charTwips + pad);
  const total = need.reduce((n, x) => n + x, 0);
  if (total <= usable) return need.map((x) => Math.floor(x + ((usable - total) * x) / total));
  const short = need.map((x) => x <= LAYOUT.shortColumn * charTwips + pad);
  const fixed = need.reduce((n, x, i) => n + (short[i] ? x : 0), 0);
  const flexible = total - fixed;
  const room = Math.max(usable - fixed, 0);
  return need.map((x, i) => Math.floor(short[i] || flexible === 0 ? x : (x * room) / flexible));
}

function attachmentTable(a: AttachmentTable): Table {
  const usable = LAYOUT.landscape.width - LAYOUT.margin.left - LAYOUT.margin.right;
  const widths = columnWidths(a, usable);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: a.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          children: [cellParagraph(c.header, LAYOUT.fonts.heading1, true)],
        }),
    ),
  });
  const rows = a.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: r.map(
          (v, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              children: [cellParagraph(v, LAYOUT.fonts.body, a.columns[i].key === 'seq')],
            }),
        ),
      }),
  );
  return new Table({ width: { size: usable, type: WidthType.DXA }, columnWidths: widths, rows: [header, ...rows] });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体' },
            size: LAYOUT.size.pageNumber,
          }),
        ],
      }),
    ],
  });
}

const sectionProperties = {
  page: { size: { width: LAYOUT.page.width, height: LAYOUT.page.height }, margin: LAYOUT.margin },
};

/** The attachment's own page: its label (黑体, flush left), title (小标宋, centred) and table. */
function attachmentSection(a: AttachmentTable): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: LAYOUT.page.width, height: LAYOUT.page.height, orientation: PageOrientation.LANDSCAPE },
        margin: { top: LAYOUT.margin.left, bottom: LAYOUT.margin.right, left: LAYOUT.margin.left, right: LAYOUT.margin.right, footer: LAYOUT.margin.footer },
      },
    },
    footers: { default: footer() },
    children: [
      new Paragraph({ spacing: bodySpacing, children: [run(a.label, LAYOUT.fonts.heading1, LAYOUT.size.body)] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 200, after: 300 },
        children: [run(a.title, LAYOUT.fonts.title, LAYOUT.size.title - 8)],
      }),
      attachmentTable(a),
    ],
  };
}

/** The bulletin as a .docx file's bytes. */
export async function renderDocx(model: BulletinModel, template: string): Promise<Uint8Array> {
  const blocks = parseBlocks(renderBody(model, template));
  const title = blocks.find((b) => b.type === 'title')?.text ?? '';
  const doc = new Document({
    title,
    creator: model.campaign.issuer,
    styles: {
      default: {
        document: { run: { font: { eastAsia: LAYOUT.fonts.body, ascii: LAYOUT.fonts.latin, hAnsi: LAYOUT.fonts.latin }, size: LAYOUT.size.body } },
      },
    },
    sections: [
      { properties: sectionProperties, footers: { default: footer() }, children: blocks.map(blockParagraph) },
      ...model.attachments.map(attachmentSection),
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
