// Quick fixes, each from what the diagnostic carries (`diagnostic.data`) and the document as it is
// now — no server-side memory of earlier checks:
//   data.replacement             the text to write over the diagnostic's range (dates, enum values, keys)
//   IR2104 / data.missingProperty  insert the skeleton of a missing required field
//   data.fixes ({ path, value }[]) write what the registry says (name or sponsor as filed …)
//   data.row                     fill or correct the record's identity fields from the matched registry row
//   data.suggestions             take one of the near-miss registry rows (rows, or { row, fixes })
//   REG-UNREGISTERED (new media)  write the campaign's 补报 list, which holds every unregistered account
//   any code                     silence it on its line, or in the whole file, with a comment
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { isMap, isScalar } from 'yaml';
import type { FileKind, NodePath, RecordKind, RegistryRowRef } from '../core/model';
import { canonicalPlatform, insertPair, setValue, suppressionEdit, type YamlValue } from '../core/actions/language';
import { documentKind, type DocumentContext } from './documentContext';
import { UNUSED_SUPPRESSION } from './diagnostics';
import { rowHeading, suggestionLabel } from './hover';
import { propertyNames, requiredNames, schemaTypes } from './schemaAccess';
import { serviceText } from './serviceText';
import { locateNode } from './yamlPath';
import { SCHEMA_CODES } from '../core/codes';

/** Schema code of a missing required property (see core/validate/schemaErrors.ts). */
const REQUIRED_CODE = SCHEMA_CODES.required;

/** Record fields a registry row can fill or correct, per kind. */
const ROW_FIELDS: Record<RecordKind, string[]> = {
  media: ['platform', 'name', 'accountId', 'sponsor', 'region'],
  website: ['name', 'siteCode', 'url', 'sponsor', 'region'],
};

export interface CodeActionOptions {
  /** The URI the client uses for a file. */
  fileToUri(file: string): string;
}

/** The server command that writes a campaign's 补报 list (argument: the campaign folder's URI). */
export const EXPORT_SUPPLEMENT_COMMAND = 'inspectionRecords.server.exportSupplement';

/** Quick fixes for the diagnostics of a request (those the client sent in its context). */
export function getCodeActions(ctx: DocumentContext, diagnostics: Diagnostic[], options: CodeActionOptions): CodeAction[] {
  const fixes: CodeAction[] = [];
  const silencing: CodeAction[] = [];
  for (const d of diagnostics) {
    if (typeof d.source !== 'string' || !d.source.startsWith('inspection-records')) continue;
    const data = (d.data ?? {}) as Record<string, unknown>;
    const code = d.code === undefined ? '' : String(d.code);
    if (typeof data.replacement === 'string' || typeof data.replacement === 'number' || typeof data.replacement === 'boolean') {
      fixes.push(replacementAction(ctx, d, String(data.replacement)));
    }
    if (code === REQUIRED_CODE || typeof data.missingProperty === 'string') fixes.push(...skeletonActions(ctx, d, data));
    fixes.push(...registryActions(ctx, d, data));
    if (isUnregistered(code, data)) {
      const a = supplementAction(ctx, d, options);
      if (a) fixes.push(a);
    }
    if (code === UNUSED_SUPPRESSION) {
      const a = removeDirectiveAction(ctx, d, data);
      if (a) fixes.push(a);
    } else if (code && !/^IR1\d/.test(code)) {
      silencing.push(...suppressActions(ctx, d, code));
    }
  }
  return [...fixes, ...dedupe(silencing)];
}

