import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { InspectionRecord } from '../../server/src/core/model';
import { registryDiagnostics } from '../../server/src/core/registry/registryDiagnostics';
import { toLspDiagnostic } from '../../server/src/service/diagnostics';
import { applyEdits, mediaRow, positionOf, ROOT, setup, type FakeCampaign } from './service-helpers';

const URI = `file://${ROOT}/media/x.yaml`;

/** The record's diagnostics as the client would send them back. */
function diagnosticsOf(text: string, c: FakeCampaign = {}, extra: Diagnostic[] = []): { f: ReturnType<typeof setup>; diagnostics: Diagnostic[] } {
  const f = setup(text, c);
  return { f, diagnostics: [...f.service.doValidation(f.ctx).diagnostics, ...extra] };
}

function editedText(text: string, action: CodeAction, uri = URI): string {
  const edits = action.edit!.changes![uri] as TextEdit[];
  return applyEdits(text, edits);
}

function find(actions: CodeAction[], title: string): CodeAction {
  const a = actions.find((x) => x.title === title);
  assert.ok(a, `no action "${title}" among: ${actions.map((x) => x.title).join(' | ')}`);
  return a;
}

describe('service: code actions', () => {
  it('writes the normalised date the diagnostic carries', async () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nlastPost: 2021/6/1\n';
    const { f, diagnostics } = diagnosticsOf(text);
    const date = diagnostics.find((d) => d.code === 'IR3001')!;
    const actions = f.service.getCodeActions(f.ctx, [date]);
    const fix = find(actions, '改为 2021-06-01');
    assert.equal(fix.isPreferred, true);
    assert.equal(editedText(text, fix), 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nlastPost: 2021-06-01\n');
  });

  it('inserts the skeleton of a missing required field', async () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\nregion: 定安县\n';
    const { f, diagnostics } = diagnosticsOf(text);
    const missing = diagnostics.find((d) => d.code === 'IR2104')!;
    const actions = f.service.getCodeActions(f.ctx, [missing]);
    assert.equal(editedText(text, find(actions, '补上必填字段“检查日期”（checkDate）')), 'kind: media\nplatform: 抖音\nname: 定安发布\nregion: 定安县\ncheckDate:\n');
  });

  it('inserts the skeleton of a required field of a list item', async () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nfindings:\n  - note: 买粉\n';
    const { f, diagnostics } = diagnosticsOf(text);
    const missing = diagnostics.find((d) => d.code === 'IR2104')!;
    assert.ok(missing, JSON.stringify(diagnostics));
    const actions = f.service.getCodeActions(f.ctx, [missing]);
    assert.equal(
      editedText(text, find(actions, '补上必填字段“指标编号”（indicator）')),
      'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nfindings:\n  - note: 买粉\n    indicator:\n',
    );
  });

  const registryText = 'kind: media\nplatform: 微信\nname: 儋州教育\nsponsor: 儋州教育局   # 待核实\ncheckDate: 2021-06-16\n';
  const row = mediaRow(12, { platform: '微信公众号', name: '儋州教育', accountId: 'dzjy0898', sponsor: '儋州市教育局', region: '儋州市' });
  const registryDiagnostic = (code: string, data: unknown): Diagnostic => ({
    range: { start: positionOf(registryText, 'name'), end: positionOf(registryText, 'name', 4) },
    message: 'registry',
    code,
    source: 'inspection-records(registry)',
    data,
  });

  it('fills and corrects the identity fields from the matched registry row', async () => {
    const f = setup(registryText);
    const actions = f.service.getCodeActions(f.ctx, [registryDiagnostic('REG-MISMATCH', { row })]);
    const fix = find(actions, '按登记系统填写平台、账号ID、主办单位、地区（registry/media.csv 第12行）');
    assert.equal(
      editedText(registryText, fix),
      'kind: media\nplatform: 微信公众号\nname: 儋州教育\nsponsor: 儋州市教育局   # 待核实\ncheckDate: 2021-06-16\naccountId: dzjy0898\nregion: 儋州市\n',
    );
  });

  it('takes a near-miss suggestion', async () => {
    const f = setup(registryText);
    const close = mediaRow(7, { platform: '微信公众号', name: '儋州市教育', accountId: 'dzjy', sponsor: '儋州市教育局' });
    const actions = f.service.getCodeActions(f.ctx, [registryDiagnostic('REG-NEAR-MISS', { suggestions: [close] })]);
    const fix = find(actions, '改为登记系统中的“儋州市教育”（dzjy），registry/media.csv 第7行');
    assert.equal(
      editedText(registryText, fix),
      'kind: media\nplatform: 微信公众号\nname: 儋州市教育\nsponsor: 儋州市教育局   # 待核实\ncheckDate: 2021-06-16\naccountId: dzjy\n',
    );
  });

  describe('with the registry diagnostics of the core', () => {
    const text = 'kind: media\nplatform: 微信公众号\nname: 儋州教育局\nsponsor: 儋州教育局   # 待核实\nregion: 儋州市\ncheckDate: 2021-06-16\n';
    const registryFor = (outcome: Parameters<typeof registryDiagnostics>[2], issues: Parameters<typeof registryDiagnostics>[3] = []) => {
      const f = setup(text);
      const diagnostics = registryDiagnostics(f.ctx.check.parsed, f.ctx.check.parsed.value as InspectionRecord, outcome, issues, 'zh-cn').map(toLspDiagnostic);
      return { f, diagnostics };
    };

    it('near miss: each suggested row is one fix', async () => {
      const close = mediaRow(12, { platform: '微信公众号', name: '儋州教育', accountId: 'dzjy0898', sponsor: '儋州市教育局' });
      const { f, diagnostics } = registryFor({ status: 'near-miss', suggestions: [close] });
      const actions = f.service.getCodeActions(f.ctx, diagnostics);
      const fix = find(actions, '改为登记系统中的“儋州教育”（dzjy0898），registry/media.csv 第12行');
      assert.equal(editedText(text, fix), text.replace('name: 儋州教育局', 'name: 儋州教育') + 'accountId: dzjy0898\n');
    });

    it('sponsor as filed', async () => {
      const row = mediaRow(12, { platform: '微信公众号', name: '儋州教育局', sponsor: '儋州市教育局' });
      const { f, diagnostics } = registryFor({ status: 'matched', row }, [{ code: 'REG-SPONSOR-MISMATCH', field: 'sponsor', row, filed: '儋州市教育局', found: '儋州教育局' }]);
      const actions = f.service.getCodeActions(f.ctx, diagnostics);
      const fix = find(actions, '按登记系统改为：主办单位“儋州市教育局”（registry/media.csv 第12行）');
      assert.equal(editedText(text, fix), text.replace('sponsor: 儋州教育局', 'sponsor: 儋州市教育局'));
    });

    it('unregistered: the fix writes the campaign\'s 补报 list through the server command', async () => {
      const { f, diagnostics } = registryFor({ status: 'unregistered' });
      const actions = f.service.getCodeActions(f.ctx, diagnostics);
      const fix = find(actions, '导出补报清单（含此账号）');
      assert.deepEqual(fix.command, { title: '导出补报清单（含此账号）', command: 'inspectionRecords.server.exportSupplement', arguments: [`file://${ROOT}`] });
      assert.equal(fix.edit, undefined);
    });
  });

  describe('suppression', () => {
    const text = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nlastPost: 2021/6/1\n';

    it('silences one code on its line, or in the whole file', async () => {
      const { f, diagnostics } = diagnosticsOf(text);
      const actions = f.service.getCodeActions(f.ctx, diagnostics);
      assert.equal(
        editedText(text, find(actions, '在此行忽略 IR3001')),
        'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n# inspection-disable-next-line IR3001\nlastPost: 2021/6/1\n',
      );
      assert.equal(editedText(text, find(actions, '在本文件中忽略 IR3001')), `# inspection-disable-file IR3001\n${text}`);
    });

    it('a silenced diagnostic is gone, and counted', () => {
      const silenced = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n# inspection-disable-next-line IR3001\nlastPost: 2021/6/1\n';
      const f = setup(silenced);
      const result = f.service.doValidation(f.ctx);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.suppressed, 1);
    });

    it('removes a suppression comment that silences nothing', async () => {
      const stale = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n# inspection-disable-next-line IR3001\nlastPost: 2021-06-01\n';
      const { f, diagnostics } = diagnosticsOf(stale);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.tags]), [['IR6001', 4, [1]]]);
      const actions = f.service.getCodeActions(f.ctx, diagnostics);
      assert.equal(editedText(stale, find(actions, '删除无用的忽略注释')), 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\nlastPost: 2021-06-01\n');
    });
  });

  it('ignores diagnostics of other tools', async () => {
    const text = 'kind: media\n';
    const f = setup(text);
    const foreign: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'x', code: 'X1', source: 'yaml', data: { replacement: 'y' } };
    assert.deepEqual(f.service.getCodeActions(f.ctx, [foreign]), []);
  });
});
