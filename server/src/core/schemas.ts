// The JSON Schemas shipped in schemas/, loaded at run time (so schemas added later by other parts are
// picked up without code changes), compiled lazily by one Ajv 2020 instance, plus the lookups that
// hover, completion and error messages need: the sub-schema at a YAML path and its localised text.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import Ajv2020, { _ } from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Locale, NodePath } from './model';
import { resourcePath } from './resources';

/** A JSON Schema object, as parsed from a schema file. */
export type JsonSchema = { [keyword: string]: unknown };

/** Every shipped schema's `$id` is this base plus its file name; `.invalid` never resolves, on purpose. */
export const SCHEMA_BASE = 'https://inspection-records.invalid/schemas/';

/** English title/description of one schema node, keyed `<file>#<JSON pointer>` in l10n/schema*.en.json. */
export type SchemaEnglish = Record<string, { title?: string; description?: string }>;

/** A problem met while loading the shipped schemas (a broken file must not stop the other ones). */
export interface SchemaLoadProblem {
  file: string;
  message: string;
}

interface SchemaStore {
  /** Built on first need: the build compiled the usual validators already. */
  ajv?: Ajv2020;
  /** Schema file name → parsed schema. */
  files: Map<string, JsonSchema>;
  /** `kind` const → schema file name. */
  kinds: Map<string, string>;
  english: SchemaEnglish;
  validators: Map<string, ValidateFunction | null>;
  problems: SchemaLoadProblem[];
}

let store: SchemaStore | undefined;

/** The Ajv options every validator is compiled with (here and, ahead of time, by the build). */
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, validateFormats: true } as const;

/** Validators compiled ahead of time by the build (scripts/compileSchemas.ts), by schema id. */
interface Precompiled {
  /** Hash of the schema files they were compiled from: used only while the files are the same. */
  hash: string;
  validators: Record<string, ValidateFunction>;
}

/** The build's precompiled validators, when present (a source checkout before its first build has none). */
function precompiled(): Precompiled | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('./generated/schemaValidators.js') as Precompiled;
  } catch {
    return undefined;
  }
}

/** The schemas' texts as one hash (what precompiled validators must match). */
function schemaHash(texts: [string, string][]): string {
  return createHash('sha256').update(JSON.stringify(texts)).digest('hex');
}

/** Every shipped schema, parsed, with the kinds they validate and the hash of their texts. */
function readSchemas(): { files: Map<string, JsonSchema>; kinds: Map<string, string>; problems: SchemaLoadProblem[]; hash: string } {
  const files = new Map<string, JsonSchema>();
  const kinds = new Map<string, string>();
  const problems: SchemaLoadProblem[] = [];
  const texts: [string, string][] = [];
  const dir = resourcePath('schemas');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
    try {
      const text = readFileSync(path.join(dir, name), 'utf8');
      texts.push([name, text]);
      const schema = JSON.parse(text) as JsonSchema;
      // Ajv resolves relative $refs against $id; a schema without the expected $id would break them.
      if (schema.$id !== SCHEMA_BASE + name) throw new Error(`$id must be ${SCHEMA_BASE + name}`);
      files.set(name, schema);
      const kind = ((schema.properties as JsonSchema | undefined)?.kind as JsonSchema | undefined)?.const;
      if (typeof kind === 'string') kinds.set(kind, name);
    } catch (e) {
      problems.push({ file: `schemas/${name}`, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { files, kinds, problems, hash: schemaHash(texts) };
}

/** An Ajv instance holding the schemas (`source`: keep the code, for compiling ahead of time). */
function buildAjv(files: Map<string, JsonSchema>, problems: SchemaLoadProblem[], source = false): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...(source ? { code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } } : {}) });
  addFormats(ajv);
  for (const [name, schema] of files) {
    try {
      ajv.addSchema(schema);
    } catch (e) {
      problems.push({ file: `schemas/${name}`, message: e instanceof Error ? e.message : String(e) });
    }
  }
  // A schema referenced but not shipped (yet) accepts anything instead of breaking compilation.
  for (const target of referencedFiles(files)) {
    if (!files.has(target)) ajv.addSchema({ $id: SCHEMA_BASE + target });
  }
  return ajv;
}

