// Property-based tests of the parser and validator: whatever text arrives — any code units, a soup
// of YAML tokens, a record half-way through an edit, any JSON-ish value written as YAML — checking
// it never throws, ends quickly, and every diagnostic lies inside the document with a stable code
// and a translated message. `INSPECTION_LONG=1` runs each property 50 times as often.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkText } from '../../server/src/core/campaign/checkFile';
import { Severity, type CoreDiagnostic } from '../../server/src/core/model';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { anyRecord, anyText, jsonish, yamlSoup } from './support/recordArbitraries';
import { runs, seed } from './support/propertyRuns';

/** Longest a single check may take before it counts as a hang (generous for slow CI machines). */
const MAX_CHECK_MS = 1000;

/** The checks every diagnostic must pass: inside the document, ordered range, known code, translated. */
function assertWellFormed(text: string, diagnostics: CoreDiagnostic[]): void {
  // lines as editors count them: LF, CRLF and a lone CR each end one
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of diagnostics) {
    const where = `${d.code} ${JSON.stringify(d.range)} in ${JSON.stringify(text.slice(0, 200))}`;
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `line outside: ${where}`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length, `character outside: ${where}`);
    }
    const s = d.range.start;
    const e = d.range.end;
    assert.ok(s.line < e.line || (s.line === e.line && s.character <= e.character), `range backwards: ${where}`);
    assert.match(d.code, /^(IR\d{4}|REG-[A-Z-]+|[WM]-[A-Z]+\d+)$/, where);
    assert.ok([Severity.Error, Severity.Warning, Severity.Information, Severity.Hint].includes(d.severity), where);
    assert.ok(d.message.length > 0, where);
    // a message key that found no entry comes back as the key itself (`yaml.tooDeep`)
    assert.doesNotMatch(d.message, /^[a-z]+(\.[a-zA-Z]+)+$/, `untranslated message: ${where}`);
    // a placeholder left unfilled (unless the document itself wrote those braces, shown as its value)
    for (const m of d.message.match(/\{[a-z]\w*\}/g) ?? []) assert.ok(text.includes(m), `unfilled placeholder ${m}: ${where}`);
  }
}

/** Checks a text in both languages, timing the Chinese run. */
function checkBoth(text: string): CoreDiagnostic[] {
  const started = performance.now();
  const zh = checkText('record.yaml', text, 'zh-cn').diagnostics;
  const ms = performance.now() - started;
  assert.ok(ms < MAX_CHECK_MS, `checking took ${Math.round(ms)} ms: ${JSON.stringify(text.slice(0, 200))}`);
  assertWellFormed(text, zh);
  const en = checkText('record.yaml', text, 'en').diagnostics;
  assertWellFormed(text, en);
  // the language changes the words, never what is found or where
  assert.deepEqual(
    en.map((d) => [d.code, d.range]),
    zh.map((d) => [d.code, d.range]),
  );
  return zh;
}

const A_RECORD = [
  'kind: website',
  'name: 海南司法行政网',
  'siteCode: "4600000012"',
  'checkDate: 2021-06-15',
  'homepage:',
  '  lastUpdate: 2021-06-10',
  'availability: { days: 7, probes: 140, failures: 2 }',
  'columns:',
  '  - { name: 政策解读, category: 政策解读, level: 1, lastUpdate: 2020-11-03 }',
  "  - name: '空白栏目'",
  '    blank: true',
  'interaction:',
  '  columns:',
  '    - name: 厅长信箱',
  '      type: 政务咨询',
  '      messages:',
  '        - { received: 2021-01-04, answered: 2021-05-20 }',
  '',
].join('\n');

/** Edits as a user makes them: delete a span, insert a piece, or replace one by the other. */
const edits = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(yamlSoup.map((s) => s.slice(0, 20)), anyText.map((s) => s.slice(0, 6)), fc.constantFrom('', '\n', ' ', '  ', ':', '- ')),
  }),
  { minLength: 1, maxLength: 8 },
);

describe('property: parser and validator', function () {
  this.timeout(120000);

  it('any text: never throws, diagnostics inside the document', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        checkBoth(text);
      }),
      { numRuns: runs(300), seed: seed() },
    );
  });

  it('a soup of YAML tokens: never throws, diagnostics inside the document', () => {
    fc.assert(
      fc.property(yamlSoup, (text) => {
        checkBoth(text);
      }),
      { numRuns: runs(400), seed: seed() },
    );
  });

  it('a record being edited: never throws at any keystroke', () => {
    fc.assert(
      fc.property(edits, (list) => {
        let text = A_RECORD;
        for (const e of list) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          checkBoth(text);
        }
      }),
      { numRuns: runs(150), seed: seed() },
    );
  });

  it('record-shaped values written as YAML read back unchanged, with no syntax diagnostic', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const text = stringify(record);
        const parsed = parseYaml(text);
        assert.deepEqual(parsed.value, record);
        const diagnostics = checkBoth(text);
        assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('IR1')).map((d) => d.message), []);
      }),
      { numRuns: runs(300), seed: seed() },
    );
  });

  it('any JSON-ish value written as YAML, hostile keys included: checked without polluting Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(jsonish, (value) => {
        const text = stringify(value);
        assert.deepEqual(parseYaml(text).value, value);
        checkBoth(text);
      }),
      { numRuns: runs(300), seed: seed() },
    );
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('positions convert both ways on any text, lines ending in LF, CRLF or CR', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (text, n) => {
        const parsed = parseYaml(text);
        const offset = n % (text.length + 1);
        const p = parsed.positionAt(offset);
        const lines = text.split(/\r\n|\r|\n/);
        assert.ok(p.line < lines.length && p.character <= lines[p.line].length, JSON.stringify(p));
        // the LF of a CRLF is part of the line break, not a place of its own: it maps to the line's end
        const insideCrLf = offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n';
        assert.equal(parsed.offsetAt(p), insideCrLf ? offset - 1 : offset);
      }),
      { numRuns: runs(300), seed: seed() },
    );
  });
});