/** What the registry says the record should hold: its fixes, its near-miss rows, its matched row. */
function registryActions(ctx: DocumentContext, d: Diagnostic, data: Record<string, unknown>): CodeAction[] {
  const out: CodeAction[] = [];
  const fixes = Array.isArray(data.fixes) ? data.fixes.filter(isFix) : [];
  if (fixes.length > 0) {
    const a = fixesAction(ctx, d, fixes, isRow(data.row) ? data.row : undefined);
    if (a) out.push(a);
  }
  const suggestions = Array.isArray(data.suggestions) ? data.suggestions : [];
  for (const s of suggestions) {
    // a row, or { row, fixes } (the fixes that accept it)
    const withFixes = s as { row?: unknown; fixes?: unknown };
    const row = isRow(s) ? s : isRow(withFixes.row) ? withFixes.row : undefined;
    if (!row) continue;
    const own = Array.isArray(withFixes.fixes) ? withFixes.fixes.filter(isFix) : undefined;
    const a = suggestionAction(ctx, d, row, own);
    if (a) out.push(a);
  }
  if (isRow(data.row) && suggestions.length === 0) {
    const a = rowAction(ctx, d, data.row);
    if (a && !out.some((f) => sameEdit(f, a))) out.push(a);
  }
  return out;
}

function edit(ctx: DocumentContext, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [ctx.uri]: edits } };
}

function quickFix(title: string, diagnostic: Diagnostic, workspaceEdit: WorkspaceEdit, isPreferred = false): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit };
  if (isPreferred) a.isPreferred = true;
  return a;
}

/** `data.replacement` is YAML text for exactly the diagnostic's range (the core chose key or value). */
function replacementAction(ctx: DocumentContext, d: Diagnostic, replacement: string): CodeAction {
  return quickFix(serviceText(ctx.locale, 'action.replace', { replacement }), d, edit(ctx, [{ range: d.range, newText: replacement }]), true);
}

