// Property-based tests of the indicator engine and of a record's whole check (parse, schema, rules,
// registry) on arbitrary records: fields of the wrong type, NaN, huge counts, impossible dates,
// hostile keys. The engine never throws, its verdict is one of three, every hit points at a fact
// the record holds, and a second evaluation gives the same answer.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { evaluateRecord } from '../../server/src/core/rules/engine';
import { loadProfile } from '../../server/src/core/rules/profile';
import type { ResolvedProfile } from '../../server/src/core/rules/profileTypes';
import { anyRecord } from './support/recordArbitraries';
import { runs, seed } from './support/propertyRuns';

const REPO = path.resolve(__dirname, '..', '..');
const VERDICTS = ['pass', 'fail', 'undetermined'];
const KINDS = ['veto', 'deduction', 'bonus', 'warning'];

/** The value at a path of a plain value, or undefined when some step is missing. */
function valueAt(root: unknown, nodePath: ReadonlyArray<string | number>): unknown {
  let v = root;
  for (const seg of nodePath) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

describe('property: indicator engine and the whole check of a record', function () {
  this.timeout(120000);
  let national: ResolvedProfile;
  let strict: ResolvedProfile;

  before(() => {
    const n = loadProfile('national-2019', REPO, { locale: 'zh-cn' });
    assert.ok(n.profile, JSON.stringify(n.problems.map((p) => p.diagnostic.message)));
    national = n.profile;
    // a local profile that extends the national one, with its own thresholds
    const s = loadProfile(path.join(REPO, 'samples', 'profiles', 'guangdong-strict.yaml'), REPO, { locale: 'zh-cn' });
    assert.ok(s.profile, JSON.stringify(s.problems.map((p) => p.diagnostic.message)));
    strict = s.profile;
  });

  it('never throws; verdict in the set, hits on facts the record holds, scores finite; the same twice', () => {
    fc.assert(
      fc.property(anyRecord, fc.boolean(), fc.constantFrom('zh-cn' as const, 'en' as const), (record, useStrict, locale) => {
        const profile = useStrict ? strict : national;
        const result = evaluateRecord(record, profile, locale);
        assert.ok(VERDICTS.includes(result.verdict), result.verdict);
        assert.ok(result.verdictLabel.length > 0);
        assert.ok(result.score === null || Number.isFinite(result.score), `score ${result.score}`);
        for (const hit of result.hits) {
          assert.ok(KINDS.includes(hit.kind), hit.kind);
          assert.ok(hit.message.length > 0);
          assert.notEqual(valueAt(record, hit.path), undefined, `${hit.ruleId} points at ${JSON.stringify(hit.path)}, which the record does not hold`);
          if (hit.points !== undefined) assert.ok(Number.isFinite(hit.points), `${hit.ruleId} points ${hit.points}`);
        }
        // a veto hit fails the record
        if (result.hits.some((h) => h.kind === 'veto')) assert.equal(result.verdict, 'fail');
        // no state kept between evaluations
        assert.deepEqual(evaluateRecord(record, profile, locale), result);
      }),
      { numRuns: runs(400), seed: seed() },
    );
  });

  describe('through a campaign workspace (registry and rule diagnostics mapped to the text)', () => {
    let dir: string;
    let ws: CampaignWorkspace;

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'ir-prop-'));
      cpSync(path.join(REPO, 'test', 'fixtures', 'bad', 'campaign-base'), dir, { recursive: true });
      ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('checkDocument never throws and places every diagnostic inside the text', () => {
      const file = path.join(dir, 'media', 'typed.yaml');
      fc.assert(
        fc.property(anyRecord, (record) => {
          const text = stringify(record);
          const check = ws.checkDocument(file, text);
          const lines = text.split(/\r\n|\r|\n/);
          for (const d of check.diagnostics) {
            for (const p of [d.range.start, d.range.end]) {
              assert.ok(p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length, `${d.code} ${JSON.stringify(d.range)}`);
            }
          }
          if (check.result) assert.ok(VERDICTS.includes(check.result.verdict));
        }),
        { numRuns: runs(200), seed: seed() },
      );
      // the campaign is still whole afterwards: its analysis runs
      return ws.analyse().then((a) => assert.ok(a.records.length >= 2));
    });
  });
});
