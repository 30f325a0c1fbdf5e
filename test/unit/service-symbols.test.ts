import { strict as assert } from 'node:assert';
import type { DocumentSymbol } from 'vscode-languageserver';
import { positionOf, setup } from './service-helpers';

/** name (detail) and children, for comparison. */
function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children ? [s.name, s.detail ?? '', outline(s.children)] : [s.name, s.detail ?? '']));
}

describe('service: document symbols', () => {
  const text = [
    'kind: website',
    'name: 海南司法行政网',
    'homepage:',
    '  lastUpdate: 2021-06-10',
    'columns:',
    '  - { name: 政策解读, level: 1 }',
    '  - name: 空白栏目',
    '    blank: true',
    'findings:',
    '  - indicator: W-V1',
    '',
  ].join('\n');

  it('outlines the record with schema titles and list items named by their name or indicator', () => {
    const f = setup(text);
    assert.deepEqual(outline(f.service.findDocumentSymbols(f.ctx)), [
      ['kind', '文件类型 · website'],
      ['name', '网站名称 · 海南司法行政网'],
      ['homepage', '首页', [['lastUpdate', '首页最近更新日期 · 2021-06-10']]],
      [
        'columns',
        '栏目',
        [
          ['政策解读', '', [['name', '栏目名称 · 政策解读'], ['level', '栏目层级 · 1']]],
          ['空白栏目', '', [['name', '栏目名称 · 空白栏目'], ['blank', '空白栏目 · true']]],
        ],
      ],
      ['findings', '检查发现', [['W-V1', '', [['indicator', '指标编号 · W-V1']]]]],
    ]);
  });

  it('ranges cover the pair, selection ranges the key', () => {
    const f = setup(text);
    const homepage = f.service.findDocumentSymbols(f.ctx).find((s) => s.name === 'homepage')!;
    assert.deepEqual(homepage.selectionRange, { start: positionOf(text, 'homepage'), end: positionOf(text, 'homepage', 8) });
    assert.deepEqual(homepage.range, { start: positionOf(text, 'homepage'), end: positionOf(text, '2021-06-10', 10) });
  });
});
