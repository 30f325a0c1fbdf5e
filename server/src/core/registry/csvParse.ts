// An RFC 4180 CSV reader as Excel understands it: quoted fields may hold delimiters, doubled quotes
// and line breaks; records end at CRLF, LF or CR. Each record keeps the row number Excel would show
// (a record spanning lines is one row), so problems can name the row a user sees.

export interface CsvRecord {
  /** 1-based row number (record index, blank lines included). */
  row: number;
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  delimiter: string;
  /** Rows whose opening quote is never closed; parsing resumed on the next line. */
  unterminated: number[];
  /** More records followed than `maxRecords`: they were not parsed. */
  truncated?: boolean;
}

/** Bounds on what is parsed: records kept, fields kept of one record (the rest of its line is skipped). */
export interface CsvLimits {
  maxRecords?: number;
  maxFields?: number;
}

const CANDIDATE_DELIMITERS = [',', '\t', ';'];

/** The delimiter of the first line (outside quotes): comma, tab or semicolon, whichever is most frequent. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const d of CANDIDATE_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Parses CSV text into records with their row numbers; the delimiter is detected unless given. */
export function parseCsv(text: string, delimiter = detectDelimiter(text), limits: CsvLimits = {}): CsvParseResult {
  const maxRecords = limits.maxRecords ?? Infinity;
  const maxFields = limits.maxFields ?? Infinity;
  const records: CsvRecord[] = [];
  const unterminated: number[] = [];
  const n = text.length;
  let pos = 0;
  let row = 0;
  while (pos < n) {
    if (records.length >= maxRecords) return { records, delimiter, unterminated, truncated: true };
    row++;
    const start = pos;
    const fields: string[] = [];
    let field = '';
    let ended = false;
    let broken = false;
    while (!ended) {
      if (pos >= n) {
        if (fields.length < maxFields) fields.push(field);
        break;
      }
      if (text[pos] === '"' && field === '') {
        // quoted field: up to the closing quote; "" stands for one quote
        pos++;
        let closed = false;
        while (pos < n) {
          const q = text.indexOf('"', pos);
          if (q < 0) break;
          field += text.slice(pos, q);
          if (text[q + 1] === '"') {
            field += '"';
            pos = q + 2;
          } else {
            pos = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          broken = true;
          break;
        }
        // Excel keeps text that follows a closing quote ("abc"def → abcdef); so do we.
      }
      // unquoted text up to the next delimiter or line break
      let i = pos;
      while (i < n) {
        const c = text[i];
        if (c === delimiter || c === '\n' || c === '\r') break;
        i++;
      }
      field += text.slice(pos, i);
      pos = i;
      if (pos >= n) {
        if (fields.length < maxFields) fields.push(field);
        ended = true;
      } else if (text[pos] === delimiter) {
        if (fields.length < maxFields) fields.push(field);
        field = '';
        pos++;
        if (pos >= n && fields.length < maxFields) fields.push('');
        ended = pos >= n;
      } else {
        if (fields.length < maxFields) fields.push(field);
        pos += text[pos] === '\r' && text[pos + 1] === '\n' ? 2 : 1;
        ended = true;
      }
    }
    if (broken) {
      // Resume on the line after the one the broken record started on, so one stray quote does
      // not swallow the rest of the file.
      unterminated.push(row);
      const lf = text.slice(start).search(/\r\n|\r|\n/);
      if (lf < 0) break;
      pos = start + lf + (text.startsWith('\r\n', start + lf) ? 2 : 1);
      continue;
    }
    records.push({ row, fields });
  }
  return { records, delimiter, unterminated };
}
