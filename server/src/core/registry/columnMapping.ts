// Which column of an export holds which field. Defaults cover the common Chinese headers
// (defaultRegistryMapping.json); a campaign's mapping file (kind: registry-mapping) adds header
// names, picks a sheet or a header row, and may tune the near-miss thresholds.
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import { Severity, type Locale } from '../model';
import { validateDocument } from '../validate/validateDocument';
import defaults from './defaultRegistryMapping.json';
import { t } from './messages';
import { REGISTRY_FIELDS, type ImportProblem, type MatchingOptions, type RegistryField, type RegistryKind } from './registryTypes';
import { REGISTRY_CODES } from '../codes';


/** How to read one kind of export. */
export interface SheetMapping {
  /** Only this worksheet (xlsx); by default every sheet whose header row is recognised. */
  sheet?: string;
  /** 1-based header row; by default the first of the first `headerSearchRows` rows that has the required headers. */
  headerRow?: number;
  /** Header names per field, most preferred first. */
  columns: Record<RegistryField, string[]>;
  /** Fields whose column must exist and whose cell must not be empty. */
  required: RegistryField[];
}

/** The complete mapping in effect for a campaign. */
export interface RegistryMapping {
  headerSearchRows: number;
  media: SheetMapping;
  websites: SheetMapping;
  matching: MatchingOptions;
}

function emptyColumns(): Record<RegistryField, string[]> {
  return Object.fromEntries(REGISTRY_FIELDS.map((f) => [f, [] as string[]])) as unknown as Record<RegistryField, string[]>;
}

function defaultSheet(kind: 'media' | 'websites'): SheetMapping {
  const d = defaults[kind] as { required: string[]; columns: Record<string, string[]> };
  const columns = emptyColumns();
  for (const [field, names] of Object.entries(d.columns)) columns[field as RegistryField] = [...names];
  return { columns, required: d.required as RegistryField[] };
}

/** The mapping used when a campaign names no mapping file. */
export function defaultRegistryMapping(): RegistryMapping {
  return {
    headerSearchRows: defaults.headerSearchRows,
    media: defaultSheet('media'),
    websites: defaultSheet('websites'),
    matching: { ...defaults.matching },
  };
}

/** The mapping section for a registry kind. */
export function sheetMappingOf(mapping: RegistryMapping, kind: RegistryKind): SheetMapping {
  return kind === 'media' ? mapping.media : mapping.websites;
}

/** Comparison form of a header cell: NFKC, no spaces, no required-field marks (*), lower case. */
export function normaliseHeader(s: string): string {
  return s.normalize('NFKC').replace(/[\s*※:]/g, '').toLowerCase();
}

/** A header row resolved against a mapping: field → 0-based column index. */
export interface ResolvedHeader {
  columns: Map<RegistryField, number>;
  missing: RegistryField[];
}

/** Finds each field's column in a header row (aliases in order; each column serves one field). */
export function resolveHeader(cells: readonly string[], sheet: SheetMapping): ResolvedHeader {
  const exact = cells.map(normaliseHeader);
  // "账号ID（微信号）" also answers to 账号ID: the bracketed explanation is dropped as a second try.
  const bare = exact.map((h) => h.replace(/\(.*?\)/g, ''));
  const taken = new Set<number>();
  const columns = new Map<RegistryField, number>();
  // Required fields choose first so that a loose alias of another field cannot take their column.
  const order = [...sheet.required, ...REGISTRY_FIELDS.filter((f) => !sheet.required.includes(f))];
  for (const field of order) {
    for (const alias of sheet.columns[field]) {
      const a = normaliseHeader(alias);
      let idx = exact.findIndex((h, i) => h === a && !taken.has(i));
      if (idx < 0) idx = bare.findIndex((h, i) => h === a && !taken.has(i));
      if (idx >= 0) {
        columns.set(field, idx);
        taken.add(idx);
        break;
      }
    }
  }
  return { columns, missing: sheet.required.filter((f) => !columns.has(f)) };
}

// ---------------------------------------------------------------------------------------------
// The mapping file
// ---------------------------------------------------------------------------------------------

export interface MappingLoadResult {
  mapping: RegistryMapping;
  problems: ImportProblem[];
  parsed: ParsedYaml;
}

interface MappingSection {
  sheet?: string;
  headerRow?: number;
  replaceDefaults?: boolean;
  columns?: Partial<Record<RegistryField, string | string[]>>;
}

interface MappingFile {
  kind: 'registry-mapping';
  headerSearchRows?: number;
  media?: MappingSection;
  websites?: MappingSection;
  matching?: Partial<MatchingOptions>;
}

/**
 * Reads a mapping file (kind: registry-mapping) over the defaults. It is validated against
 * schemas/registry-mapping.schema.json like any file of the campaign; with errors the defaults stay
 * in force and each error is a problem with file, line and column.
 */
export function parseRegistryMapping(text: string, file: string, locale: Locale): MappingLoadResult {
  const parsed = parseYaml(text);
  const mapping = defaultRegistryMapping();
  const { kind, diagnostics } = validateDocument(parsed, locale);
  const problems: ImportProblem[] = diagnostics
    .filter((d) => d.severity === Severity.Error)
    .map((d) => mappingProblem(file, d.range.start.line + 1, d.range.start.character + 1, `${d.message} (${d.code})`, locale));
  if (problems.length === 0 && kind !== 'registry-mapping') {
    const r = parsed.rangeOf(['kind']);
    problems.push(mappingProblem(file, r.start.line + 1, r.start.character + 1, t(locale, 'mapping.kind'), locale));
  }
  if (problems.length > 0) return { mapping, problems, parsed };

  const value = parsed.value as MappingFile;
  if (value.headerSearchRows !== undefined) mapping.headerSearchRows = value.headerSearchRows;
  for (const kind of ['media', 'websites'] as const) {
    const section = value[kind];
    if (!section) continue;
    const target = mapping[kind];
    if (section.sheet !== undefined) target.sheet = section.sheet.trim();
    if (section.headerRow !== undefined) target.headerRow = section.headerRow;
    if (section.replaceDefaults) target.columns = emptyColumns();
    for (const [field, names] of Object.entries(section.columns ?? {}) as [RegistryField, string | string[]][]) {
      const list = (typeof names === 'string' ? [names] : names).map((n) => n.trim());
      // The file's names come first; the defaults stay as fallbacks unless replaceDefaults.
      target.columns[field] = [...list, ...target.columns[field].filter((n) => !list.includes(n))];
    }
    // A required field left without any header name would make every export unreadable.
    for (const f of target.required) {
      if (target.columns[f].length === 0) {
        const r = parsed.rangeOf([kind, 'columns'], 'key');
        problems.push(mappingProblem(file, r.start.line + 1, r.start.character + 1, t(locale, 'mapping.requiredField', { field: f }), locale));
      }
    }
  }
  Object.assign(mapping.matching, value.matching ?? {});
  return problems.length > 0 ? { mapping: defaultRegistryMapping(), problems, parsed } : { mapping, problems, parsed };
}

function mappingProblem(file: string, line: number, column: number, message: string, locale: Locale): ImportProblem {
  return { code: REGISTRY_CODES.mapping, severity: 'error', file, row: line, column, message: t(locale, 'mapping.problem', { file, line, column, message }) };
}
