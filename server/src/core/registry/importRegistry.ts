// Imports registry exports (全国政府网站信息报送系统 / 全国政务新媒体信息报送系统): .xlsx read as the
// cells display (formulas by their cached result, dates as ISO), .csv in UTF-8 (with or without
// BOM), UTF-16 with BOM or GB18030/GBK, and YAML lists. A row that cannot be read is reported with
// file, sheet and row; the rest still loads.
import * as path from 'node:path';
import { isMap, isSeq, parseYaml } from '../yaml/yamlDocument';
import { normaliseDateLike } from '../dates';
import { resolveContained, type Containment } from '../io/containment';
import { decodeUserBytes, readLimit, readRegular, readRegularTextSync, refusalMessage, type ReadRefusal, type TextEncodingName } from '../io/readText';
import type { CampaignConfig, Locale } from '../model';
import { defaultRegistryMapping, parseRegistryMapping, resolveHeader, sheetMappingOf, type RegistryMapping, type SheetMapping } from './columnMapping';
import { parseCsv } from './csvParse';
import limits from './importLimits.json';
import { readXlsx, XmlDoctypeError, ZipLimitError } from './xlsxRead';
import { t } from './messages';
import { canonicalPlatform, rowState } from './normalise';
import { REGISTRY_FIELDS, type ImportProblem, type RegistryField, type RegistryKind, type RegistryRow, type RegistryTable } from './registryTypes';
import { REGISTRY_CODES } from '../codes';

export interface ImportOptions {
  kind: RegistryKind;
  /** The file as the user knows it (campaign-relative, `/` separators); used in rows and problems. */
  file: string;
  mapping?: RegistryMapping;
  locale?: Locale;
}

export interface ImportResult {
  rows: RegistryRow[];
  problems: ImportProblem[];
  /** The detected encoding of a text export. */
  encoding?: TextEncodingName;
}

/** Imports one export from its bytes; the format comes from the content (xlsx) or the file extension. */
export async function importRegistry(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const mapping = options.mapping ?? defaultRegistryMapping();
  const locale = options.locale ?? 'zh-cn';
  const out: ImportResult = { rows: [], problems: [] };
  const fileProblem = (key: 'import.legacyXls' | 'import.unsupported' | 'import.encoding' | 'import.xlsxBroken' | 'import.zipLimit' | 'import.xmlDoctype', args: Record<string, string> = {}): ImportResult => {
    out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, message: t(locale, key, { file: options.file, ...args }) });
    return out;
  };
  const ext = path.extname(options.file).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole || ext === '.xls') return fileProblem('import.legacyXls');
  if (zip || ext === '.xlsx' || ext === '.xlsm') {
    try {
      importXlsx(bytes, options, mapping, locale, out);
    } catch (e) {
      out.rows = [];
      if (e instanceof ZipLimitError) {
        const detail = t(locale, `zip.${e.limit}`, { size: mib(e.size), compressed: mib(e.compressedSize), limit: zipLimitText(e.limit) });
        return fileProblem('import.zipLimit', { entry: e.entry, detail });
      }
      if (e instanceof XmlDoctypeError) return fileProblem('import.xmlDoctype', { entry: e.entry });
      return fileProblem('import.xlsxBroken', { error: e instanceof Error ? e.message : String(e) });
    }
    return out;
  }
  if (ext === '.yaml' || ext === '.yml' || ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    // UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK — detected, never guessed.
    const decoded = decodeUserBytes(bytes, locale);
    if (decoded.text === undefined) return fileProblem('import.encoding', { detail: decoded.problems[0]?.message ?? '' });
    out.encoding = decoded.encoding;
    if (ext === '.yaml' || ext === '.yml') {
      importYamlList(decoded.text, options, mapping, locale, out);
      return out;
    }
    const csv = parseCsv(decoded.text, ext === '.tsv' ? '\t' : undefined, { maxRecords: limits.maxRows, maxFields: limits.maxColumns });
    const table = new TableBuilder(options.kind, sheetMappingOf(mapping, options.kind), mapping.headerSearchRows, options.file, undefined, locale, true, out);
    // Rows whose quotes never close are reported in row order with the others.
    let r = 0;
    for (const rec of csv.records) {
      while (r < csv.unterminated.length && csv.unterminated[r] < rec.row) table.unreadable(csv.unterminated[r++], 'import.unterminatedQuote');
      table.feed(rec.row, rec.fields);
    }
    while (r < csv.unterminated.length) table.unreadable(csv.unterminated[r++], 'import.unterminatedQuote');
    table.finish();
    if (csv.truncated) tooManyRows(options.file, locale, out);
    return out;
  }
  return fileProblem('import.unsupported', { ext: ext || '?' });
}

