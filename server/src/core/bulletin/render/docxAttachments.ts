// Each attachment list on pages of its own (GB/T 9704-2012 8: “附件1” in 3号黑体 at the top left
// of the first line, the title centred on the third line), as a table sized from its content:
// identifiers keep their width, long names wrap, the header row repeats on every page and no row is
// split across pages. The orientation is the configured one, else the one that needs fewer pages
// without breaking an identifier (portrait on a tie).
import {
  AlignmentType,
  LineRuleType,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { columnNeeds, distributeWidths, fitsWidth, rowLines, type ColumnContent } from '../../layout/columnWidths';
import { lineCount } from '../../layout/textWidth';
import type { AttachmentTable } from '../bulletinModel';
import { emTwips, LAYOUT, pageMargins, run, textArea } from './docxStyle';

/** Columns that hold identifiers or numbers: never wrapped. */
const UNBREAKABLE = new Set(['seq', 'siteCode', 'accountId', 'url', 'checkDate', 'file']);

const SIZE = LAYOUT.size.table;
/** Twips per em of the table's type. */
const EM = emTwips(1, SIZE);
const LAYOUT_OPTIONS = {
  // both cell margins, and a quarter em for borders and rounding
  padding: (2 * LAYOUT.table.cellMargin) / EM + 0.25,
  keepWhole: 5,
  minWrapping: 4,
};
/** A spreadsheet character (the settings' unit of a fixed width) is half a CJK character. */
const SHEET_CHAR_EM = 0.5;
/** A row's borders and rounding (twips). */
const ROW_EXTRA = 12;
/** Title block: the label on line 1, the title from line 3, a little air before the table. */
const TITLE_SIZE = LAYOUT.size.title;
const AFTER_TITLE = Math.round(LAYOUT.line / 2);

export type Orientation = 'portrait' | 'landscape';

/** The columns of an attachment as the layout sees them. */
function contents(a: AttachmentTable): ColumnContent[] {
  return a.columns.map((c, i) => ({
    header: c.header,
    cells: a.rows.map((r) => r[i] ?? ''),
    unbreakable: UNBREAKABLE.has(c.key),
    fixed: c.width === undefined ? undefined : c.width * SHEET_CHAR_EM,
  }));
}

export interface TablePlan {
  orientation: Orientation;
  /** Column widths in twips. */
  widths: number[];
  /** Estimated pages. */
  pages: number;
  /** Whether every identifier fits unbroken. */
  fits: boolean;
}

function titleHeight(a: AttachmentTable, width: number): number {
  const titleLines = lineCount(a.title, width / emTwips(1, TITLE_SIZE));
  return LAYOUT.line + LAYOUT.line + titleLines * LAYOUT.titleLine + AFTER_TITLE;
}

/** The widths and the estimated page count of an attachment's table in one orientation. */
export function planTable(a: AttachmentTable, orientation: Orientation): TablePlan {
  const area = textArea(orientation === 'landscape');
  const cols = contents(a);
  const needs = columnNeeds(cols, LAYOUT_OPTIONS);
  const available = area.width / EM;
  const ems = distributeWidths(cols, needs, available, LAYOUT_OPTIONS.padding);
  // whole twips, never wider than the text area
  const widths = ems.map((w) => Math.floor(w * EM));
  const rowHeight = (lines: number) => lines * LAYOUT.table.line + ROW_EXTRA;
  const header = rowHeight(rowLines([a.columns.map((c) => c.header)], ems, LAYOUT_OPTIONS.padding)[0]);
  let pages = 1;
  let room = area.height - titleHeight(a, area.width) - header;
  for (const lines of rowLines(a.rows, ems, LAYOUT_OPTIONS.padding)) {
    const h = rowHeight(lines);
    if (h > room) {
      pages++;
      room = area.height - header;
    }
    room -= h;
  }
  return { orientation, widths, pages, fits: fitsWidth(needs, available, LAYOUT_OPTIONS.padding) };
}

/** The plan the attachment is printed with: its configured orientation, else the better one. */
export function choosePlan(a: AttachmentTable): TablePlan {
  if (a.orientation !== 'auto') return planTable(a, a.orientation);
  const portrait = planTable(a, 'portrait');
  const landscape = planTable(a, 'landscape');
  if (portrait.fits && (!landscape.fits || portrait.pages <= landscape.pages)) return portrait;
  return landscape;
}

function cellParagraph(text: string, font: string, center: boolean): Paragraph {
  return new Paragraph({
    alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: LAYOUT.table.line, lineRule: LineRuleType.EXACT },
    children: [run(text, font, SIZE)],
  });
}

function attachmentTable(a: AttachmentTable, widths: readonly number[]): Table {
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [cellParagraph(text, header ? LAYOUT.fonts.heading1 : LAYOUT.fonts.body, header || a.columns[i].key === 'seq')],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: a.columns.map((c, i) => cell(c.header, i, true)) });
  const rows = a.rows.map((r) => new TableRow({ cantSplit: true, children: a.columns.map((_, i) => cell(r[i] ?? '', i, false)) }));
  return new Table({
    width: { size: widths.reduce((n, w) => n + w, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [header, ...rows],
  });
}

/** The attachment's section: its label, title and table on pages of the chosen orientation. */
export function attachmentSection(a: AttachmentTable, footers: ISectionOptions['footers']): ISectionOptions {
  const plan = choosePlan(a);
  const landscape = plan.orientation === 'landscape';
  return {
    properties: {
      page: {
        size: { width: LAYOUT.page.width, height: LAYOUT.page.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: pageMargins(landscape),
      },
    },
    footers,
    children: [
      new Paragraph({ spacing: { line: LAYOUT.line, lineRule: LineRuleType.EXACT }, keepNext: true, children: [run(a.label, LAYOUT.fonts.heading1, LAYOUT.size.body)] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: LAYOUT.line, after: AFTER_TITLE, line: LAYOUT.titleLine, lineRule: LineRuleType.EXACT },
        children: [run(a.title, LAYOUT.fonts.title, TITLE_SIZE)],
      }),
      attachmentTable(a, plan.widths),
    ],
  };
}
