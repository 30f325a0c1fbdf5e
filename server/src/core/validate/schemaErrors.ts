// Ajv's errors turned into diagnostics on the exact YAML node (the value for type/enum/format/range
// errors, the key for unknown keys, the mapping's key for missing ones) with messages built from the
// error details and the schema's Chinese titles. oneOf/anyOf noise collapses into one message.
import type { ErrorObject } from 'ajv';
import type { CoreDiagnostic, Locale, NodePath } from '../model';
import { schemaAt, schemaText, type JsonSchema } from '../schemas';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { dateDiagnostic } from './dateChecks';
import { t } from './messages';
import { diag, documentLabel, label, renderActual, renderValue, toNodePath, validatedValue, type SchemaContext } from './messageParts';
import { booleanFromWord, suggest } from './suggest';
import { SCHEMA_CODES } from '../codes';

type Item = { error: ErrorObject; branchErrors?: ErrorObject[] };

/** Diagnostics for ajv's errors of one validation of `ctx.parsed.value`. */
export function schemaDiagnostics(ctx: SchemaContext, errors: readonly ErrorObject[]): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const seen = new Set<string>();
  // a NaN or infinite number has its own diagnostic (IR2116, countChecks.ts); type and range errors would repeat it
  // an `if` error only says that its then/else branch failed, which that branch's own errors say
  const items = collapse(errors.filter((e) => e.keyword !== 'if')).filter((item) => !isNonFinite(valueAt(validatedValue(ctx), item.error.instancePath)));
  for (const d of items.flatMap((item) => fromItem(ctx, item))) {
    const key = `${d.code}@${d.range.start.line}:${d.range.start.character}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function isNonFinite(v: unknown): boolean {
  return typeof v === 'number' && !Number.isFinite(v);
}

/** The value at an ajv instance path (JSON pointer). */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const seg of toNodePath(pointer, root)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** Groups each oneOf/anyOf error with the branch errors ajv reports just before it. */
function collapse(errors: readonly ErrorObject[]): Item[] {
  const items: Item[] = [];
  for (let i = errors.length - 1; i >= 0; ) {
    const e = errors[i];
    if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') {
      items.unshift({ error: e });
      i--;
      continue;
    }
    let j = i - 1;
    while (j >= 0 && inBranch(errors[j], e)) j--;
    items.unshift({ error: e, branchErrors: errors.slice(j + 1, i) });
    i = j;
  }
  return items;
}

function inBranch(x: ErrorObject, choice: ErrorObject): boolean {
  const within = x.instancePath === choice.instancePath || x.instancePath.startsWith(`${choice.instancePath}/`);
  // errors inside a $ref'd branch carry the referenced schema's path, not the choice's
  return within && (x.schemaPath.startsWith(`${choice.schemaPath}/`) || !x.schemaPath.startsWith('#'));
}

function branchIndex(x: ErrorObject, choice: ErrorObject): number {
  const m = /^\/(\d+)/.exec(x.schemaPath.slice(choice.schemaPath.length));
  return x.schemaPath.startsWith(`${choice.schemaPath}/`) && m ? Number(m[1]) : -1;
}

function fromItem(ctx: SchemaContext, item: Item): CoreDiagnostic[] {
  const e = item.error;
  const path = toNodePath(e.instancePath, validatedValue(ctx));
  if (item.branchErrors) return fromChoice(ctx, e, item.branchErrors, path);
  const d = fromError(ctx, e, path);
  return d ? [d] : [];
}

/** One message for a failed oneOf/anyOf, unless exactly one alternative fits the value's shape. */
function fromChoice(ctx: SchemaContext, e: ErrorObject, branchErrors: ErrorObject[], path: NodePath): CoreDiagnostic[] {
  const { locale } = ctx;
  const alternatives = ((e.parentSchema as JsonSchema | undefined)?.[e.keyword] as unknown[] | undefined) ?? [];
  if (Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas)) {
    return [diag(ctx, path, 'value', SCHEMA_CODES.oneOf, t(locale, 'schema.oneOfMany', { label: label(ctx, path) }))];
  }
  const misfits = new Set(
    branchErrors
      .filter((b) => b.instancePath === e.instancePath && ['type', 'const', 'enum'].includes(b.keyword))
      .map((b) => branchIndex(b, e)),
  );
  const fitting = alternatives.map((_, i) => i).filter((i) => !misfits.has(i));
  if (e.data !== null && typeof e.data === 'object' && fitting.length === 1) {
    const chosen = branchErrors.filter((b) => branchIndex(b, e) === fitting[0]);
    if (chosen.length) return collapse(chosen).flatMap((item) => fromItem(ctx, item));
  }
  const described = alternatives.map((a) => describeAlternative(a, locale)).filter((s) => s);
  const message = t(locale, 'schema.oneOf', {
    label: label(ctx, path),
    alternatives: described.join(t(locale, 'list.alternatives')),
    value: renderValue(e.data, locale),
  });
  return [diag(ctx, path, 'value', SCHEMA_CODES.oneOf, message)];
}

function describeAlternative(raw: unknown, locale: Locale): string {
  if (!raw || typeof raw !== 'object') return '';
  const s = raw as JsonSchema;
  if ('const' in s) return renderValue(s.const, locale);
  if (Array.isArray(s.enum)) return s.enum.map((v) => renderValue(v, locale)).join(t(locale, 'list.separator'));
  if (typeof s.type === 'string' && isTypeName(s.type)) {
    const type = t(locale, `type.${s.type}`);
    const min = s.minimum;
    const max = s.maximum;
    if (min !== undefined && max !== undefined) return t(locale, 'describe.minMax', { type, min: String(min), max: String(max) });
    if (min !== undefined) return t(locale, 'describe.min', { type, limit: String(min) });
    if (max !== undefined) return t(locale, 'describe.max', { type, limit: String(max) });
    return type;
  }
  return typeof s.title === 'string' ? s.title : '';
}

const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type TypeName = (typeof TYPE_NAMES)[number];
function isTypeName(s: string): s is TypeName {
  return (TYPE_NAMES as readonly string[]).includes(s);
}

function fromError(ctx: SchemaContext, e: ErrorObject, path: NodePath): CoreDiagnostic | undefined {
  const { locale } = ctx;
  const params = e.params as Record<string, unknown>;
  const parentSchema = (e.parentSchema ?? {}) as JsonSchema;
  const lbl = (): string => label(ctx, path);
  const value = e.data;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const child = label(ctx, [...path, missing]);
      const message = path.length
        ? t(locale, 'schema.requiredIn', { parent: lbl(), label: child })
        : t(locale, 'schema.required', { label: child });
      return diag(ctx, path, 'key', SCHEMA_CODES.required, message);
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parentSchema.properties as JsonSchema | undefined) ?? {});
      const found = suggest(key, allowed);
      const parent = path.length ? lbl() : documentLabel(ctx);
      const message =
        found.length > 0
          ? t(locale, 'schema.unknownKeySuggest', { key, parent, suggestion: suggestion(found, locale) })
          : t(locale, 'schema.unknownKey', { key, parent, allowed: allowed.join(t(locale, 'list.separator')) });
      return diag(ctx, [...path, key], 'key', SCHEMA_CODES.unknownKey, message, replacementData(found));
    }
    case 'type': {
      if (parentSchema.format === 'date') {
        const d = dateDiagnostic(ctx, path, value, lbl);
        if (d) return d;
      }
      const expectedTypes = ([] as unknown[]).concat(params.type).map(String).filter(isTypeName);
      const expected = expectedTypes.map((x) => t(locale, `type.${x}`)).join(t(locale, 'list.separator'));
      // `key:` with nothing after it: say the value is empty, not that null is of the wrong type
      if (value === null) return diag(ctx, path, 'value', SCHEMA_CODES.type, t(locale, 'schema.emptyType', { label: lbl(), expected }));
      const actual = renderActual(value, locale);
      if (expectedTypes.includes('boolean')) {
        const b = booleanFromWord(value);
        if (b !== undefined) {
          const message = t(locale, 'schema.typeBoolean', { label: lbl(), value: renderValue(value, locale), replacement: String(b) });
          return diag(ctx, path, 'value', SCHEMA_CODES.type, message, { replacement: String(b) });
        }
      }
      if (expectedTypes.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
        const quoted = JSON.stringify(sourceText(ctx.parsed, path) ?? String(value));
        const message = t(locale, 'schema.typeQuote', { label: lbl(), actual, quoted });
        return diag(ctx, path, 'value', SCHEMA_CODES.type, message, { replacement: quoted });
      }
      return diag(ctx, path, 'value', SCHEMA_CODES.type, t(locale, 'schema.type', { label: lbl(), expected, actual }));
    }
    case 'format': {
      if (params.format === 'date') {
        const d = dateDiagnostic(ctx, path, value, lbl);
        if (d) return d;
      }
      return diag(ctx, path, 'value', SCHEMA_CODES.format, t(locale, 'schema.format', { label: lbl(), format: String(params.format) }));
    }
    case 'enum': {
      const allowedValues = (params.allowedValues as unknown[]) ?? [];
      const allowed = allowedValues.map((v) => renderValue(v, locale)).join(t(locale, 'list.separator'));
      const strings = allowedValues.filter((v): v is string => typeof v === 'string');
      const found = typeof value === 'string' || typeof value === 'number' ? suggest(String(value), strings) : [];
      const args = { label: lbl(), value: renderValue(value, locale), allowed };
      if (value === null || (typeof value === 'string' && value.trim() === '')) return diag(ctx, path, 'value', SCHEMA_CODES.enum, t(locale, 'schema.emptyEnum', args));
      const message = found.length
        ? t(locale, 'schema.enumSuggest', { ...args, suggestion: suggestion(found, locale) })
        : t(locale, 'schema.enum', args);
      return diag(ctx, path, 'value', SCHEMA_CODES.enum, message, replacementData(found));
    }
    case 'const':
      return diag(ctx, path, 'value', SCHEMA_CODES.const, t(locale, 'schema.const', {
        label: lbl(),
        expected: renderValue(params.allowedValue, locale),
        value: renderValue(value, locale),
      }));
    case 'pattern': {
      const node = schemaAt(ctx.schemaFile, [...(ctx.part?.schemaPath ?? []), ...path]);
      const hint = (node && schemaText(node, locale).description) ?? String(params.pattern);
      return diag(ctx, path, 'value', SCHEMA_CODES.pattern, t(locale, 'schema.pattern', { label: lbl(), hint }));
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diag(ctx, path, 'value', SCHEMA_CODES.range, t(locale, `schema.${e.keyword}`, {
        label: lbl(),
        limit: String(params.limit),
        value: String(value),
      }));
    case 'minLength':
    case 'maxLength': {
      const empty = e.keyword === 'minLength' && params.limit === 1;
      const key = empty ? 'schema.empty' : `schema.${e.keyword}` as const;
      return diag(ctx, path, 'value', SCHEMA_CODES.length, t(locale, key, { label: lbl(), limit: String(params.limit) }));
    }
    case 'minItems':
    case 'maxItems':
      return diag(ctx, path, 'value', SCHEMA_CODES.itemCount, t(locale, `schema.${e.keyword}`, { label: lbl(), limit: String(params.limit) }));
    case 'uniqueItems': {
      // ajv names the later duplicate i and the earlier one j
      const later = Math.max(Number(params.i), Number(params.j));
      const earlier = Math.min(Number(params.i), Number(params.j));
      const message = t(locale, 'schema.uniqueItems', { label: lbl(), i: later + 1, j: earlier + 1 });
      return diag(ctx, [...path, later], 'value', SCHEMA_CODES.uniqueItems, message);
    }
    default:
      return diag(ctx, path, 'value', SCHEMA_CODES.other, t(locale, 'schema.other', { label: lbl(), keyword: e.keyword }));
  }
}

/** The source text of the value at a path (e.g. `0898` that YAML read as the number 898). */
function sourceText(parsed: ParsedYaml, path: NodePath): string | undefined {
  const range = parsed.nodeRange(path);
  return range ? parsed.text.slice(range.start, range.end) : undefined;
}

function suggestion(found: string[], locale: Locale): string {
  if (found.length === 1) return t(locale, 'suggest.one', { suggestion: found[0] });
  const list = found.map((s) => t(locale, 'suggest.quoted', { value: s })).join(t(locale, 'list.separator'));
  return t(locale, 'suggest.many', { suggestions: list });
}

/** Quick-fix data when exactly one suggestion stands out. */
function replacementData(found: string[]): { replacement: string } | undefined {
  return found.length === 1 ? { replacement: found[0] } : undefined;
}
