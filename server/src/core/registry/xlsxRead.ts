// Reads the cells of an .xlsx workbook as they display, in memory: shared and inline strings (rich
// text joined, phonetic guides left out), formulas by their cached result, numbers as written,
// dates (by their number format) as ISO dates, booleans as TRUE/FALSE. Sheets are parsed only when
// their rows are asked for. Written for registry exports of 150,000 rows: one pass over each XML
// part, no DOM, no temporary files (exceljs's streaming reader spools sheets to the temp folder
// whenever sharedStrings.xml follows them, as in files Excel writes).
import { formatIsoDate, fromExcelSerial } from '../dates';
import limits from './importLimits.json';
import { ZipEntries, ZipError, ZipLimitError } from './zipEntries';

export { ZipError, ZipLimitError };

/**
 * A part of the workbook with a DOCTYPE or entity declarations: Excel never writes one, and entities
 * are never expanded here (only the five predefined ones and character references are decoded), so
 * such a part is refused rather than read half-way.
 */
export class XmlDoctypeError extends ZipError {
  constructor(readonly entry: string) {
    super(`${entry}: DOCTYPE or entity declaration`);
  }
}

/** An XML part's text, refused when it declares a DOCTYPE or entities. */
function xmlPart(zip: ZipEntries, name: string): string | undefined {
  const text = zip.text(name);
  if (text !== undefined && /<!(?:DOCTYPE|ENTITY)/i.test(text)) throw new XmlDoctypeError(name);
  return text;
}

/** One worksheet: its name and its rows (1-based row number, cells by column from A). */
export interface XlsxSheet {
  name: string;
  rows(): Iterable<{ row: number; cells: string[] }>;
}

const ENTITY_RE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// OOXML writes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return).
const OOXML_ESCAPE_RE = /_x([0-9a-fA-F]{4})_/g;

/** XML character data as text: entities and OOXML _xHHHH_ escapes decoded. */
function decodeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(ENTITY_RE, (_, dec: string, hex: string, name: string) =>
      name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)));
  }
  return s.includes('_x') ? s.replace(OOXML_ESCAPE_RE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** The attributes of a start tag's attribute text (`name="value"` pairs, any prefix dropped). */
function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1].includes(':') && !m[1].startsWith('xmlns') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    out[name] = decodeXml(m[2] ?? m[3]);
  }
  return out;
}

/** The text of a string item (<si> or <is>): every <t> outside phonetic runs (<rPh>), joined. */
function stringItem(xml: string): string {
  const withoutPhonetic = xml.includes('rPh') ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let text = '';
  for (const m of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1];
  return decodeXml(text);
}

// Built-in number formats that show dates (Excel's list, with the CJK ones: 27–31, 36, 50–58).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date: a y or d token outside quotes, escapes and [brackets]. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare.split(';')[0]);
}

/** "A" → 0, "AB" → 27: the column of a cell reference. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A number cell as it displays: a date for a date format, else the number without float noise. */
function numberText(raw: string, isDate: boolean, date1904: boolean): string {
  const v = Number(raw);
  if (!Number.isFinite(v)) return raw;
  if (isDate) {
    const days = Math.floor(v);
    const civil = fromExcelSerial(days + (date1904 ? 1462 : 0));
    if (civil) {
      const minutes = Math.round((v - days) * 24 * 60);
      if (minutes === 0 || minutes === 24 * 60) return formatIsoDate(civil);
      return `${formatIsoDate(civil)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    }
  }
  if (/^-?\d+$/.test(raw)) return raw;
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(Number(v.toPrecision(15)));
}

/** Opens a workbook from its bytes; throws ZipError for what is not a readable .xlsx. */
export function readXlsx(bytes: Uint8Array): XlsxSheet[] {
  const zip = new ZipEntries(bytes);
  const workbook = xmlPart(zip, 'xl/workbook.xml');
  if (workbook === undefined) throw new ZipError('no xl/workbook.xml');
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*"(?:1|true)"/.test(workbook);

  const targets = new Map<string, string>();
  for (const m of (xmlPart(zip, 'xl/_rels/workbook.xml.rels') ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`);
  }

  // Shared strings are read once, before any sheet.
  const shared: string[] = [];
  for (const m of (xmlPart(zip, 'xl/sharedStrings.xml') ?? '').matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    shared.push(m[1] === undefined ? '' : stringItem(m[1]));
  }

  // Which cell styles (the s attribute indexes cellXfs) show dates.
  const dateStyles: boolean[] = [];
  const styles = xmlPart(zip, 'xl/styles.xml') ?? '';
  const customDate = new Map<number, boolean>();
  for (const m of styles.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) customDate.set(Number(a.numFmtId), isDateFormat(a.formatCode));
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? '';
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attributes(m[1]).numFmtId ?? 0);
    dateStyles.push(customDate.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
  }

  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    const path = a.id !== undefined ? targets.get(a.id) : undefined;
    if (!path || !zip.has(path)) continue;
    sheets.push({ name: a.name ?? path, rows: () => sheetRows(xmlPart(zip, path) ?? '', shared, dateStyles, date1904) });
  }
  return sheets;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE_RE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const INLINE_RE = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
const ATTR_R = /\br\s*=\s*"([^"]*)"/;
const ATTR_T = /\bt\s*=\s*"([^"]*)"/;
const ATTR_S = /\bs\s*=\s*"(\d+)"/;

function* sheetRows(xml: string, shared: string[], dateStyles: boolean[], date1904: boolean): Generator<{ row: number; cells: string[] }> {
  let rowNumber = 0;
  for (const rm of xml.matchAll(ROW_RE)) {
    const r = ATTR_R.exec(rm[1]);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const cells: string[] = [];
    let col = -1;
    for (const cm of (rm[2] ?? '').matchAll(CELL_RE)) {
      const attrs = cm[1];
      const ref = ATTR_R.exec(attrs);
      col = ref ? columnIndex(ref[1]) : col + 1;
      const body = cm[2];
      // a reference far to the right (a crafted `AAAAAAAAAA1`) would make a row of millions of cells
      if (body === undefined || col >= limits.maxColumns) continue;
      const type = ATTR_T.exec(attrs)?.[1] ?? 'n';
      let text: string;
      if (type === 'inlineStr') {
        const is = INLINE_RE.exec(body);
        text = is ? stringItem(is[1]) : '';
      } else {
        const v = VALUE_RE.exec(body);
        if (!v) continue;
        const raw = v[1];
        if (type === 's') text = shared[Number(raw)] ?? '';
        else if (type === 'str' || type === 'e') text = decodeXml(raw);
        else if (type === 'b') text = raw === '1' || raw === 'true' ? 'TRUE' : 'FALSE';
        else {
          const s = ATTR_S.exec(attrs);
          text = numberText(raw.trim(), s ? dateStyles[Number(s[1])] === true : false, date1904);
        }
      }
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    yield { row: rowNumber, cells };
  }
}