/**
 * Reads and imports one export file from disk: a regular file within the registry size limit
 * (readLimits.json). The caller has checked where the path leads (loadCampaignRegistry).
 */
export async function importRegistryFile(absolutePath: string, options: ImportOptions): Promise<ImportResult> {
  const locale = options.locale ?? 'zh-cn';
  const read = await readRegular(absolutePath, readLimit('registry'));
  if ('refused' in read) {
    const r = read.refused;
    const message = r.reason === 'errno' && (r.code === 'ENOENT' || r.code === 'ENOTDIR')
      ? t(locale, 'import.missing', { file: options.file })
      : t(locale, 'import.refused', { file: options.file, reason: refusalMessage(r, locale, 'registry') });
    return { rows: [], problems: [{ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, message }] };
  }
  return importRegistry(read.bytes, options);
}

// ---------------------------------------------------------------------------------------------
// From cells to rows (shared by every format)
// ---------------------------------------------------------------------------------------------

/** Turns a stream of (row number, cell texts) into registry rows: finds the header, maps, checks. */
class TableBuilder {
  private header: { columns: Map<RegistryField, number>; width: number; cells: readonly string[] } | undefined;
  private failed = false;
  /** The candidate header row that found the most columns, for the error message. */
  private best: { row: number; found: number; missing: RegistryField[] } | undefined;

  constructor(
    private readonly kind: RegistryKind,
    private readonly sheet: SheetMapping,
    private readonly searchRows: number,
    private readonly file: string,
    private readonly sheetName: string | undefined,
    private readonly locale: Locale,
    /** CSV: a row with more filled cells than header cells is misaligned (an unquoted comma). */
    private readonly strictWidth: boolean,
    private readonly out: ImportResult,
  ) {}

  /** Whether the header row has been found. */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** Whether the header was looked for and not found: the rest of the sheet is not a table. */
  get gaveUp(): boolean {
    return this.failed;
  }

  /** Feeds one row of cell texts (1-based row number). */
  feed(row: number, cells: readonly string[]): void {
    if (this.failed) return;
    if (!this.header) {
      this.lookForHeader(row, cells);
      return;
    }
    this.convert(row, cells);
  }

  /** Reports a row that could not be parsed at all. */
  unreadable(row: number, key: 'import.unterminatedQuote'): void {
    this.problem(REGISTRY_CODES.importRow, 'error', row, undefined, t(this.locale, key, { at: this.at(row) }));
  }

  /** Ends a table that had to be there: reports its missing header, if it has none. */
  finish(): void {
    if (!this.header) this.reportMissingHeader();
  }

  private lookForHeader(row: number, cells: readonly string[]): void {
    const configured = this.sheet.headerRow;
    if (configured !== undefined && row < configured) return;
    const resolved = resolveHeader(cells, this.sheet);
    if (resolved.missing.length === 0) {
      this.header = { columns: resolved.columns, width: lastFilled(cells) + 1, cells };
      return;
    }
    if (!this.best || resolved.columns.size > this.best.found) this.best = { row, found: resolved.columns.size, missing: resolved.missing };
    // Given up: finish() reports it, unless another sheet of the workbook turns out to be the table.
    if (configured !== undefined || row >= this.searchRows) this.failed = true;
  }

