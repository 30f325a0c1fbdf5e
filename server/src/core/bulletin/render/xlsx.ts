// The attachment lists as an Excel workbook: one sheet per list, a bold frozen header row, column
// widths from the settings, every cell written as text and escaped against formula injection.
import ExcelJS from 'exceljs';
import type { BulletinModel } from '../bulletinModel';
import { escapeSpreadsheetCell as escapeCell } from '../../io/spreadsheetSafe';

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ . */
function sheetName(label: string, used: Set<string>): string {
  const base = label.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** The attachment lists as .xlsx bytes. */
export async function renderXlsx(model: BulletinModel): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = model.campaign.issuer;
  // a fixed date keeps the workbook reproducible run to run
  wb.created = new Date(Date.UTC(model.campaign.year, 0, 1));
  wb.modified = wb.created;
  const used = new Set<string>();
  for (const a of model.attachments) {
    const ws = wb.addWorksheet(sheetName(a.label, used), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = a.columns.map((c) => ({ key: c.key, width: c.width }));
    const titleRow = ws.addRow([escapeCell(a.title)]);
    titleRow.font = { bold: true, size: 14 };
    if (a.columns.length > 1) ws.mergeCells(1, 1, 1, a.columns.length);
    const header = ws.addRow(a.columns.map((c) => escapeCell(c.header)));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    for (const r of a.rows) {
      // 序号 stays a number so that the list sorts and sums; everything else is text
      const row = ws.addRow(r.map((v, i) => (a.columns[i].key === 'seq' && /^\d+$/.test(v) ? Number(v) : escapeCell(v))));
      row.alignment = { vertical: 'top', wrapText: true };
    }
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: Math.max(1, a.columns.length) } };
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
