// parseYaml's position helpers: ranges of values, keys and missing paths, with Chinese text, CRLF
// line ends and flow collections. Expected ranges come from substrings of the test document.
import { strict as assert } from 'node:assert';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { lineRangeOf, positionOfOffset, rangeOfText } from './support/rangeOfText';

const DOC = `kind: website
name: 海南司法行政网
homepage:
  lastUpdate: 2021-06-10
availability: { days: 7, probes: 140 }
columns:
  - { name: 政策解读, lastUpdate: 2020-11-03 }
  - name: 空白栏目
    blank: true
`;

describe('yamlDocument', () => {
  const parsed = parseYaml(DOC);

  it('parses once into a plain value and keeps no errors for a clean document', () => {
    assert.equal(parsed.doc.errors.length, 0);
    assert.deepEqual(parsed.value, {
      kind: 'website',
      name: '海南司法行政网',
      homepage: { lastUpdate: '2021-06-10' },
      availability: { days: 7, probes: 140 },
      columns: [{ name: '政策解读', lastUpdate: '2020-11-03' }, { name: '空白栏目', blank: true }],
    });
  });

  it('gives the range of a value', () => {
    assert.deepEqual(parsed.rangeOf(['name']), rangeOfText(DOC, '海南司法行政网'));
    assert.deepEqual(parsed.rangeOf(['homepage', 'lastUpdate']), rangeOfText(DOC, '2021-06-10'));
    assert.deepEqual(parsed.rangeOf(['availability', 'probes']), rangeOfText(DOC, '140'));
    assert.deepEqual(parsed.rangeOf(['columns', 0, 'lastUpdate']), rangeOfText(DOC, '2020-11-03'));
    assert.deepEqual(parsed.rangeOf(['columns', 1, 'blank']), rangeOfText(DOC, 'true'));
  });

  it('gives the range of a key', () => {
    assert.deepEqual(parsed.rangeOf(['homepage', 'lastUpdate'], 'key'), rangeOfText(DOC, 'lastUpdate'));
    assert.deepEqual(parsed.rangeOf(['columns', 0, 'name'], 'key'), rangeOfText(DOC, 'name: 政策解读', 0, 'name'));
    assert.deepEqual(parsed.rangeOf(['availability'], 'key'), rangeOfText(DOC, 'availability'));
  });

  it('falls back to the nearest existing key for a missing path', () => {
    // a missing key in an existing mapping lands on the mapping's own key
    assert.deepEqual(parsed.rangeOf(['homepage', 'navigationOnly']), rangeOfText(DOC, 'homepage'));
    assert.deepEqual(parsed.rangeOf(['availability', 'failures']), rangeOfText(DOC, 'availability'));
    // a missing key of a sequence item lands on the item's first line, from its first key on
    assert.deepEqual(parsed.rangeOf(['columns', 1, 'category']), rangeOfText(DOC, 'name: 空白栏目'));
    // nothing at all: the first line of the document
    assert.deepEqual(parsed.rangeOf(['checkDate']), lineRangeOf(DOC, 'kind: website'));
    assert.deepEqual(parsed.rangeOf(['columns', 7, 'name']), rangeOfText(DOC, 'columns'));
  });

  it('finds nodes and pairs by path', () => {
    assert.equal(String((parsed.nodeAt(['columns', 1, 'name']) as { value?: unknown }).value), '空白栏目');
    assert.equal(parsed.nodeAt(['columns', 2]), undefined);
    assert.equal(parsed.nodeAt(['name', 'x']), undefined);
    assert.equal(String((parsed.pairAt(['availability', 'days'])?.key as { value?: unknown }).value), 'days');
    assert.equal(parsed.pairAt([]), undefined);
  });

  it('converts offsets and positions both ways, in UTF-16 units, with CRLF line ends', () => {
    const crlf = 'kind: media\r\nname: 儋州教育\r\nlastPost: 2021-06-01\r\n';
    const p = parseYaml(crlf);
    const at = crlf.indexOf('2021-06-01');
    assert.deepEqual(p.positionAt(at), positionOfOffset(crlf, at));
    assert.deepEqual(p.positionAt(at), { line: 2, character: 'lastPost: '.length });
    assert.equal(p.offsetAt({ line: 2, character: 10 }), at);
    assert.deepEqual(p.rangeOf(['name']), rangeOfText(crlf, '儋州教育'));
    // beyond the end clamps to the text
    assert.equal(p.offsetAt({ line: 99, character: 0 }), crlf.length);
    // characters outside the BMP count as two UTF-16 units
    const astral = 'name: 𠀋字\nkind: media\n';
    assert.deepEqual(parseYaml(astral).positionAt(astral.indexOf('字')), { line: 0, character: 'name: '.length + 2 });
  });

  it('reports duplicate keys as errors and bounds aliases', () => {
    const dup = parseYaml('kind: media\nname: a\nname: b\n');
    assert.deepEqual(dup.doc.errors.map((e) => e.code), ['DUPLICATE_KEY']);
    const bomb = parseYaml(`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${Array(11).fill('*a').join(', ')}]\nc: [${Array(11).fill('*b').join(', ')}]\n`);
    assert.equal(bomb.value, undefined);
    assert.ok(bomb.conversionError);
  });
});
