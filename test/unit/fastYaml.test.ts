// The fast record parser against `yaml` (the proof that it can stand in for it): on every case of
// the YAML test suite (vendored in test/fixtures/yaml-test-suite, MIT) and on generated records laid
// out in many ways, each text the fast parser accepts gives the same value (key order included) and
// the same node and key ranges as `yaml`, with no error or warning from `yaml`; every other text is
// declined and goes to `yaml`. Also: the parser accepts what inspectors write, and parseYaml answers
// range queries without building the `yaml` Document.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkText } from '../../server/src/core/campaign/checkFile';
import { fastParse, fastParseRejection } from '../../server/src/core/yaml/fastYaml';
import { parseYaml, yamlDocumentsBuilt } from '../../server/src/core/yaml/yamlDocument';
import { anyRecord, jsonish } from './support/recordArbitraries';
import { runs, seed } from './support/propertyRuns';
import { compareWithYaml } from './support/yamlDifferential';
import { layoutArbitrary, writeYaml } from './support/yamlLayouts';

const ROOT = path.join(__dirname, '..', '..');
const SUITE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'yaml-test-suite', 'cases.json'), 'utf8')) as {
  commit: string;
  cases: { id: string; name: string; yaml: string; error: boolean }[];
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

describe('fast YAML parser', function () {
  this.timeout(300000);

  describe('against yaml on the YAML test suite', () => {
    it('has every case of the suite', () => {
      // the data branch of yaml/yaml-test-suite at the vendored commit holds 402 cases, 94 of them errors
      assert.equal(SUITE.cases.length, 402);
      assert.equal(SUITE.cases.filter((c) => c.error).length, 94);
    });

    it('each case: the same value and ranges as yaml, or declined', () => {
      const accepted: string[] = [];
      for (const c of SUITE.cases) {
        if (compareWithYaml(c.yaml) === 'same') accepted.push(c.id);
        // the suite's error cases are errors for `yaml` too, or at least never accepted here
        if (c.error) assert.equal(fastParse(c.yaml), undefined, `error case ${c.id} (${c.name}) accepted`);
      }
      // cases that are written in the record subset by what they are about: accepted, and equal to yaml
      const inSubset = ['FQ7F', 'SYW4', 'PBJ2', '229Q', 'YD5X', 'D9TU', 'J5UC', 'K4SU', '65WH', '9J7A', '8QBE', 'AZ63', 'D88J', 'MXS3', 'J7VC', 'KMK3', 'RLU9'];
      for (const id of inSubset) assert.ok(accepted.includes(id), `${id} (${SUITE.cases.find((c) => c.id === id)?.name}) declined`);
      // and cases outside it, by name: a flow mapping over several lines, anchors and aliases, a literal block scalar, two documents
      for (const name of ['Spec Example 2.6. Mapping of Mappings', 'Spec Example 2.10. Node for “Sammy Sosa” appears twice in this document', 'Spec Example 2.13. In literals, newlines are preserved', 'Spec Example 2.7. Two Documents in a Stream']) {
        const c = SUITE.cases.find((x) => x.name === name);
        assert.ok(c, name);
        assert.equal(accepted.includes(c.id), false, name);
      }
      assert.ok(accepted.length >= 30, `only ${accepted.length} suite cases inside the subset`);
    });

    it('each case, cut at every line: the same as yaml, or declined', () => {
      // truncated documents reach the parser's edges: an open collection, a key without value …
      let compared = 0;
      for (const c of SUITE.cases) {
        const lines = c.yaml.split('\n');
        for (let n = 1; n < lines.length; n++) {
          compareWithYaml(`${lines.slice(0, n).join('\n')}\n`);
          compared++;
        }
      }
      assert.ok(compared > 1000, `only ${compared} cut documents`);
    });
  });

  describe('against yaml on generated records', () => {
    /** Runs one property over `n` generated texts, counting how many the fast parser accepted. */
    const differential = (arbitrary: fc.Arbitrary<string>, n: number, minimumAccepted: number): void => {
      let accepted = 0;
      let total = 0;
      fc.assert(
        fc.property(arbitrary, (text) => {
          total++;
          if (compareWithYaml(text) === 'same') accepted++;
        }),
        { numRuns: n, seed: seed() },
      );
      // a test that declines everything proves nothing: most of these texts are inside the subset
      assert.ok(accepted / total >= minimumAccepted, `accepted ${accepted} of ${total}`);
    };

    it('records in odd layouts (comments everywhere, quoting styles, flow collections, CRLF, trailing spaces, unicode)', () => {
      differential(fc.tuple(anyRecord, layoutArbitrary).map(([r, l]) => writeYaml(r, l)), runs(6000), 0.5);
    });

    it('any JSON-ish value, hostile keys included, in odd layouts', () => {
      differential(fc.tuple(jsonish, layoutArbitrary).map(([v, l]) => writeYaml({ kind: 'media', value: v }, l)), runs(3000), 0.4);
    });

    it('records as the yaml library writes them', () => {
      differential(anyRecord.map((r) => stringify(r)), runs(1000), 0.9);
    });
  });

  describe('in parseYaml', () => {
    it('reads the sample campaigns and the valid fixtures fast', () => {
      for (const file of yamlFiles(path.join(ROOT, 'samples'))) {
        const text = readFileSync(file, 'utf8');
        assert.equal(fastParseRejection(text), undefined, file);
      }
    });

    it('checks a record with findings without building a yaml Document, with the same diagnostics', () => {
      const text = readFileSync(path.join(ROOT, 'samples', 'hainan-2021q2', 'media', '儋州市', '359-微信公众号-儋州市生态环境局.yaml'), 'utf8');
      const before = yamlDocumentsBuilt();
      const fast = checkText('r.yaml', text, 'zh-cn');
      assert.equal(yamlDocumentsBuilt(), before, 'the fast path built a Document');
      assert.equal(fast.parsed.fast, true);
      const slow = parseYaml(text, { fast: false });
      assert.deepEqual(fast.parsed.value, slow.value);
      // every path of the record: the same ranges as the yaml Document gives
      const paths: (string | number)[][] = [[]];
      const walk = (v: unknown, p: (string | number)[]): void => {
        if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (paths.push([...p, Array.isArray(v) ? Number(k) : k]), walk(x, [...p, Array.isArray(v) ? Number(k) : k]));
      };
      walk(slow.value, []);
      paths.push(['nothing'], ['serviceMenu', 'nothing'], ['lastPost', 3]);
      for (const p of paths) {
        for (const part of ['value', 'key'] as const) assert.deepEqual(fast.parsed.rangeOf(p, part), slow.rangeOf(p, part), `${p.join('.')} ${part}`);
        assert.deepEqual(fast.parsed.nodeRange(p), slow.nodeRange(p), p.join('.'));
        assert.deepEqual(fast.parsed.keyRange(p), slow.keyRange(p), p.join('.'));
      }
      assert.equal(yamlDocumentsBuilt(), before + 1, 'only the reference parse built a Document');
      // the Document is still there for the features that need the tree
      assert.equal(fast.parsed.doc.errors.length, 0);
      assert.equal(yamlDocumentsBuilt(), before + 2);
    });

    it('a text outside the subset goes to yaml, and its diagnostics are yaml\'s', () => {
      const parsed = parseYaml('kind: media\nname: &a 儋州教育\nsponsor: *a\n');
      assert.equal(parsed.fast, false);
      assert.deepEqual(parsed.value, { kind: 'media', name: '儋州教育', sponsor: '儋州教育' });
      const dup = checkText('r.yaml', 'kind: media\nname: 甲\nname: 乙\n', 'zh-cn');
      assert.equal(dup.parsed.fast, false);
      assert.deepEqual(dup.diagnostics.filter((d) => d.code === 'IR1002').length, 1);
    });
  });
});