/** Every shipped schema in one Ajv instance that keeps the generated code (for scripts/compileSchemas.ts). */
export function schemaAjv(): { ajv: Ajv2020; files: Map<string, JsonSchema>; problems: SchemaLoadProblem[]; hash: string } {
  const { files, problems, hash } = readSchemas();
  return { ajv: buildAjv(files, problems, true), files, problems, hash };
}

/** The parts of schemas compiled on their own (a profile's merged rule and scoring). */
export const SCHEMA_PARTS = ['profile.schema.json#/$defs/rule', 'profile.schema.json#/$defs/scoring'];

/** Loads (once) every `schemas/*.schema.json` and the English schema texts. */
function getStore(): SchemaStore {
  if (store) return store;
  const { files, kinds, problems, hash } = readSchemas();
  const ahead = precompiled();
  const validators = new Map<string, ValidateFunction | null>(ahead?.hash === hash ? Object.entries(ahead.validators) : []);
  store = { files, kinds, english: loadEnglish(problems), validators, problems };
  return store;
}

/** Merges every `l10n/schema*.en.json` (each part may ship its own file). */
function loadEnglish(problems: SchemaLoadProblem[]): SchemaEnglish {
  const english: SchemaEnglish = {};
  const dir = resourcePath('l10n');
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => /^schema(\..+)?\.en\.json$/.test(n)).sort();
  } catch {
    return english;
  }
  for (const name of names) {
    try {
      Object.assign(english, JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as SchemaEnglish);
    } catch (e) {
      problems.push({ file: `l10n/${name}`, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return english;
}

/** File names of the shipped schemas referenced by `$ref` anywhere in the loaded ones. */
function referencedFiles(files: Map<string, JsonSchema>): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const file = splitRef(v, '').file;
          if (file && !file.includes('/') && !file.includes(':')) out.add(file);
        } else visit(v);
      }
    }
  };
  files.forEach((schema) => visit(schema));
  return out;
}

/** Splits a `$ref` into the schema file it names (relative to SCHEMA_BASE) and the JSON pointer. */
function splitRef(ref: string, currentFile: string): { file: string; pointer: string } {
  const hash = ref.indexOf('#');
  let file = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : decodeURIComponent(ref.slice(hash + 1));
  if (file.startsWith(SCHEMA_BASE)) file = file.slice(SCHEMA_BASE.length);
  return { file: file || currentFile, pointer };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function evaluatePointer(schema: unknown, pointer: string): unknown {
  if (!pointer) return schema;
  let node: unknown = schema;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

/** Problems met while loading schemas (bad JSON, wrong `$id`, invalid schema): reported, not fatal. */
export function schemaLoadProblems(): readonly SchemaLoadProblem[] {
  return getStore().problems;
}

/** The loaded schema file names (e.g. `website-record.schema.json`). */
export function schemaFiles(): string[] {
  return [...getStore().files.keys()];
}

/** The parsed schema of a file, as shipped. */
export function schemaOf(file: string): JsonSchema | undefined {
  return getStore().files.get(file);
}

/** The schema file validating a `kind`, e.g. `website` → `website-record.schema.json`. */
export function schemaFileForKind(kind: string): string | undefined {
  return getStore().kinds.get(kind);
}

/** Every `kind` some loaded schema validates. */
export function schemaKinds(): string[] {
  return [...getStore().kinds.keys()];
}

/**
 * The compiled validator of a schema file, or of one part of it (`#/$defs/rule`), compiled on first
 * use; undefined when it does not compile.
 */
export function validatorFor(file: string, part = ''): ValidateFunction | undefined {
  const s = getStore();
  const id = SCHEMA_BASE + file + part;
  let v = s.validators.get(id);
  if (v === undefined) {
    try {
      s.ajv ??= buildAjv(s.files, s.problems);
      v = s.ajv.getSchema(id) ?? null;
    } catch (e) {
      v = null;
      s.problems.push({ file: `schemas/${file}`, message: e instanceof Error ? e.message : String(e) });
    }
    s.validators.set(id, v);
  }
  return v ?? undefined;
}

/** A schema node found at a YAML path: its keywords ($ref resolved) and where its text is written. */
export interface SchemaNode {
  /** The node's keywords merged over its `$ref` target's (own keywords win). */
  schema: JsonSchema;
  /** File and JSON pointer of the node that gives the title (the property itself, else its $ref target). */
  file: string;
  pointer: string;
  /** The node and the targets of its `$ref` chain, nearest first: where each keyword is written. */
  layers: ReadonlyArray<{ file: string; pointer: string; raw: JsonSchema }>;
}

/** Resolves `$ref` chains: the merged keywords and the location of the first node carrying a title. */
function resolveNode(file: string, pointer: string, raw: unknown): SchemaNode {
  const layers: { file: string; pointer: string; raw: JsonSchema }[] = [];
  let at = { file, pointer, raw };
  // bounded: a $ref cycle without properties in between would otherwise never end
  for (let depth = 0; depth < 16; depth++) {
    const own = at.raw && typeof at.raw === 'object' && !Array.isArray(at.raw) ? (at.raw as JsonSchema) : {};
    layers.push({ file: at.file, pointer: at.pointer, raw: own });
    if (typeof own.$ref !== 'string') break;
    const target = splitRef(own.$ref, at.file);
    at = { file: target.file, pointer: target.pointer, raw: evaluatePointer(getStore().files.get(target.file), target.pointer) ?? {} };
  }
  const schema: JsonSchema = {};
  for (const layer of [...layers].reverse()) Object.assign(schema, layer.raw);
  delete schema.$ref;
  const titled = layers.find((l) => typeof l.raw.title === 'string') ?? layers[0];
  return { schema, file: titled.file, pointer: titled.pointer, layers };
}

/** The location of the layer that writes `keyword`, for building the pointers of its subschemas. */
function where(node: SchemaNode, keyword: string): { file: string; pointer: string } {
  return node.layers.find((l) => keyword in l.raw) ?? node.layers[0];
}

/** The subschemas a node combines (allOf/anyOf/oneOf), resolved, for looking properties up in them. */
function branches(node: SchemaNode): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node.schema[keyword];
    if (!Array.isArray(list)) continue;
    const at = where(node, keyword);
    list.forEach((b, i) => out.push(resolveNode(at.file, `${at.pointer}/${keyword}/${i}`, b)));
  }
  return out;
}

