// The 补报 list as files: .csv (UTF-8 with BOM, CRLF, so Excel opens it right) and .xlsx (one sheet,
// header row, printable like the bulletin's lists: A4, one page wide, header repeated, the list's
// name in the page header). Every cell is escaped against formula injection.
import ExcelJS from 'exceljs';
import { parseIsoDate } from '../dates';
import { reproducibleZip } from '../io/reproducibleZip';
import type { CampaignConfig, Locale } from '../model';
import { csvText, escapeSpreadsheetCell } from '../io/spreadsheetSafe';
import { makePrintable } from '../layout/printableSheet';
import { t } from './messages';
import { SUPPLEMENT_COLUMNS, supplementHeader, type SupplementEntry } from './supplementList';

function cells(e: SupplementEntry): string[] {
  return SUPPLEMENT_COLUMNS.map((c) => String(e[c.key]));
}

/** The list as CSV text (with BOM). */
export function supplementCsv(entries: readonly SupplementEntry[], locale: Locale): string {
  return csvText([SUPPLEMENT_COLUMNS.map((c) => supplementHeader(c.key, locale)), ...entries.map(cells)]);
}

/** Columns of the list that hold identifiers or dates: never wrapped. */
const UNBREAKABLE = new Set(['seq', 'accountId', 'foundDate']);

/** The list as an .xlsx workbook (bytes); `title` is printed in the page header. */
export async function supplementXlsx(entries: readonly SupplementEntry[], locale: Locale, title = ''): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t(locale, 'supplement.sheet'));
  const headers = SUPPLEMENT_COLUMNS.map((c) => supplementHeader(c.key, locale));
  ws.addRow(headers.map(escapeSpreadsheetCell));
  const rows = entries.map((e) => cells(e).map(escapeSpreadsheetCell));
  // 序号 as a number so that Excel sorts and sums it; everything else as text.
  entries.forEach((e, i) => ws.addRow([e.seq, ...rows[i].slice(1)]));
  makePrintable(ws, {
    headerRow: 1,
    columns: SUPPLEMENT_COLUMNS.map((c, i) => ({ header: headers[i], unbreakable: UNBREAKABLE.has(c.key), numeric: c.key === 'seq' })),
    rows,
    title: title || t(locale, 'supplement.sheet'),
    locale,
  });
  // stamped with the latest day an account was found, not the moment of writing: the same campaign gives the same bytes
  const latest = entries.reduce((d, e) => (e.foundDate > d ? e.foundDate : d), '');
  const c = parseIsoDate(latest);
  const stamp = c ? new Date(Date.UTC(c.year, c.month - 1, c.day)) : new Date(Date.UTC(2000, 0, 1));
  wb.created = stamp;
  wb.modified = stamp;
  return reproducibleZip(new Uint8Array(await wb.xlsx.writeBuffer()), stamp);
}

/** The file name (without extension) of the list for a campaign: 2021年第二季度漏报的政务新媒体名单. */
export function supplementFileBase(config: Pick<CampaignConfig, 'period'>, locale: Locale): string {
  const { year, quarter } = config.period;
  return t(locale, 'supplement.fileName', { year, quarter: t(locale, `quarter.${quarter}` as 'quarter.1') });
}
