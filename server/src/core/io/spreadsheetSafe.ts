// Cells written to .csv/.xlsx must never run as formulas when a user opens the file: a value from a
// record ("=HYPERLINK(…)", "+86…", "-1", "@SUM(…)") is prefixed with an apostrophe, as OWASP advises
// for CSV injection. Tab and carriage return start the list because Excel strips them and then
// evaluates what follows. Control characters and bidi overrides are shown as `[U+XXXX]` first
// (see unsafeText.ts): they are invalid in the workbook's XML or disguise what a cell says.
import { escapeUnsafeText } from './unsafeText';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a cell text would be taken as a formula by a spreadsheet. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text to write into a spreadsheet cell: unsafe characters made visible, formula-like text gets a leading apostrophe. */
export function escapeSpreadsheetCell(text: string): string {
  const visible = escapeUnsafeText(text);
  return isFormulaLike(visible) ? `'${visible}` : visible;
}

/** One CSV field (RFC 4180): escaped against formulas, quoted when it holds a quote, delimiter or line break. */
export function csvField(text: string, delimiter = ','): string {
  const safe = escapeSpreadsheetCell(text);
  return safe.includes('"') || safe.includes(delimiter) || safe.includes('\n') || safe.includes('\r') ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text for rows of cells: CRLF line ends, UTF-8 byte-order mark so that Excel reads it as UTF-8. */
export function csvText(rows: readonly (readonly string[])[], delimiter = ','): string {
  return '\ufeff' + rows.map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
