// The attachment lists as an Excel workbook: one sheet per list, its title in the first row on
// screen, and printable as the bulletin's lists are (layout/printableSheet.ts): A4, one page wide,
// the header row repeated, the attachment's label and title in the page header. Every cell is text
// (escaped against formula injection) except 序号.
import ExcelJS from 'exceljs';
import { reproducibleZip } from '../../io/reproducibleZip';
import { documentStamp } from '../documentDate';
import type { BulletinModel } from '../bulletinModel';
import { escapeSpreadsheetCell as escapeCell } from '../../io/spreadsheetSafe';
import { makePrintable } from '../../layout/printableSheet';
import type { Locale } from '../../model';

/** Columns that hold identifiers: never wrapped. */
const UNBREAKABLE = new Set(['seq', 'siteCode', 'accountId', 'url', 'checkDate', 'file']);

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ . */
function sheetName(label: string, used: Set<string>): string {
  const base = label.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** The attachment lists as .xlsx bytes (`locale`: the language of the page footer). */
export async function renderXlsx(model: BulletinModel, locale: Locale = 'zh-cn'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.campaign.issuer;
  // the document's own date, not the moment of writing: the same campaign gives the same bytes
  const stamp = documentStamp(model.settings, model.campaign.year);
  wb.created = stamp;
  wb.modified = stamp;
  const used = new Set<string>();
  for (const a of model.attachments) {
    const ws = wb.addWorksheet(sheetName(a.label, used));
    const titleRow = ws.addRow([escapeCell(a.title)]);
    titleRow.font = { bold: true, size: 14 };
    if (a.columns.length > 1) ws.mergeCells(1, 1, 1, a.columns.length);
    // a provisional list says so under its title
    if (model.provisional) {
      ws.addRow([escapeCell(model.provisional.text)]).font = { bold: true, color: { argb: 'FFC00000' } };
      if (a.columns.length > 1) ws.mergeCells(2, 1, 2, a.columns.length);
    }
    const headerRow = ws.rowCount + 1;
    ws.addRow(a.columns.map((c) => escapeCell(c.header)));
    const seq = (i: number) => a.columns[i].key === 'seq';
    const cells = a.rows.map((r) => r.map((v, i) => (seq(i) && /^\d+$/.test(v) ? v : escapeCell(v))));
    // 序号 stays a number so that the list sorts and sums; everything else is text
    for (const r of cells) ws.addRow(r.map((v, i) => (seq(i) && /^\d+$/.test(v) ? Number(v) : v)));
    makePrintable(ws, {
      headerRow,
      columns: a.columns.map((c) => ({ header: c.header, unbreakable: UNBREAKABLE.has(c.key), numeric: c.key === 'seq', width: c.width })),
      rows: cells,
      label: a.label,
      title: a.title,
      note: model.provisional?.marker,
      locale,
    });
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: Math.max(1, a.columns.length) } };
  }
  return reproducibleZip(new Uint8Array(await wb.xlsx.writeBuffer()), stamp);
}
