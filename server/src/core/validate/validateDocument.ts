// Validation of one parsed YAML document: syntax (IR1xxx), what kind of file it is and its schema
// (IR2xxx), calendar dates (IR3xxx). Pure: the parsed document in, localised diagnostics out.
import { FILE_KINDS, Severity, type CoreDiagnostic, type FileKind, type Locale } from '../model';
import { schemaAt, schemaFileForKind, schemaKinds, schemaText, validatorFor } from '../schemas';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { countDiagnostics, nonFiniteDiagnostics } from './countChecks';
import { dateOrderDiagnostics, implausibleDateDiagnostics } from './dateChecks';
import { t } from './messages';
import { diag, renderActual, renderValue, type SchemaContext } from './messageParts';
import { outputPathDiagnostics } from './pathChecks';
import { schemaDiagnostics } from './schemaErrors';
import { suggest } from './suggest';
import { unsafeTextDiagnostics } from './textChecks';
import { syntaxDiagnostics } from './yamlSyntax';
import { DOCUMENT_CODES, SCHEMA_CODES, SYNTAX_CODES } from '../codes';
import limits from './documentLimits.json';

export interface ValidationResult {
  /** The file's kind when it names a known one. */
  kind?: FileKind;
  /** The schema file it was validated against (none when its kind ships no schema yet). */
  schemaFile?: string;
  /** Sorted by position. */
  diagnostics: CoreDiagnostic[];
}

/** Validates a parsed document: syntax, kind, schema, dates; diagnostics sorted by position. */
export function validateDocument(parsed: ParsedYaml, locale: Locale): ValidationResult {
  const diagnostics = syntaxDiagnostics(parsed, locale);
  const result: ValidationResult = { diagnostics };
  // With broken syntax the tree is partial: schema errors would only add noise. Duplicate keys are
  // the exception, the document is otherwise whole.
  const broken = diagnostics.some((d) => d.severity === Severity.Error && d.code !== SYNTAX_CODES.duplicateKey);
  const value = parsed.value;
  const detected = detectKind(parsed, locale, broken);
  // a kind missing from a broken tree may just sit in the part that could not be read
  if (!broken) diagnostics.push(...detected.diagnostics);
  result.kind = detected.kind;
  if (!broken && detected.kind && value && typeof value === 'object' && !Array.isArray(value)) {
    const schemaFile = schemaFileForKind(detected.kind);
    const validate = schemaFile ? validatorFor(schemaFile) : undefined;
    if (schemaFile && validate) {
      result.schemaFile = schemaFile;
      const ctx: SchemaContext = { parsed, schemaFile, locale };
      // lists beyond the bound: said once each, and only their first items go to the schema validator
      const long = longLists(value);
      for (const list of long) diagnostics.push(diag(ctx, list.path, 'value', SCHEMA_CODES.itemCount, t(locale, 'list.tooLong', { count: list.length, limit: limits.maxListItems })));
      const checked = long.length > 0 ? truncatedLists(value) : value;
      if (!validate(checked) && validate.errors) diagnostics.push(...schemaDiagnostics(ctx, validate.errors));
      diagnostics.push(...dateOrderDiagnostics(ctx, detected.kind), ...countDiagnostics(ctx, detected.kind));
      diagnostics.push(...implausibleDateDiagnostics(ctx), ...outputPathDiagnostics(ctx, detected.kind), ...nonFiniteDiagnostics(ctx));
    }
  }
  if (!broken && value && typeof value === 'object') diagnostics.push(...unsafeTextDiagnostics({ parsed, schemaFile: result.schemaFile ?? '', locale }));
  diagnostics.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
  return result;
}

/** The lists of a value longer than maxListItems, with their paths (iteratively: a value may nest deep). */
function longLists(value: unknown): { path: (string | number)[]; length: number }[] {
  const out: { path: (string | number)[]; length: number }[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      if (v.length > limits.maxListItems) out.push({ path, length: v.length });
      const n = Math.min(v.length, limits.maxListItems);
      for (let i = 0; i < n; i++) if (v[i] && typeof v[i] === 'object') stack.push({ v: v[i], path: [...path, i] });
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') stack.push({ v: x, path: [...path, k] });
    }
  }
  return out;
}

/** A copy of a value whose lists keep at most maxListItems items (what the schema validator is given). */
function truncatedLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, limits.maxListItems).map(truncatedLists);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, truncatedLists(x)]));
  return value;
}

/** Reads `kind`; a missing, mistyped or unknown kind is reported (the file cannot be validated without it). */
function detectKind(parsed: ParsedYaml, locale: Locale, broken: boolean): { kind?: FileKind; diagnostics: CoreDiagnostic[] } {
  const value = parsed.value;
  const ctx: SchemaContext = { parsed, schemaFile: '', locale };
  const at = (code: string, message: string, data?: unknown): CoreDiagnostic[] => [diag(ctx, ['kind'], 'value', code, message, data)];
  if (value === null || value === undefined) {
    // an empty file, or one that could not be read as YAML (already reported)
    return { diagnostics: broken || parsed.conversionError !== undefined ? [] : at(DOCUMENT_CODES.empty, t(locale, 'doc.empty')) };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostics: at(DOCUMENT_CODES.notMapping, t(locale, 'doc.notMapping', { actual: renderActual(value, locale) })) };
  }
  const known = knownKinds();
  const kind = (value as Record<string, unknown>).kind;
  if (typeof kind === 'string' && known.includes(kind)) return { kind: kind as FileKind, diagnostics: [] };
  // the list of kinds, for a message only (most documents name a known kind)
  const kinds = known.map((k) => kindEntry(k, locale)).join(t(locale, 'list.separator'));
  if (kind === undefined || kind === null) return { diagnostics: at(DOCUMENT_CODES.missingKind, t(locale, 'kind.missing', { kinds })) };
  if (typeof kind !== 'string') return { diagnostics: at(DOCUMENT_CODES.unknownKind, t(locale, 'kind.notString', { kinds })) };
  const found = suggest(kind, known, 1);
  const shown = renderValue(kind, locale);
  const message = found.length
    ? t(locale, 'kind.unknownSuggest', { value: shown, suggestion: t(locale, 'suggest.one', { suggestion: found[0] }) })
    : t(locale, 'kind.unknown', { value: shown, kinds });
  return { diagnostics: at(DOCUMENT_CODES.unknownKind, message, found.length ? { replacement: found[0] } : undefined) };
}

let kindsKnown: string[] | undefined;

/** The kinds a file may declare: the model's, plus any kind a shipped schema validates (the schemas are fixed: listed once). */
export function knownKinds(): string[] {
  return (kindsKnown ??= [...new Set<string>([...FILE_KINDS, ...schemaKinds()])]);
}

function kindEntry(kind: string, locale: Locale): string {
  const file = schemaFileForKind(kind);
  const node = file ? schemaAt(file, []) : undefined;
  const title = node ? schemaText(node, locale).title : undefined;
  return title ? t(locale, 'kind.entry', { kind, title }) : kind;
}