  private reportMissingHeader(): void {
    const missing = this.best?.missing ?? this.sheet.required;
    const names = missing.map((f) => t(this.locale, `field.${f}` as 'field.name')).join(t(this.locale, 'list.separator'));
    const aliases = missing.map((f) => this.sheet.columns[f].join('/')).join(t(this.locale, 'list.separator'));
    const key = this.sheet.headerRow !== undefined ? 'import.headerRowMissing' : 'import.headerMissing';
    this.problem(REGISTRY_CODES.importHeader, 'error', this.sheet.headerRow ?? this.best?.row, undefined,
      t(this.locale, key, { at: this.at(this.sheet.headerRow ?? this.best?.row), fields: names, aliases, rows: this.searchRows }));
  }

  private convert(row: number, cells: readonly string[]): void {
    const { columns, width } = this.header!;
    if (cells.every((c) => c.trim() === '')) return;
    if (this.strictWidth && lastFilled(cells) >= width) {
      this.problem(REGISTRY_CODES.importRow, 'error', row, lastFilled(cells) + 1, t(this.locale, 'import.tooManyCells', { at: this.at(row), cells: lastFilled(cells) + 1, header: width }));
      return;
    }
    const values: Record<string, string> = {};
    for (const [field, idx] of columns) {
      const v = (cells[idx] ?? '').trim();
      if (v) values[field] = v;
    }
    const missing = this.sheet.required.filter((f) => !values[f]);
    if (missing.length > 0) {
      const names = missing.map((f) => t(this.locale, `field.${f}` as 'field.name')).join(t(this.locale, 'list.separator'));
      this.problem(REGISTRY_CODES.importRow, 'error', row, columns.get(missing[0])! + 1, t(this.locale, 'import.missingValue', { at: this.at(row), fields: names }));
      return;
    }
    let platform: RegistryRow['platform'];
    if (this.kind === 'media') {
      platform = canonicalPlatform(values.platform);
      if (!platform) {
        this.problem(REGISTRY_CODES.importRow, 'error', row, columns.get('platform')! + 1, t(this.locale, 'import.unknownPlatform', { at: this.at(row), value: values.platform }));
        return;
      }
      values.platform = platform;
    }
    const state = rowState(values.status);
    if (state === 'unknown') {
      this.problem(REGISTRY_CODES.importValue, 'warning', row, columns.get('status')! + 1, t(this.locale, 'import.unknownStatus', { at: this.at(row), value: values.status }));
    }
    if (values.filedDate) {
      const iso = normaliseDateLike(values.filedDate);
      if (iso) {
        values.filedDate = iso;
      } else {
        this.problem(REGISTRY_CODES.importValue, 'warning', row, columns.get('filedDate')! + 1, t(this.locale, 'import.badDate', { at: this.at(row), value: values.filedDate }));
        delete values.filedDate;
      }
    }
    this.out.rows.push({ kind: this.kind, ref: { file: this.file, ...(this.sheetName ? { sheet: this.sheetName } : {}), row, values }, platform, state });
  }

  private at(row: number | undefined): string {
    if (row === undefined) return this.sheetName ? t(this.locale, 'at.sheet', { file: this.file, sheet: this.sheetName }) : this.file;
    return this.sheetName ? t(this.locale, 'at.sheetRow', { file: this.file, sheet: this.sheetName, row }) : t(this.locale, 'at.row', { file: this.file, row });
  }

  private problem(code: string, severity: ImportProblem['severity'], row: number | undefined, column: number | undefined, message: string): void {
    const header = column !== undefined ? this.headerText(column - 1) : undefined;
    this.out.problems.push({
      code, severity, file: this.file,
      ...(this.sheetName ? { sheet: this.sheetName } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(header ? { header } : {}),
      message,
    });
  }

  private headerText(index: number): string | undefined {
    return this.header?.cells[index]?.trim() || undefined;
  }
}

function lastFilled(cells: readonly string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i] !== undefined && cells[i].trim() !== '') return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

