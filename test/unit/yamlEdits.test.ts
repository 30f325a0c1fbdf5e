import { strict as assert } from 'node:assert';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { suppressionEdit } from '../../server/src/core/suppression';
import { insertPair, replaceScalar, scalarText, setValue } from '../../server/src/core/yaml/yamlPatch';
import { applyEdits } from './service-helpers';

const apply = (text: string, edit: ReturnType<typeof insertPair>): string => {
  assert.ok(edit, 'an edit');
  return applyEdits(text, [edit]);
};

describe('service: edits keep everything they do not touch', () => {
  it('quotes scalars only when YAML would read them otherwise', () => {
    assert.equal(scalarText('4600000012'), '"4600000012"');
    assert.equal(scalarText('2021-06-15'), '2021-06-15');
    assert.equal(scalarText('儋州教育'), '儋州教育');
    assert.equal(scalarText('true'), '"true"');
    assert.equal(scalarText('a, b', true), '"a, b"');
    assert.equal(scalarText('a, b'), 'a, b');
    assert.equal(scalarText(null), '');
  });

  it('replaces a value in place, keeping its trailing comment', () => {
    const text = 'kind: media\nsponsor: 儋州教育局 # 简称\nregion: 儋州市\n';
    assert.equal(apply(text, replaceScalar(parseYaml(text), ['sponsor'], '儋州市教育局')), 'kind: media\nsponsor: 儋州市教育局 # 简称\nregion: 儋州市\n');
  });

  it('fills an empty value after its colon', () => {
    const text = 'kind: media\naccountId:\nregion: 儋州市\n';
    assert.equal(apply(text, replaceScalar(parseYaml(text), ['accountId'], 'dzjy0898')), 'kind: media\naccountId: dzjy0898\nregion: 儋州市\n');
  });

  it('inserts a missing key after the last pair of its mapping, at its indentation', () => {
    const text = 'kind: website\nhomepage:\n    lastUpdate: 2021-06-10   # 首页\n\n# 栏目\ncolumns: []\n';
    const edit = insertPair(parseYaml(text), ['homepage'], 'navigationOnly', false);
    assert.equal(apply(text, edit), 'kind: website\nhomepage:\n    lastUpdate: 2021-06-10   # 首页\n    navigationOnly: false\n\n# 栏目\ncolumns: []\n');
  });

  it('inserts at the top level after the last key, not after trailing blank lines', () => {
    const text = 'kind: media\nname: 儋州教育\n\n\n';
    assert.equal(apply(text, setValue(parseYaml(text), ['accountId'], 'dzjy0898')), 'kind: media\nname: 儋州教育\naccountId: dzjy0898\n\n\n');
  });

  it('inserts into a flow mapping in flow style', () => {
    const text = 'availability: { days: 7, probes: 140 }\n';
    assert.equal(apply(text, insertPair(parseYaml(text), ['availability'], 'failures', 2)), 'availability: { days: 7, probes: 140, failures: 2 }\n');
  });

  it('starts a mapping under a key that has no value yet', () => {
    const text = 'kind: website\nhomepage:\nname: x\n';
    assert.equal(apply(text, insertPair(parseYaml(text), ['homepage'], 'lastUpdate', null)), 'kind: website\nhomepage:\n  lastUpdate:\nname: x\n');
  });

  it('creates missing parent keys with a nested skeleton', () => {
    const text = 'kind: website\nname: x\n';
    const edit = insertPair(parseYaml(text), ['interaction'], 'columns', [{ name: null, type: null }]);
    assert.equal(apply(text, edit), 'kind: website\nname: x\ninteraction:\n  columns:\n    - name:\n      type:\n');
  });

  it('keeps CRLF line ends', () => {
    const text = 'kind: media\r\nname: x\r\n';
    assert.equal(apply(text, insertPair(parseYaml(text), [], 'region', '儋州市')), 'kind: media\r\nname: x\r\nregion: 儋州市\r\n');
  });

  describe('suppression comments', () => {
    it('adds a comment above the line, at its indentation', () => {
      const text = 'kind: website\nhomepage:\n  lastUpdate: 2021-05-01\n';
      const line = text.split('\n').indexOf('  lastUpdate: 2021-05-01');
      assert.equal(applyEdits(text, [suppressionEdit(text, line, 'W-V3')]), 'kind: website\nhomepage:\n  # inspection-disable-next-line W-V3\n  lastUpdate: 2021-05-01\n');
    });

    it('adds a code to the directive already aimed at the line, before its reason', () => {
      const text = 'kind: website\n# inspection-disable-next-line W-V3 -- 已核实\nhomepage: {}\n';
      const line = text.split('\n').indexOf('homepage: {}');
      assert.equal(applyEdits(text, [suppressionEdit(text, line, 'IR2101')]), 'kind: website\n# inspection-disable-next-line W-V3, IR2101 -- 已核实\nhomepage: {}\n');
    });
  });
});