/** The skeleton of each required field missing from the mapping the diagnostic is on. */
function skeletonActions(ctx: DocumentContext, d: Diagnostic, data: Record<string, unknown>): CodeAction[] {
  const kind = documentKind(ctx);
  if (!kind) return [];
  const { parsed } = ctx.check;
  const out: CodeAction[] = [];
  const targets: { mapPath: NodePath; key: string }[] = [];
  if (typeof data.missingProperty === 'string') {
    targets.push({ mapPath: Array.isArray(data.path) ? (data.path as NodePath) : [], key: data.missingProperty });
  } else {
    // the core puts a missing-key diagnostic on the mapping's key (its first line for the document
    // or a list item): the mapping is the located node, or the one holding it
    const loc = locateNode(parsed, parsed.offsetAt(d.range.start));
    const candidates: NodePath[] = loc ? [loc.path, loc.path.slice(0, -1)] : [[]];
    for (const mapPath of candidates) {
      const node = mapPath.length === 0 ? parsed.doc.contents : parsed.nodeAt(mapPath);
      if (!isMap(node)) continue;
      const schema = ctx.schemas.at(kind, mapPath);
      if (!schema) continue;
      const present = new Set(node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
      const missing = requiredNames(schema).filter((k) => !present.has(k));
      if (missing.length === 0) continue;
      for (const key of missing) targets.push({ mapPath, key });
      break;
    }
  }
  for (const { mapPath, key } of targets) {
    const value = skeleton(ctx, kind, [...mapPath, key], 0);
    const e = insertPair(parsed, mapPath, key, value);
    if (!e) continue;
    const node = ctx.schemas.at(kind, [...mapPath, key]);
    const title = node ? ctx.schemas.text(node, ctx.locale).title : undefined;
    out.push(quickFix(serviceText(ctx.locale, 'action.insertRequired', { title: title ?? key, key }), d, edit(ctx, [e]), targets.length === 1));
  }
  return out;
}

/** An empty value of the right shape: required keys of objects, one item for lists of objects. */
function skeleton(ctx: DocumentContext, kind: FileKind, at: NodePath, depth: number): YamlValue {
  const node = ctx.schemas.at(kind, at);
  if (!node || depth > 4) return null;
  if (node.schema.const !== undefined) return node.schema.const as YamlValue;
  const types = schemaTypes(node);
  if (types.length === 1 && types[0] === 'object') {
    const out: Record<string, YamlValue> = {};
    const required = requiredNames(node);
    for (const k of propertyNames(node).filter((p) => required.includes(p))) out[k] = skeleton(ctx, kind, [...at, k], depth + 1);
    return out;
  }
  if (types.length === 1 && types[0] === 'array') {
    const item = ctx.schemas.at(kind, [...at, 0]);
    if (item && schemaTypes(item).includes('object')) return [skeleton(ctx, kind, [...at, 0], depth + 1)];
    return [];
  }
  return null;
}

function isRow(v: unknown): v is RegistryRowRef {
  return !!v && typeof v === 'object' && typeof (v as RegistryRowRef).values === 'object' && typeof (v as RegistryRowRef).row === 'number';
}

/** Edits that make the record's identity fields say what the registry row says. */
function rowEdits(ctx: DocumentContext, row: RegistryRowRef): { fields: string[]; edits: TextEdit[] } {
  const kind = documentKind(ctx);
  if (kind !== 'media' && kind !== 'website') return { fields: [], edits: [] };
  const { parsed } = ctx.check;
  const record = (parsed.value ?? {}) as Record<string, unknown>;
  const fields: string[] = [];
  const edits: TextEdit[] = [];
  for (const f of ROW_FIELDS[kind]) {
    const raw = row.values[f];
    if (!raw || !ctx.schemas.at(kind, [f])) continue;
    const value = f === 'platform' ? (canonicalPlatform(raw) ?? raw) : raw;
    if (record[f] === value) continue;
    const e = setValue(parsed, [f], value);
    if (!e) continue;
    fields.push(fieldTitle(ctx, kind, f));
    edits.push(e);
  }
  return { fields, edits };
}

function fieldTitle(ctx: DocumentContext, kind: FileKind, field: string): string {
  const node = ctx.schemas.at(kind, [field]);
  return (node && ctx.schemas.text(node, ctx.locale).title) ?? field;
}

function rowAction(ctx: DocumentContext, d: Diagnostic, row: RegistryRowRef): CodeAction | undefined {
  const { fields, edits } = rowEdits(ctx, row);
  if (edits.length === 0) return undefined;
  const title = serviceText(ctx.locale, 'action.fillFromRow', { fields: fields.join(serviceText(ctx.locale, 'list.separator')), where: rowHeading(row, ctx.locale) });
  return quickFix(title, d, edit(ctx, edits), true);
}

function suggestionAction(ctx: DocumentContext, d: Diagnostic, row: RegistryRowRef, fixes?: RegistryFix[]): CodeAction | undefined {
  const edits = fixes && fixes.length > 0 ? fixEdits(ctx, fixes) : rowEdits(ctx, row).edits;
  if (edits.length === 0) return undefined;
  return quickFix(serviceText(ctx.locale, 'action.takeSuggestion', { suggestion: suggestionLabel(row, ctx.locale) }), d, edit(ctx, edits));
}

/** A value the core says the record should hold (`{ path, value }`, e.g. the name as filed). */
interface RegistryFix {
  path: NodePath;
  value: string;
}

function isFix(v: unknown): v is RegistryFix {
  return !!v && typeof v === 'object' && Array.isArray((v as RegistryFix).path) && typeof (v as RegistryFix).value === 'string';
}

function fixEdits(ctx: DocumentContext, fixes: RegistryFix[]): TextEdit[] {
  return fixes.map((f) => setValue(ctx.check.parsed, f.path, f.value)).filter((e): e is TextEdit => e !== undefined);
}

/** Writes what the registry says: `按登记系统改为：主办单位“儋州市教育局”`. */
function fixesAction(ctx: DocumentContext, d: Diagnostic, fixes: RegistryFix[], row: RegistryRowRef | undefined): CodeAction | undefined {
  const edits = fixEdits(ctx, fixes);
  if (edits.length === 0) return undefined;
  const kind = documentKind(ctx);
  const parts = fixes.map((f) => {
    const field = kind ? fieldTitle(ctx, kind, String(f.path[f.path.length - 1])) : String(f.path[f.path.length - 1]);
    return serviceText(ctx.locale, 'action.fixPart', { field, value: f.value });
  });
  const values = parts.join(serviceText(ctx.locale, 'list.separator'));
  const title = row
    ? serviceText(ctx.locale, 'action.applyFixesFromRow', { values, where: rowHeading(row, ctx.locale) })
    : serviceText(ctx.locale, 'action.applyFixes', { values });
  return quickFix(title, d, edit(ctx, edits), true);
}

function sameEdit(a: CodeAction, b: CodeAction): boolean {
  return JSON.stringify(a.edit) === JSON.stringify(b.edit);
}

function isUnregistered(code: string, data: Record<string, unknown>): boolean {
  return data.status === 'unregistered' || /^REG-.*UNREGISTERED/i.test(code);
}

/**
 * The 补报 list is derived from the records: every unregistered new-media account is in it. The fix
 * writes (or rewrites, after asking) the campaign's list files through the server command.
 */
function supplementAction(ctx: DocumentContext, d: Diagnostic, options: CodeActionOptions): CodeAction | undefined {
  const root = ctx.workspace?.root;
  if (documentKind(ctx) !== 'media' || !root) return undefined;
  const title = serviceText(ctx.locale, 'action.exportSupplement');
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: EXPORT_SUPPLEMENT_COMMAND, arguments: [options.fileToUri(root)] } };
}