function importXlsx(bytes: Uint8Array, options: ImportOptions, mapping: RegistryMapping, locale: Locale, out: ImportResult): void {
  const sheet = sheetMappingOf(mapping, options.kind);
  const sheets = readXlsx(bytes);
  const names = sheets.map((s) => s.name);
  const chosen = sheet.sheet !== undefined ? sheets.filter((s) => s.name.trim() === sheet.sheet) : sheets;
  if (sheet.sheet !== undefined && chosen.length === 0) {
    out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, message: t(locale, 'import.noSheet', { file: options.file, sheet: sheet.sheet, sheets: names.join(t(locale, 'list.separator')) }) });
    return;
  }
  if (sheets.length === 0) {
    out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, message: t(locale, 'import.emptyWorkbook', { file: options.file }) });
    return;
  }
  // By default every sheet whose header is recognised is read (exports split by platform or
  // region into sheets); a sheet without one (notes, a cover) is skipped silently — unless no
  // sheet has one, then the first sheet's missing header is what the user must hear about.
  const unread: TableBuilder[] = [];
  let read = 0;
  let rows = 0;
  for (const ws of chosen) {
    const table = new TableBuilder(options.kind, sheet, mapping.headerSearchRows, options.file, ws.name, locale, false, out);
    for (const { row, cells } of ws.rows()) {
      if (++rows > limits.maxRows) {
        tooManyRows(options.file, locale, out);
        return;
      }
      table.feed(row, cells);
      if (table.gaveUp) break;
    }
    if (table.hasHeader) read++;
    else if (sheet.sheet !== undefined) table.finish();
    else unread.push(table);
  }
  if (read === 0 && unread.length > 0) unread[0].finish();
}

/**
 * Reports an export with more rows than are read (importLimits.json maxRows): none of it is used,
 * since a part of a registry would make every account beyond it look unregistered.
 */
function tooManyRows(file: string, locale: Locale, out: ImportResult): void {
  out.rows = [];
  out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file, message: t(locale, 'import.tooManyRows', { file, limit: limits.maxRows }) });
}

/** Bytes as MiB with one decimal. */
function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** The bound an oversized .xlsx part went beyond, as printed. */
function zipLimitText(limit: ZipLimitError['limit']): string {
  return limit === 'ratio' ? `${limits.maxRatio}:1` : mib(limit === 'size' ? limits.maxEntryBytes : limits.maxTotalBytes);
}

// ---------------------------------------------------------------------------------------------
// YAML lists: one mapping per row, keys are header names (as in the export) or field names.
// ---------------------------------------------------------------------------------------------

function importYamlList(text: string, options: ImportOptions, mapping: RegistryMapping, locale: Locale, out: ImportResult): void {
  const parsed = parseYaml(text);
  const base = sheetMappingOf(mapping, options.kind);
  // Field names themselves (name, platform …) are accepted as keys besides the header names.
  const sheet: SheetMapping = { ...base, columns: { ...base.columns } };
  for (const f of REGISTRY_FIELDS) sheet.columns[f] = [...sheet.columns[f], f];
  const problem = (line: number, message: string): void => {
    out.problems.push({ code: REGISTRY_CODES.importRow, severity: 'error', file: options.file, row: line, message });
  };
  if (parsed.doc.errors.length > 0) {
    const line = parsed.positionAt(parsed.doc.errors[0].pos[0]).line + 1;
    out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, row: line, message: t(locale, 'import.yamlSyntax', { at: t(locale, 'at.line', { file: options.file, line }) }) });
    return;
  }
  const root = parsed.doc.contents;
  if (!isSeq(root)) {
    out.problems.push({ code: REGISTRY_CODES.importFile, severity: 'error', file: options.file, row: 1, message: t(locale, 'import.yamlNotList', { file: options.file }) });
    return;
  }
  const items = parsed.value as unknown[];
  root.items.forEach((node, i) => {
    const line = parsed.positionAt((node as unknown as { range?: readonly number[] } | null)?.range?.[0] ?? 0).line + 1;
    const item = items[i];
    if (!isMap(node) || item === null || typeof item !== 'object' || Array.isArray(item)) {
      problem(line, t(locale, 'import.yamlNotMapping', { at: t(locale, 'at.line', { file: options.file, line }) }));
      return;
    }
    const entries = Object.entries(item as Record<string, unknown>);
    const table = new TableBuilder(options.kind, { ...sheet, headerRow: undefined }, 1, options.file, undefined, locale, false, out);
    table.feed(line, entries.map(([k]) => k));
    if (!table.hasHeader) {
      table.finish();
      return;
    }
    table.feed(line, entries.map(([, v]) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))));
  });
}

