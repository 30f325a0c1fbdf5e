import { strict as assert } from 'node:assert';
import { applySuppressions, parseSuppressions, suppressDiagnostics } from '../../server/src/core/suppression';

/** A diagnostic with a code, starting on the line of `needle` in `text`. */
function diagOn(text: string, needle: string, code: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code: string } {
  const line = text.slice(0, text.indexOf(needle)).split('\n').length - 1;
  if (text.indexOf(needle) < 0) throw new Error(needle);
  return { range: { start: { line, character: 0 }, end: { line, character: 1 } }, code };
}

describe('suppression comments', () => {
  const text = [
    'kind: website',
    '# inspection-disable-next-line W-V3, ir3001 -- 首页改版中，已与主办单位核实',
    '',
    '# 说明：首页在改版',
    'homepage:',
    '  lastUpdate: 2021-05-01',
    'checkDate: 2021/6/15',
  ].join('\n');

  it('reads codes, skips the reason, and aims at the next line that holds content', () => {
    const [d] = parseSuppressions(text);
    assert.equal(d.scope, 'next-line');
    assert.deepEqual(d.codes, ['W-V3', 'ir3001']);
    assert.equal(d.line, 1);
    assert.equal(d.target, text.split('\n').indexOf('homepage:'));
  });

  it('silences the named codes on the target line only, case-insensitively', () => {
    const onHomepage = diagOn(text, 'homepage:', 'W-V3');
    const dateOnHomepage = diagOn(text, 'homepage:', 'IR3001');
    const elsewhere = diagOn(text, 'checkDate', 'W-V3');
    const other = diagOn(text, 'homepage:', 'W-V4');
    const out = applySuppressions([onHomepage, dateOnHomepage, elsewhere, other], parseSuppressions(text));
    assert.deepEqual(out.suppressed, [onHomepage, dateOnHomepage]);
    assert.deepEqual(out.kept, [elsewhere, other]);
    assert.deepEqual(out.unused, []);
  });

  it('reports the codes of a directive that silenced nothing', () => {
    const out = suppressDiagnostics(text, [diagOn(text, 'homepage:', 'W-V3')]);
    assert.equal(out.suppressed.length, 1);
    assert.equal(out.unused.length, 1);
    assert.deepEqual(out.unused[0].codes, ['ir3001']);
  });

  it('a file directive silences its codes everywhere; a bare one silences every code', () => {
    const fileText = '# inspection-disable-file REG-NEAR-MISS\nkind: media\nname: x\n';
    const a = diagOn(fileText, 'kind', 'REG-NEAR-MISS');
    const b = diagOn(fileText, 'name', 'REG-NEAR-MISS');
    const c = diagOn(fileText, 'name', 'M-V2');
    assert.deepEqual(suppressDiagnostics(fileText, [a, b, c]).kept, [c]);

    const bare = 'kind: media\n# inspection-disable-next-line\nname: x\n';
    const d = diagOn(bare, 'name', 'M-V2');
    const e = diagOn(bare, 'kind', 'M-V2');
    const out = suppressDiagnostics(bare, [d, e]);
    assert.deepEqual(out.suppressed, [d]);
    assert.deepEqual(out.kept, [e]);
  });

  it('never silences YAML syntax errors', () => {
    const t = '# inspection-disable-next-line IR1001\nname: [x\n';
    const syntax = diagOn(t, 'name', 'IR1001');
    const out = suppressDiagnostics(t, [syntax]);
    assert.deepEqual(out.kept, [syntax]);
    assert.deepEqual(out.unused[0].codes, ['IR1001']);
  });

  it('ignores look-alikes: other comment words, text in values, a directive with nothing after it', () => {
    const t = 'note: "# inspection-disable-next-line W-V3"\n# inspection-disable-next-lines W-V3\nname: x\n# inspection-disable-next-line W-V2\n';
    const ds = parseSuppressions(t);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].target, -1);
  });

  it('handles CRLF line ends', () => {
    const t = 'kind: media\r\n# inspection-disable-next-line M-V2\r\nlastPost: 2021-01-01\r\n';
    const d = diagOn(t, 'lastPost', 'M-V2');
    assert.deepEqual(suppressDiagnostics(t, [d]).suppressed, [d]);
  });
});
