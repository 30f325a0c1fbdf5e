// The 补报 list as files: .csv (UTF-8 with BOM, CRLF, so Excel opens it right) and .xlsx (one sheet,
// header row, column widths). Every cell is escaped against formula injection.
import ExcelJS from 'exceljs';
import type { CampaignConfig, Locale } from '../model';
import { csvText, escapeSpreadsheetCell } from '../io/spreadsheetSafe';
import { t } from './messages';
import { SUPPLEMENT_COLUMNS, supplementHeader, type SupplementEntry } from './supplementList';

function cells(e: SupplementEntry): string[] {
  return SUPPLEMENT_COLUMNS.map((c) => String(e[c.key]));
}

/** The list as CSV text (with BOM). */
export function supplementCsv(entries: readonly SupplementEntry[], locale: Locale): string {
  return csvText([SUPPLEMENT_COLUMNS.map((c) => supplementHeader(c.key, locale)), ...entries.map(cells)]);
}

/** The list as an .xlsx workbook (bytes). */
export async function supplementXlsx(entries: readonly SupplementEntry[], locale: Locale): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t(locale, 'supplement.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SUPPLEMENT_COLUMNS.map((c) => ({ header: escapeSpreadsheetCell(supplementHeader(c.key, locale)), key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const e of entries) {
    const row = ws.addRow(cells(e).map(escapeSpreadsheetCell));
    // 序号 as a number so that Excel sorts and sums it; everything else as text.
    row.getCell(1).value = e.seq;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The file name (without extension) of the list for a campaign: 2021年第二季度漏报的政务新媒体名单. */
export function supplementFileBase(config: Pick<CampaignConfig, 'period'>, locale: Locale): string {
  const { year, quarter } = config.period;
  return t(locale, 'supplement.fileName', { year, quarter: t(locale, `quarter.${quarter}` as 'quarter.1') });
}
