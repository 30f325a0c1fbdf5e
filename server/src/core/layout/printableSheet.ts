// A name list in a worksheet that prints as an office would send it: A4 in the orientation its
// columns need, fitted to one page wide (as many pages tall as it takes), the header row repeated on
// every page and frozen on screen, thin borders, running text wrapped, column widths from the content
// (a CJK character counts about two widths of a digit), identifiers stored and formatted as text so
// that a 网站标识码 never turns into 4.6E+09, and the list's name and page numbers printed in the
// page header and footer.
import type ExcelJS from 'exceljs';
import bundle from '../../../../l10n/messages/layout.json';
import { catalogue } from '../l10n';
import type { Locale } from '../model';
import { columnNeeds, distributeWidths, fitsWidth, rowLines, type ColumnContent } from './columnWidths';

const t = catalogue(bundle);

/** Spreadsheet width units (widths of a digit in the default 11 pt font) in an em of 11 pt text. */
const UNITS_PER_EM = 11 / 5.25;
/** Room beside a cell's text, in ems: the cell's own padding and a little air. */
const PADDING = 1.5 / UNITS_PER_EM;
const OPTIONS = { padding: PADDING, keepWhole: 5, minWrapping: 4 };
/** Page margins in inches. */
const MARGINS = { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
/** A4 in points, and a line of 11 pt text (CJK fonts set it about 16 pt apart). */
const A4 = { width: 595.3, height: 841.9 };
const LINE_PT = 16;

export interface PrintableColumn {
  header: string;
  /** Identifiers: never wrapped, the column as wide as the widest. */
  unbreakable: boolean;
  /** Cells hold numbers (序号): right as they are, not formatted as text. */
  numeric?: boolean;
  /** A width fixed by the user, in spreadsheet units. */
  width?: number;
}

export interface PrintableList {
  /** The row holding the column headers (1-based); the data rows follow it. */
  headerRow: number;
  columns: readonly PrintableColumn[];
  /** The data cells as written (text), for measuring. */
  rows: readonly (readonly string[])[];
  /** Printed at the top left of every page, e.g. 附件1. */
  label?: string;
  /** Printed at the top centre of every page. */
  title: string;
  /** Printed at the top right of every page (暂定稿 on a provisional bulletin's lists). */
  note?: string;
  locale: Locale;
}

/** Printable width of A4 in spreadsheet units for `n` columns (each column adds 5 px of its own). */
function printableUnits(landscape: boolean, n: number): number {
  const paper = landscape ? A4.height : A4.width;
  const points = paper - (MARGINS.left + MARGINS.right) * 72;
  return (points / 0.75 - 5 * n) / 7;
}

function printableLines(landscape: boolean): number {
  const paper = landscape ? A4.width : A4.height;
  return (paper - (MARGINS.top + MARGINS.bottom + 0.3) * 72) / LINE_PT;
}

/** Text in a header or footer: `&` starts a code there. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

export interface SheetLayout {
  /** Column widths in spreadsheet units. */
  widths: number[];
  orientation: 'portrait' | 'landscape';
  /** Lines of the header row and of each data row at these widths. */
  headerLines: number;
  rowLines: number[];
}

/** Column widths, row lines and the orientation that prints the list on fewer pages. */
export function sheetLayout(list: Pick<PrintableList, 'columns' | 'rows'>): SheetLayout {
  const contents: ColumnContent[] = list.columns.map((c, i) => ({
    header: c.header,
    cells: list.rows.map((r) => r[i] ?? ''),
    unbreakable: c.unbreakable || !!c.numeric,
    fixed: c.width === undefined ? undefined : c.width / UNITS_PER_EM,
  }));
  const needs = columnNeeds(contents, OPTIONS);
  const plan = (landscape: boolean) => {
    const available = printableUnits(landscape, contents.length) / UNITS_PER_EM;
    const ems = distributeWidths(contents, needs, available, PADDING);
    const lines = rowLines(list.rows, ems, PADDING);
    const total = lines.reduce((n, l) => n + l, 0);
    return { ems, lines, fits: fitsWidth(needs, available, PADDING), pages: Math.ceil(total / printableLines(landscape)) };
  };
  const portrait = plan(false);
  const landscape = plan(true);
  const usePortrait = portrait.fits && (!landscape.fits || portrait.pages <= landscape.pages);
  const chosen = usePortrait ? portrait : landscape;
  return {
    widths: chosen.ems.map((w) => Math.round(w * UNITS_PER_EM * 10) / 10),
    orientation: usePortrait ? 'portrait' : 'landscape',
    headerLines: rowLines([list.columns.map((c) => c.header)], chosen.ems, PADDING)[0],
    rowLines: chosen.lines,
  };
}

/** Sets widths, cell formats, borders and page setup of a worksheet whose list is already written. */
export function makePrintable(ws: ExcelJS.Worksheet, list: PrintableList): void {
  const { widths, orientation, headerLines, rowLines: lines } = sheetLayout(list);
  const n = list.columns.length;
  const lastRow = list.headerRow + list.rows.length;
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  list.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = widths[i];
    for (let r = list.headerRow; r <= lastRow; r++) {
      const cell = ws.getCell(r, i + 1);
      const header = r === list.headerRow;
      cell.border = border;
      // identifiers and names stay text whatever they look like; 序号 stays a number
      if (!c.numeric || header) cell.numFmt = '@';
      cell.alignment = {
        vertical: 'middle',
        horizontal: header || c.numeric ? 'center' : 'left',
        wrapText: header || !c.unbreakable,
      };
      if (header) cell.font = { bold: true };
    }
  });
  // heights set from the measured lines: not every spreadsheet fits rows of wrapped text on opening
  ws.getRow(list.headerRow).height = headerLines * LINE_PT + 2;
  lines.forEach((l, i) => (ws.getRow(list.headerRow + 1 + i).height = l * LINE_PT + 2));
  const lastColumn = ws.getColumn(n).letter;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: MARGINS,
    // exceljs prefixes each part with `$`: these become $A$2:$H$66
    printArea: `A$${list.headerRow}:${lastColumn}$${lastRow}`,
    printTitlesRow: `${list.headerRow}:${list.headerRow}`,
  };
  ws.headerFooter = {
    oddHeader: `${list.label ? `&L${headerText(list.label)}` : ''}&C&B${headerText(list.title)}${list.note ? `&R&B${headerText(list.note)}` : ''}`,
    oddFooter: `&C${t(list.locale, 'sheet.pageFooter')}`,
  };
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: list.headerRow }];
}
