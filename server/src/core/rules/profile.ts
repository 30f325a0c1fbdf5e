// Loading indicator profiles: find the file (a built-in name or a path), parse it, validate it
// against schemas/profile.schema.json, resolve its `extends` chain (overrides by rule id, added and
// disabled rules, scoring patches) and check the result. Every problem is a diagnostic with the file
// and the node it concerns, in Chinese first.
import { readdirSync } from 'node:fs';
import { resolveContainedSync, type Containment } from '../io/containment';
import { readRegularTextSync, refusalProblem, type ReadRefusal } from '../io/readText';
import limits from './profileLimits.json';
import { compileUserPattern } from './userPattern';
import * as path from 'node:path';
import type { CoreDiagnostic, Locale, NodePath, Range } from '../model';
import { Severity } from '../model';
import { resourcePath } from '../resources';
import { validatorFor } from '../schemas';
import { toNodePath } from '../validate/messageParts';
import { schemaDiagnostics } from '../validate/schemaErrors';
import { syntaxDiagnostics } from '../validate/yamlSyntax';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import { REQUIRED_PARAMETERS } from './evaluators';
import { isMultiPath } from './facts';
import { fromDecimal, mul, frac, cmp, add, sub } from './fraction';
import { t, type RulesMessageKey } from './messages';
import type { Condition, ResolvedProfile, Rule, Scoring } from './profileTypes';
import { PROFILE_CODES } from '../codes';

export interface ProfileProblem {
  /** Absolute path of the file the problem is in ('' when no file could be named). */
  file: string;
  diagnostic: CoreDiagnostic;
}

export interface ProfileLoadResult {
  /** Undefined when any problem is an error. */
  profile?: ResolvedProfile;
  problems: ProfileProblem[];
}

/** A file's text, or why not: an errno code (`error`), or a refusal (a pipe, a device, too large). */
export type ReadText = (file: string) => { text: string } | { error: string; refused?: ReadRefusal };

export interface ProfileLoadOptions {
  locale?: Locale;
  /** Reads a file (injected for tests and for the editor's unsaved buffers). */
  readText?: ReadText;
  /**
   * Where profile files may be read from (a campaign's profile and every `extends`): the campaign
   * folder and the folders the user allowed, judged on real paths. Built-in profiles always may.
   * Absent: a profile the user named themselves (`explain --profile`), read wherever it is.
   */
  containment?: Containment;
}

/** Reads a regular file from disk (within the profile size limit) as UTF-8 without a BOM. */
export const readTextFromDisk: ReadText = (file) => {
  const r = readRegularTextSync(file, 'profile');
  if ('text' in r) return r;
  return r.refused.reason === 'errno' ? { error: r.refused.code } : { error: r.refused.reason, refused: r.refused };
};

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether a profile reference is a built-in name (`national-2019`) rather than a path. */
export function isProfileName(ref: string): boolean {
  return NAME_RE.test(ref) && !/\.ya?ml$/i.test(ref);
}

/** The file a profile reference names: built-in profiles by name, else a path relative to `baseDir`. */
export function profileFileOf(ref: string, baseDir: string): string {
  return isProfileName(ref) ? resourcePath('profiles', `${ref}.yaml`) : path.resolve(baseDir, ref);
}