function suppressActions(ctx: DocumentContext, d: Diagnostic, code: string): CodeAction[] {
  const text = ctx.check.parsed.text;
  const line = quickFix(serviceText(ctx.locale, 'action.suppressLine', { code }), d, edit(ctx, [suppressionEdit(text, d.range.start.line, code)]));
  const fileDirective = serviceText(ctx.locale, 'action.suppressFile', { code });
  const file = quickFix(fileDirective, d, edit(ctx, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# inspection-disable-file ${code}${text.includes('\r\n') ? '\r\n' : '\n'}` }]));
  return [line, file];
}

/** Removes a suppression comment that silences nothing, or just its idle codes. */
function removeDirectiveAction(ctx: DocumentContext, d: Diagnostic, data: Record<string, unknown>): CodeAction | undefined {
  const info = data.unusedSuppression as { line?: unknown; codes?: unknown } | undefined;
  if (!info || typeof info.line !== 'number') return undefined;
  const lines = ctx.check.parsed.text.split(/\r?\n/);
  const comment = lines[info.line];
  if (comment === undefined) return undefined;
  const idle = Array.isArray(info.codes) ? info.codes.map(String) : [];
  const m = /^(\s*#\s*inspection-disable-(?:next-line|file))(.*?)(\s--(?:\s.*)?)?$/.exec(comment);
  if (!m) return undefined;
  const codes = m[2].split(/[\s,，]+/).filter((c) => c);
  const keep = codes.filter((c) => !idle.some((x) => x.toUpperCase() === c.toUpperCase()));
  let e: TextEdit;
  if (idle.length === 0 || keep.length === 0) {
    e = { range: { start: { line: info.line, character: 0 }, end: { line: info.line + 1, character: 0 } }, newText: '' };
  } else {
    e = { range: { start: { line: info.line, character: 0 }, end: { line: info.line, character: comment.length } }, newText: `${m[1]} ${keep.join(', ')}${m[3] ?? ''}` };
  }
  return quickFix(serviceText(ctx.locale, 'action.removeSuppression'), d, edit(ctx, [e]), true);
}

/** One "silence X" action per code and scope, even when several diagnostics share the code. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Map<string, CodeAction>();
  for (const a of actions) {
    const prior = seen.get(a.title + JSON.stringify(a.edit));
    if (prior) prior.diagnostics = [...(prior.diagnostics ?? []), ...(a.diagnostics ?? [])];
    else seen.set(a.title + JSON.stringify(a.edit), a);
  }
  return [...seen.values()];
}