// ---------------------------------------------------------------------------------------------
// A campaign's registries
// ---------------------------------------------------------------------------------------------

/** Everything a campaign's `registries` entry yields. */
export interface CampaignRegistry {
  mapping: RegistryMapping;
  media?: RegistryTable;
  websites?: RegistryTable;
  problems: ImportProblem[];
  /** Campaign-relative paths (`/`) of the exports and the mapping file: a change to one re-checks every record. */
  files: string[];
}

/**
 * Loads the registries named in campaign.yaml (`registries: { websites, media, mapping }`). Each path
 * must lead inside the campaign folder or a folder the user allowed (`containment`; by default the
 * campaign folder alone), judged on its real path; one that leads elsewhere is not read.
 */
export async function loadCampaignRegistry(root: string, config: Pick<CampaignConfig, 'registries'>, locale: Locale = 'zh-cn', containment: Containment = { root, allowed: [] }): Promise<CampaignRegistry> {
  const registries = config.registries ?? {};
  const result: CampaignRegistry = { mapping: defaultRegistryMapping(), problems: [], files: [] };
  const display = (p: string): string => p.split(path.sep).join('/').replace(/^\.\//, '');
  /** The real path of a file the campaign names, or the message why it is not read. */
  const locate = async (p: string, file: string): Promise<{ real: string } | { message: string }> => {
    const where = await resolveContained(p, root, containment);
    if (where.status === 'outside') return { message: t(locale, 'import.outside', { file }) };
    if (where.status === 'missing') return { message: t(locale, 'import.missing', { file }) };
    return { real: where.real };
  };
  if (registries.mapping) {
    const file = display(registries.mapping);
    result.files.push(file);
    const where = await locate(registries.mapping, file);
    const read = 'real' in where ? readRegularTextSync(where.real, 'mapping') : undefined;
    if (read && 'text' in read) {
      const loaded = parseRegistryMapping(read.text, file, locale);
      result.mapping = loaded.mapping;
      result.problems.push(...loaded.problems);
    } else {
      const message = 'message' in where ? where.message : t(locale, 'import.refused', { file, reason: refusalMessage((read as { refused: ReadRefusal }).refused, locale, 'mapping') });
      result.problems.push({ code: REGISTRY_CODES.mapping, severity: 'error', file, message });
    }
  }
  for (const kind of ['websites', 'media'] as const) {
    const p = registries[kind];
    if (!p) continue;
    const file = display(p);
    result.files.push(file);
    const recordKind: RegistryKind = kind === 'media' ? 'media' : 'website';
    const where = await locate(p, file);
    const imported = 'real' in where
      ? await importRegistryFile(where.real, { kind: recordKind, file, mapping: result.mapping, locale })
      : { rows: [], problems: [{ code: REGISTRY_CODES.importFile, severity: 'error' as const, file, message: where.message }] };
    result.problems.push(...imported.problems);
    // an export that could not be read at all (file or header unreadable) is no registry: its
    // records are not all unregistered
    const unreadable = imported.problems.some((x) => x.severity === 'error' && (x.code === REGISTRY_CODES.importFile || x.code === REGISTRY_CODES.importHeader));
    if (imported.rows.length === 0 && unreadable) continue;
    result[kind] = { kind: recordKind, rows: imported.rows, files: [file] };
  }
  return result;
}
