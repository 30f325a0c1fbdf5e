// Shared helpers of the rules tests: the national profile loaded once, baseline records that break no
// rule, and a compact view of one rule's outcome.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Locale } from '../../server/src/core/model';
import { evaluateRecord, type RecordEvaluation } from '../../server/src/core/rules/engine';
import { loadProfile, type ProfileLoadOptions } from '../../server/src/core/rules/profile';
import type { ResolvedProfile } from '../../server/src/core/rules/profileTypes';

export const REPO = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/rules');

const loaded = new Map<string, ResolvedProfile>();

/** A profile that must load without errors (cached per reference). */
export function profile(ref = 'national-2019', baseDir = REPO, options: ProfileLoadOptions = {}): ResolvedProfile {
  const key = `${ref}|${baseDir}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  const r = loadProfile(ref, baseDir, options);
  assert.ok(r.profile, `profile ${ref}: ${JSON.stringify(r.problems.map((p) => p.diagnostic.message))}`);
  loaded.set(key, r.profile);
  return r.profile;
}

/** A department website that breaks no national rule (check date 2021-06-15). */
export const WEBSITE = {
  kind: 'website',
  name: '测试网站',
  siteType: '部门网站',
  ownerLevel: '省级',
  checkDate: '2021-06-15',
  homepage: { lastUpdate: '2021-06-10' },
  availability: { days: 7, probes: 140, failures: 0 },
  interaction: { channel: true },
  services: { provided: true },
};

/** A new-media account that breaks no national rule (check date 2021-06-16). */
export const MEDIA = {
  kind: 'media',
  platform: '微信公众号',
  name: '测试账号',
  checkDate: '2021-06-16',
  lastPost: '2021-06-10',
  interaction: { available: true },
};

type Plain = Record<string, unknown>;

/** The base record with some facts replaced (mappings merged, `undefined` deletes). */
export function withFacts(base: Plain, patch: Plain): Plain {
  const out: Plain = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k])) out[k] = withFacts(out[k] as Plain, v as Plain);
    else out[k] = v;
  }
  return out;
}

/** Evaluates a record against a profile (national by default). */
export function evaluate(record: unknown, p: ResolvedProfile = profile(), locale: Locale = 'zh-cn'): RecordEvaluation {
  return evaluateRecord(record, p, locale);
}

/** How one rule came out: `veto`/`warning`/… when hit (as the kind it counts as), else its status. */
export function ruleState(result: RecordEvaluation, ruleId: string): string {
  const o = result.outcomes.find((x) => x.ruleId === ruleId);
  assert.ok(o, `no outcome for ${ruleId}`);
  if (o.status !== 'hit') return o.status;
  const kinds = [...new Set(result.hits.filter((h) => h.ruleId === ruleId).map((h) => h.kind))];
  return kinds.join('+');
}

/** `n` columns made from a template, named 栏目1 … */
export function columns(n: number, template: Plain, prefix = '栏目'): Plain[] {
  return Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, ...template }));
}