function childOf(node: SchemaNode, segment: string | number): SchemaNode | undefined {
  const s = node.schema;
  const sub = (keyword: string, rest: string, raw: unknown): SchemaNode => {
    const at = where(node, keyword);
    return resolveNode(at.file, `${at.pointer}/${keyword}${rest}`, raw);
  };
  if (typeof segment === 'number') {
    const prefix = s.prefixItems;
    if (Array.isArray(prefix) && segment < prefix.length) return sub('prefixItems', `/${segment}`, prefix[segment]);
    if (s.items && typeof s.items === 'object') return sub('items', '', s.items);
  } else {
    const props = s.properties as JsonSchema | undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, segment)) return sub('properties', `/${escapePointer(segment)}`, props[segment]);
    const patterns = s.patternProperties as JsonSchema | undefined;
    for (const [re, subschema] of Object.entries(patterns ?? {})) {
      if (new RegExp(re, 'u').test(segment)) return sub('patternProperties', `/${escapePointer(re)}`, subschema);
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') return sub('additionalProperties', '', s.additionalProperties);
  }
  for (const b of branches(node)) {
    const found = childOf(b, segment);
    if (found) return found;
  }
  return undefined;
}

/** The schema of the value at a YAML path in a document validated by `file`; undefined when none applies. */
export function schemaAt(file: string, nodePath: NodePath): SchemaNode | undefined {
  const root = getStore().files.get(file);
  if (!root) return undefined;
  let node: SchemaNode | undefined = resolveNode(file, '', root);
  for (const seg of nodePath) {
    node = childOf(node, seg);
    if (!node) return undefined;
  }
  return node;
}

/** The node's title and description in the locale (English from l10n/schema*.en.json, else Chinese). */
export function schemaText(node: SchemaNode, locale: Locale): { title?: string; description?: string } {
  const zh = {
    title: typeof node.schema.title === 'string' ? node.schema.title : undefined,
    description: typeof node.schema.description === 'string' ? node.schema.description : undefined,
  };
  if (locale === 'zh-cn') return zh;
  const en = getStore().english[`${node.file}#${node.pointer}`];
  return { title: en?.title ?? zh.title, description: en?.description ?? zh.description };
}

/** The English texts of every schema node (for tests and tooling). */
export function schemaEnglish(): Readonly<SchemaEnglish> {
  return getStore().english;
}