/** The names of the built-in profiles. */
export function builtInProfileNames(): string[] {
  try {
    return readdirSync(resourcePath('profiles'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

// ------------------------------------------------------------------------------------------------
// Schema validation: the same path as every document (core/schemas + validate/schemaErrors)

const PROFILE_SCHEMA = 'profile.schema.json';

/**
 * Schema diagnostics of a merged rule or scoring section (a part of the schema), each placed where
 * that part is written (`where`): a patch may have made a complete rule incomplete.
 */
function partDiagnostics(part: '#/$defs/rule' | '#/$defs/scoring', value: unknown, origin: Origin | undefined, locate: (sub: NodePath, key: boolean) => { file: string; range: Range }, problems: Problems): boolean {
  const v = validatorFor(PROFILE_SCHEMA, part);
  if (!v || v(value)) return true;
  const schemaPath: NodePath = part === '#/$defs/rule' ? ['rules', 0] : ['scoring'];
  for (const e of v.errors ?? []) {
    const where = locate(toNodePath(e.instancePath, value), e.keyword === 'required');
    if (!origin) continue;
    for (const d of schemaDiagnostics({ parsed: origin.parsed, schemaFile: PROFILE_SCHEMA, locale: problems.locale, part: { value, schemaPath } }, [e])) {
      problems.list.push({ file: where.file, diagnostic: { ...d, range: where.range } });
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------------
// Resolution

interface Origin {
  file: string;
  parsed: ParsedYaml;
  /** Where the rule (or scoring) is written in that file. */
  path: NodePath;
}

interface Level {
  id: string;
  file: string;
  parsed: ParsedYaml;
  raw: RawProfile;
}

interface RawProfile {
  kind: 'profile';
  id: string;
  name: ResolvedProfile['name'];
  version?: string;
  source?: string;
  extends?: string;
  scoring?: Record<string, unknown>;
  rules?: Rule[];
  overrides?: Record<string, Record<string, unknown>>;
}

interface Building {
  profile: ResolvedProfile;
  ruleOrigins: Map<string, Origin[]>;
  scoringOrigins: Origin[];
}

class Problems {
  readonly list: ProfileProblem[] = [];
  constructor(readonly locale: Locale) {}
  add(file: string, range: Range, code: string, key: RulesMessageKey, args?: Record<string, string | number>, severity = Severity.Error): void {
    this.list.push({ file, diagnostic: { range, severity, code, message: t(this.locale, key, args), source: 'rule' } });
  }
  get hasErrors(): boolean {
    return this.list.some((p) => p.diagnostic.severity === Severity.Error);
  }
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Loads and resolves a profile by name or path (relative to `baseDir`, usually the campaign folder). */
export function loadProfile(ref: string, baseDir: string, options: ProfileLoadOptions = {}): ProfileLoadResult {
  const problems = new Problems(options.locale ?? 'zh-cn');
  const read = options.readText ?? readTextFromDisk;
  const file = profileFileOf(ref, baseDir);
  const built = loadLevel(file, ref, [], undefined, read, problems, options.containment);
  if (!built || problems.hasErrors) return { problems: problems.list };
  checkResolved(built, problems);
  return problems.hasErrors ? { problems: problems.list } : { profile: built.profile, problems: problems.list };
}

/** Loads a profile file given its text (an editor buffer); parents are read from disk. */
export function loadProfileText(file: string, text: string, options: ProfileLoadOptions = {}): ProfileLoadResult {
  const abs = path.resolve(file);
  const read = options.readText ?? readTextFromDisk;
  return loadProfile(abs, path.dirname(abs), { ...options, readText: (f) => (path.resolve(f) === abs ? { text } : read(f)) });
}

function loadLevel(
  file: string,
  ref: string,
  stack: string[],
  from: { file: string; parsed: ParsedYaml } | undefined,
  read: ReadText,
  problems: Problems,
  containment: Containment | undefined,
  /** The first profile of the chain and where it names its parent (a chain too long is said there). */
  head?: { file: string; at: Range },
): Building | undefined {
  const at = from ? from.parsed.rangeOf(['extends']) : ZERO;
  const fromFile = from?.file ?? '';
  if (stack.includes(file)) {
    const chain = [...stack.slice(stack.indexOf(file)), file].map((f) => path.basename(f)).join(' → ');
    problems.add(fromFile, at, PROFILE_CODES.cycle, 'profile.cycle', { chain });
    return undefined;
  }
  if (stack.length >= limits.maxExtendsDepth) {
    // said where the chain starts: the profile the campaign (or the editor) asked for
    const chain = stack.slice(0, 3).map((f) => path.basename(f)).join(' → ');
    problems.add(head?.file ?? fromFile, head?.at ?? at, PROFILE_CODES.extendsTooDeep, 'profile.extendsTooDeep', { limit: limits.maxExtendsDepth, chain });
    return undefined;
  }
  // a profile the campaign names, or one a profile extends, may not lead out of the campaign
  if (containment && !isProfileName(ref)) {
    const where = resolveContainedSync(file, path.dirname(file), containment);
    if (where.status === 'outside') {
      // said where it is named (the extending profile, or the campaign's `profile` key), not in a file outside
      problems.add(fromFile, at, PROFILE_CODES.outside, 'profile.outside', { ref });
      return undefined;
    }
  }
  const r = read(file);
  if ('error' in r) {
    if (r.refused) {
      const refusal = refusalProblem(r.refused, problems.locale, 'profile');
      problems.list.push({ file: fromFile || file, diagnostic: { ...refusal, range: at, source: 'rule', message: t(problems.locale, 'profile.refused', { ref, reason: refusal.message }) } });
    } else if (isProfileName(ref)) problems.add(fromFile, at, PROFILE_CODES.notFound, 'profile.unknownName', { ref, names: builtInProfileNames().join(problems.locale === 'en' ? ', ' : '、') });
    else problems.add(fromFile || file, at, PROFILE_CODES.notFound, 'profile.notFound', { ref, file, error: r.error });
    return undefined;
  }
  const parsed = parseYaml(r.text);
  const syntax = syntaxDiagnostics(parsed, problems.locale).filter((d) => d.severity === Severity.Error);
  if (syntax.length || parsed.conversionError) {
    for (const diagnostic of syntax) problems.list.push({ file, diagnostic });
    return undefined;
  }
  // overriding needs something to override (said even when the schema has more to say)
  const top = parsed.value as { extends?: unknown; overrides?: unknown } | null;
  if (top && typeof top === 'object' && top.extends === undefined && top.overrides && typeof top.overrides === 'object' && Object.keys(top.overrides).length > 0) {
    problems.add(file, parsed.rangeOf(['overrides'], 'key'), PROFILE_CODES.overridesWithoutExtends, 'profile.overridesWithoutExtends');
  }
  const v = validatorFor(PROFILE_SCHEMA);
  if (v && !v(parsed.value)) {
    for (const diagnostic of schemaDiagnostics({ parsed, schemaFile: PROFILE_SCHEMA, locale: problems.locale }, v.errors ?? [])) problems.list.push({ file, diagnostic });
    return undefined;
  }
  const raw = structuredClone(parsed.value) as RawProfile;
  const level: Level = { id: raw.id, file, parsed, raw };

  let parent: Building | undefined;
  if (raw.extends !== undefined) {
    parent = loadLevel(profileFileOf(raw.extends, path.dirname(file)), raw.extends, [...stack, file], { file, parsed }, read, problems, containment, head ?? { file, at: parsed.rangeOf(['extends']) });
    if (!parent) return undefined;
  }
  return extend(parent, level, problems);
}

/** Applies one level (its overrides, added rules and scoring patch) on top of its parent. */
function extend(parent: Building | undefined, level: Level, problems: Problems): Building {
  const { raw, file, parsed } = level;
  const rules: Rule[] = parent ? structuredClone(parent.profile.rules) : [];
  const ruleOrigins = new Map<string, Origin[]>(parent ? [...parent.ruleOrigins].map(([k, v]) => [k, [...v]]) : []);
  const index = new Map(rules.map((r, i) => [r.id, i]));

  for (const [rid, patch] of parent ? Object.entries(raw.overrides ?? {}) : []) {
    const i = index.get(rid);
    const at = ['overrides', rid];
    if (i === undefined) {
      problems.add(file, parsed.rangeOf(at, 'key'), PROFILE_CODES.unknownRule, 'profile.unknownRule', { rule: rid, parent: parent?.profile.id ?? '' });
      continue;
    }
    rules[i] = applyRulePatch(rules[i], patch, (cid) => problems.add(file, parsed.rangeOf([...at, 'conditions', cid], 'key'), PROFILE_CODES.unknownCondition, 'profile.unknownCondition', { rule: rid, condition: cid, known: Object.keys(rules[i].conditions).join(problems.locale === 'en' ? ', ' : '、') }));
    ruleOrigins.get(rid)?.push({ file, parsed, path: at });
  }
  (raw.rules ?? []).forEach((rule, i) => {
    if (index.has(rule.id)) {
      problems.add(file, parsed.rangeOf(['rules', i, 'id']), PROFILE_CODES.duplicateRule, 'profile.duplicateRule', { rule: rule.id, parent: parent?.profile.id ?? raw.id });
      return;
    }
    index.set(rule.id, rules.length);
    rules.push(structuredClone(rule));
    ruleOrigins.set(rule.id, [{ file, parsed, path: ['rules', i] }]);
  });

  const scoringOrigins = parent ? [...parent.scoringOrigins] : [];
  let scoring = parent?.profile.scoring as Record<string, unknown> | undefined;
  if (raw.scoring) {
    scoring = (scoring ? mergePatch(scoring, raw.scoring) : structuredClone(raw.scoring)) as Record<string, unknown>;
    scoringOrigins.push({ file, parsed, path: ['scoring'] });
  }
  const profile: ResolvedProfile = {
    id: raw.id,
    name: raw.name,
    version: raw.version,
    source: raw.source ?? parent?.profile.source,
    chain: [raw.id, ...(parent?.profile.chain ?? [])],
    files: [file, ...(parent?.profile.files ?? [])],
    scoring: scoring as Scoring | undefined,
    rules,
  };
  return { profile, ruleOrigins, scoringOrigins };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdList = (v: unknown): v is { id: string }[] => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.id === 'string');

/**
 * JSON merge patch (RFC 7386: objects merge key by key, null deletes, anything else replaces), except
 * that lists of objects with ids (indicators, items, scalings) merge item by item on the id.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (isObject(patch)) {
    const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = mergePatch(out[k], v);
    }
    return out;
  }
  if (isIdList(patch) && isIdList(target) && target.length > 0) {
    const out = target.map((x) => structuredClone(x));
    for (const item of patch) {
      const i = out.findIndex((x) => x.id === item.id);
      if (i >= 0) out[i] = mergePatch(out[i], item) as { id: string };
      else out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(patch);
}

function applyRulePatch(rule: Rule, patch: Record<string, unknown>, unknownCondition: (cid: string) => void): Rule {
  const { conditions, ...rest } = patch as { conditions?: Record<string, Record<string, unknown> | null> };
  const out = mergePatch(rule, rest) as Rule;
  const conds: Record<string, Condition> = { ...rule.conditions };
  for (const [cid, cpatch] of Object.entries(conditions ?? {})) {
    if (cpatch === null) delete conds[cid];
    else if (cid in conds) conds[cid] = mergePatch(conds[cid], cpatch) as Condition;
    else if ('evaluator' in cpatch) conds[cid] = structuredClone(cpatch) as unknown as Condition;
    else unknownCondition(cid);
  }
  out.conditions = conds;
  return out;
}

// ------------------------------------------------------------------------------------------------
// Checks on the resolved profile (what no single file's schema can see)

function locate(origins: Origin[], sub: NodePath, key = false): { file: string; range: Range } {
  for (let depth = sub.length; depth >= 0; depth--) {
    for (let i = origins.length - 1; i >= 0; i--) {
      const o = origins[i];
      const p = [...o.path, ...sub.slice(0, depth)];
      if (o.parsed.nodeAt(p) !== undefined || (depth > 0 && o.parsed.pairAt(p))) return { file: o.file, range: o.parsed.rangeOf(p, key ? 'key' : 'value') };
    }
  }
  const o = origins[origins.length - 1];
  return o ? { file: o.file, range: o.parsed.rangeOf(o.path, 'key') } : { file: '', range: ZERO };
}

function checkResolved(b: Building, problems: Problems): void {
  const { profile } = b;
  const at = (rid: string, sub: NodePath, key = false) => locate(b.ruleOrigins.get(rid) ?? [], sub, key);
  const scoringAt = (sub: NodePath, key = false) => locate(b.scoringOrigins, sub, key);
  const add = (where: { file: string; range: Range }, code: string, key: RulesMessageKey, args?: Record<string, string | number>, severity?: Severity) =>
    problems.add(where.file, where.range, code, key, args, severity);

  // scoring: complete after merging, ids unique, points adding up
  const items = new Map<string, 'deduction' | 'bonus'>();
  const s = profile.scoring;
  if (s) {
    if (!partDiagnostics('#/$defs/scoring', s, b.scoringOrigins.at(-1), scoringAt, problems)) return;
    const seen = new Set<string>();
    const lists: ['indicators' | 'bonusIndicators', 'deduction' | 'bonus'][] = [
      ['indicators', 'deduction'],
      ['bonusIndicators', 'bonus'],
    ];
    for (const [list, which] of lists)
      (s[list] ?? []).forEach((ind, i) => {
        for (const [id, sub] of [[ind.id, [list, i, 'id']] as const, ...ind.items.map((it, j) => [it.id, [list, i, 'items', j, 'id']] as const)]) {
          if (seen.has(id)) add(scoringAt([...sub]), PROFILE_CODES.duplicateScoringId, 'profile.duplicateScoringId', { id });
          seen.add(id);
        }
        for (const it of ind.items) items.set(it.id, which);
      });
    const sum = s.indicators.reduce((acc, i) => add2(acc, i.points), frac(0n));
    if (cmp(sum, fromDecimal(s.total)) !== 0)
      add(scoringAt(['indicators'], true), PROFILE_CODES.pointsSum, 'profile.pointsSum', { sum: fmt(sum), total: s.total }, Severity.Warning);
    (s.scaled ?? []).forEach((sc, i) => {
      const skipped = s.indicators.filter((ind) => sc.skip.includes(ind.id)).reduce((acc, ind) => add2(acc, ind.points), frac(0n));
      sc.skip.forEach((id, j) => {
        if (!s.indicators.some((ind) => ind.id === id)) add(scoringAt(['scaled', i, 'skip', j]), PROFILE_CODES.unknownReference, 'profile.unknownIndicator', { id });
      });
      const scaledTotal = mul(sub(fromDecimal(s.total), skipped), frac(BigInt(sc.factor.numerator), BigInt(sc.factor.denominator)));
      if (cmp(scaledTotal, fromDecimal(s.total)) !== 0)
        add(scoringAt(['scaled', i, 'factor'], true), PROFILE_CODES.scaleMismatch, 'profile.scaleMismatch', { rest: fmt(sub(fromDecimal(s.total), skipped)), factor: `${sc.factor.numerator}/${sc.factor.denominator}`, result: fmt(scaledTotal), total: s.total }, Severity.Warning);
    });
  }

  const ids = new Set(profile.rules.map((r) => r.id));
  for (const rule of profile.rules) {
    // a merged rule must still be a complete rule
    if (!partDiagnostics('#/$defs/rule', rule, b.ruleOrigins.get(rule.id)?.at(-1), (sub, key) => at(rule.id, sub, key), problems)) continue;
    if (rule.disabled) continue;
    for (const [which, kind] of [['deduction', 'deduction'], ['bonus', 'bonus']] as const) {
      const pr = rule[which];
      if (rule.kind === kind && !pr) add(at(rule.id, ['kind']), PROFILE_CODES.badRule, which === 'deduction' ? 'profile.deductionWithoutPoints' : 'profile.bonusWithoutPoints', { rule: rule.id });
      if (pr && items.get(pr.item) !== kind)
        add(at(rule.id, [which, 'item']), PROFILE_CODES.unknownReference, s ? 'profile.unknownItem' : 'profile.noScoring', { item: pr.item, rule: rule.id });
    }
    (rule.supersededBy ?? []).forEach((ref, i) => {
      const [rid, cid] = ref.split('#');
      const other = profile.rules.find((r) => r.id === rid);
      if (!ids.has(rid) || (cid && !(other && cid in other.conditions))) add(at(rule.id, ['supersededBy', i]), PROFILE_CODES.unknownSupersede, 'profile.unknownSupersede', { ref });
    });
    for (const [cid, c] of Object.entries(rule.conditions)) checkCondition(c, (sub, key, args) => add(at(rule.id, ['conditions', cid, ...sub], true), PROFILE_CODES.badRule, key, { rule: rule.id, condition: cid, ...args }));
  }
}

function checkCondition(c: Condition, report: (sub: NodePath, key: RulesMessageKey, args?: Record<string, string>) => void): void {
  const alternatives = REQUIRED_PARAMETERS[c.evaluator];
  const has = (k: string) => (c as unknown as Record<string, unknown>)[k] !== undefined;
  if (!alternatives.some((alt) => alt.every(has))) {
    report([], 'profile.missingParameters', { evaluator: c.evaluator, needed: alternatives.map((alt) => alt.join(' + ')).join(' | ') });
    return;
  }
  const th = c.threshold as Record<string, unknown> | undefined;
  if (c.evaluator === 'ratio' && th && th.percent === undefined) report(['threshold'], 'profile.ratioNeedsPercent');
  if (c.evaluator === 'count' && th && th.value === undefined) report(['threshold'], 'profile.countNeedsValue');
  if (c.evaluator === 'count' && c.fact && c.select) report(['fact'], 'profile.countFactOrSelect');
  for (const k of ['numerator', 'denominator'] as const) if (c[k] && isMultiPath(c[k] as string)) report([k], 'profile.singleFact', { field: c[k] as string });
  // patterns run on a linear-time engine (userPattern.ts): one it cannot compile is reported here
  for (const pattern of patternsIn(c)) {
    try {
      compileUserPattern(pattern);
    } catch (e) {
      report([], 'profile.badPattern', { pattern, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if ((c.evaluator === 'capability' || c.evaluator === 'count') && c.fact && isMultiPath(c.fact)) report(['fact'], 'profile.singleFact', { field: c.fact });
}

/** Every regular expression (matches / notMatches) anywhere in a condition. */
function patternsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => patternsIn(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'matches' || k === 'notMatches') && typeof x === 'string') out.push(x);
      else patternsIn(x, out);
    }
  return out;
}

function add2(acc: ReturnType<typeof frac>, n: number) {
  return add(acc, fromDecimal(n));
}

function fmt(f: ReturnType<typeof frac>): string {
  return f.d === 1n ? f.n.toString() : (Number(f.n) / Number(f.d)).toString();
}

// ------------------------------------------------------------------------------------------------
// A cache for callers that evaluate many records against the same profile (CLI, language server)

/** Loaded profiles by reference and base folder; `clear()` when a profile file changes. */
export class ProfileCache {
  private readonly entries = new Map<string, ProfileLoadResult>();
  constructor(private readonly options: ProfileLoadOptions = {}) {}

  /** The profile `ref` resolves to from `baseDir` (loaded once), its files kept inside `containment` when given. */
  get(ref: string, baseDir: string, containment?: Containment): ProfileLoadResult {
    const key = `${profileFileOf(ref, baseDir)}\u0000${ref}\u0000${containment ? [containment.root, ...containment.allowed].join('\u0000') : ''}`;
    let hit = this.entries.get(key);
    if (!hit) this.entries.set(key, (hit = loadProfile(ref, baseDir, { ...this.options, ...(containment ? { containment } : {}) })));
    return hit;
  }

  /** Forgets every loaded profile. */
  clear(): void {
    this.entries.clear();
  }
}
