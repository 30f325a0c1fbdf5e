// Facts written into a record as edits that touch only where they go.
import { strict as assert } from 'node:assert';
import { appendItems, applyEdits, insertPairs, orderEdits, replaceScalar } from '../../server/src/core/yaml/yamlPatch';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';

const ev = { url: 'http://a.gov.cn/x/', seen: '2021-06-15', snapshot: 'evidence/probe/a/01-index.html' };

describe('yamlPatch', () => {
  it('adds pairs to a flow mapping in place, quoting what flow style needs', () => {
    const p = parseYaml('columns:\n  - { name: 政策解读, level: 1 }  # 注释\n');
    const out = applyEdits(p, [insertPairs(p, ['columns', 0], [['lastUpdate', '2021-05-25'], ['evidence', ev]])!]);
    assert.equal(out, 'columns:\n  - { name: 政策解读, level: 1, lastUpdate: 2021-05-25, evidence: { url: "http://a.gov.cn/x/", seen: 2021-06-15, snapshot: evidence/probe/a/01-index.html } }  # 注释\n');
  });

  it('creates a missing mapping at the end of its parent, keeping CRLF line ends', () => {
    const p = parseYaml('kind: website\r\nname: 甲\r\n');
    const out = applyEdits(p, [insertPairs(p, ['homepage'], [['lastUpdate', '2021-06-11'], ['evidence', ev]])!]);
    assert.equal(out, `kind: website\r\nname: 甲\r\nhomepage:\r\n  lastUpdate: 2021-06-11\r\n  evidence: { url: "http://a.gov.cn/x/", seen: 2021-06-15, snapshot: evidence/probe/a/01-index.html }\r\n`);
  });

  it('fills a key written with nothing after it', () => {
    const p = parseYaml('homepage:\nname: 甲\n');
    assert.equal(applyEdits(p, [insertPairs(p, ['homepage'], [['lastUpdate', '2021-06-11']])!]), 'homepage:\n  lastUpdate: 2021-06-11\nname: 甲\n');
  });

  it('appends items in the style of the items already there', () => {
    const flow = parseYaml('columns:\n  - { name: a }\n');
    assert.equal(applyEdits(flow, [appendItems(flow, ['columns'], [{ name: 'b', blank: true }])!]), 'columns:\n  - { name: a }\n  - { name: b, blank: true }\n');
    const block = parseYaml('columns:\n  - name: a\n    level: 1\nx: 1\n');
    assert.equal(applyEdits(block, [appendItems(block, ['columns'], [{ name: 'b', level: 1 }])!]), 'columns:\n  - name: a\n    level: 1\n  - name: b\n    level: 1\nx: 1\n');
    const none = parseYaml('kind: website\n');
    assert.equal(applyEdits(none, [appendItems(none, ['columns'], [{ name: 'b', evidence: ev }])!]), `kind: website\ncolumns:\n  - name: b\n    evidence: { url: "http://a.gov.cn/x/", seen: 2021-06-15, snapshot: evidence/probe/a/01-index.html }\n`);
  });

  it('replaces a scalar where it stands', () => {
    const p = parseYaml('availability: { days: 7, probes: 100, failures: 2 } # 监测\n');
    assert.equal(applyEdits(p, [replaceScalar(p, ['availability', 'probes'], 140)!]), 'availability: { days: 7, probes: 140, failures: 2 } # 监测\n');
  });

  it('at one place, puts the pair closing the last list item before a new top-level key', () => {
    const p = parseYaml('columns:\n  - name: a\n    level: 1\n');
    const edits = orderEdits(p, [insertPairs(p, ['homepage'], [['lastUpdate', '2021-06-11']])!, insertPairs(p, ['columns', 0], [['blank', true]])!]);
    assert.equal(applyEdits(p, edits), 'columns:\n  - name: a\n    level: 1\n    blank: true\nhomepage:\n  lastUpdate: 2021-06-11\n');
  });
});
