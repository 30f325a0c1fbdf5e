import { strict as assert } from 'node:assert';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { completionContext, formatPath, locateNode } from '../../server/src/service/yamlPath';

/** The text with `|` removed and the offset where it stood. */
function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

describe('service: yamlPath', () => {
  describe('locateNode', () => {
    const text = 'kind: website\nhomepage:\n  lastUpdate: 2021-06-10\ncolumns:\n  - { name: 政策解读, level: 1 }\n  - name: 空白栏目\n';
    const parsed = parseYaml(text);
    const at = (needle: string, offset = 0) => locateNode(parsed, text.indexOf(needle) + offset);

    it('finds a key and the pair it names', () => {
      const loc = at('lastUpdate', 3)!;
      assert.deepEqual(loc.path, ['homepage', 'lastUpdate']);
      assert.equal(loc.part, 'key');
      assert.equal(text.slice(loc.start, loc.end), 'lastUpdate');
    });

    it('finds a value, also at its last character', () => {
      const loc = at('2021-06-10', 10)!;
      assert.deepEqual(loc.path, ['homepage', 'lastUpdate']);
      assert.equal(loc.part, 'value');
      assert.equal(text.slice(loc.start, loc.end), '2021-06-10');
    });

    it('walks into list items, in flow and block style', () => {
      assert.deepEqual(at('level')!.path, ['columns', 0, 'level']);
      assert.deepEqual(at('空白栏目')!.path, ['columns', 1, 'name']);
      assert.equal(at('空白栏目')!.part, 'value');
    });

    it('says nothing outside the document', () => {
      assert.equal(locateNode(parseYaml('# only a comment\n'), 3), undefined);
    });
  });

  describe('completionContext', () => {
    const ctx = (marked: string) => {
      const { text, offset } = cursor(marked);
      return completionContext(text, offset);
    };

    it('a half-typed key at the top', () => {
      const c = ctx('kind: media\nplat|')!;
      assert.deepEqual([c.kind, c.path, c.existingKeys, c.prefix, c.colonFollows], ['key', [], ['kind'], 'plat', false]);
    });

    it('a key inside a nested mapping, on an empty line', () => {
      const c = ctx('kind: website\navailability:\n  days: 3\n  |\nname: x\n')!;
      assert.deepEqual([c.kind, c.path, c.existingKeys, c.column], ['key', ['availability'], ['days'], 2]);
    });

    it('a key of a list item, and a fresh item that may be a scalar', () => {
      const c = ctx('columns:\n  - name: a\n    |\n')!;
      assert.deepEqual([c.kind, c.path, c.existingKeys, c.newSequenceItem], ['key', ['columns', 0], ['name'], false]);
      const d = ctx('findings:\n  - |')!;
      assert.deepEqual([d.kind, d.path, d.newSequenceItem, d.column], ['key', ['findings', 0], true, 4]);
    });

    it('a value after its key, with and without a partial word', () => {
      const c = ctx('kind: media\nplatform: |')!;
      assert.deepEqual([c.kind, c.path, c.prefix], ['value', ['platform'], '']);
      const d = ctx('platform: 微|信\n')!;
      assert.deepEqual([d.kind, d.path, d.prefix, d.end - d.start], ['value', ['platform'], '微', 2]);
    });

    it('flow mappings and sequences', () => {
      const c = ctx('a: { days: 7, pr| }')!;
      assert.deepEqual([c.kind, c.path, c.existingKeys, c.flow], ['key', ['a'], ['days'], true]);
      const d = ctx('missing: [设定依据, |]')!;
      assert.deepEqual([d.kind, d.path, d.flow], ['value', ['missing', 1], true]);
    });

    it('an existing key whose colon follows the cursor', () => {
      const c = ctx('kind: media\nplat|form: 抖音\n')!;
      assert.deepEqual([c.kind, c.path, c.colonFollows, c.prefix], ['key', [], true, 'plat']);
    });

    it('nothing inside comments', () => {
      assert.equal(ctx('# com|ment'), undefined);
      assert.equal(ctx('name: x # a|b'), undefined);
    });
  });

  it('formats paths as users read them', () => {
    assert.equal(formatPath(['columns', 2, 'lastUpdate']), 'columns[2].lastUpdate');
    assert.equal(formatPath([]), '');
  });
});
