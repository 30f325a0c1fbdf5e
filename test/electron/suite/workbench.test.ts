// The code-server suite's assertions, in a desktop VS Code through the extension API: the veto
// diagnostic in Chinese, its hover, the status bar figures, the bulletin files, the dashboard's
// charts, a new record, the supplement list and the re-check.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectionRecordsApi } from '../../../client/src/extension';
import type { ExportSupplementResult, GenerateBulletinResult, RecheckPreviousResult } from '../../../shared/protocol';
import type { StaleRecord } from '../../e2e/scenario';

const EXTENSION_ID = 'inspection-records.inspection-records';
const HAN = /[\u4e00-\u9fff]/;
const campaign = vscode.Uri.file(process.env.E2E_CAMPAIGN_COPY ?? '');
const previous = process.env.E2E_PREVIOUS_COPY ? vscode.Uri.file(process.env.E2E_PREVIOUS_COPY) : undefined;
const stale = JSON.parse(process.env.E2E_STALE ?? '{}') as StaleRecord;

/** Polls `probe` until it returns a value (not undefined), or fails after `timeout` ms. */
async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('VS Code workbench (desktop, @vscode/test-electron)', function () {
  let api: InspectionRecordsApi;
  const recordUri = vscode.Uri.joinPath(campaign, ...stale.file.split('/'));

  before(async () => {
    const extension = vscode.extensions.getExtension<InspectionRecordsApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    api = await extension.activate();
  });

  it('lists the record’s veto with its Chinese message, as a finding about the site (a warning, no error)', async () => {
    await vscode.window.showTextDocument(recordUri);
    const veto = await eventually('the veto diagnostic', () => vscode.languages.getDiagnostics(recordUri).find((d) => codeOf(d) === stale.ruleId));
    assert.equal(veto.severity, vscode.DiagnosticSeverity.Warning);
    // the record itself is correct: nothing in it is an error
    assert.deepEqual(vscode.languages.getDiagnostics(recordUri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
    assert.match(veto.message, HAN);
  });

  it('shows the rule and its evidence in the hover', async () => {
    const position = new vscode.Position(stale.line - 1, stale.column);
    const text = await eventually('a hover naming the rule', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', recordUri, position);
      const all = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
        .join('\n');
      return all.includes(stale.ruleId) ? all : undefined;
    });
    assert.ok(text.includes(stale.date) || /\d+\s*天/.test(text), `hover lacks the evidence: ${text}`);
  });

  it('shows the campaign figures in the status bar', async () => {
    const text = await eventually('status bar figures', () => {
      const t = api.statusBarText();
      return t && /%/.test(t) ? t : undefined;
    });
    assert.match(text, /(网站|Websites) (\d+(\.\d+)?%|—)/);
  });

  it('generates the bulletin files', async () => {
    const result = await vscode.commands.executeCommand<GenerateBulletinResult | undefined>('inspectionRecords.generateBulletin', campaign, {
      formats: ['md', 'docx', 'xlsx'],
      force: true,
    });
    assert.ok(result, 'the command failed (see the Inspection Records log)');
    assert.deepEqual(result.written.map((w) => w.format).sort(), ['docx', 'md', 'xlsx']);
    for (const w of result.written) assert.ok(existsSync(vscode.Uri.parse(w.uri).fsPath), w.uri);
  });

  it('renders the dashboard charts', async () => {
    await vscode.commands.executeCommand('inspectionRecords.dashboard', campaign);
    const render = await eventually('the dashboard drawn', () => {
      const r = api.dashboardRender();
      return r && r.charts.length >= 2 ? r : undefined;
    });
    for (const c of render.charts) assert.ok(c.inked > 100, `chart ${c.id} is blank`);
  });

  it('creates a new record file', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('inspectionRecords.newRecord', campaign, { kind: 'media' });
    assert.ok(created, 'the command failed (see the Inspection Records log)');
    assert.ok(created.fsPath.startsWith(campaign.fsPath + path.sep), created.fsPath);
    assert.match(readFileSync(created.fsPath, 'utf8'), /kind:\s*media/);
  });

  it('exports the supplement list', async () => {
    const result = await vscode.commands.executeCommand<ExportSupplementResult | undefined>('inspectionRecords.exportSupplement', campaign, { force: true });
    assert.ok(result && result.written.length > 0, 'no supplement list written');
  });

  it('compares with the previous campaign', async function () {
    assert.ok(previous, 'the sample campaign names a previous campaign to re-check against');
    const result = await vscode.commands.executeCommand<RecheckPreviousResult | undefined>('inspectionRecords.recheckPrevious', campaign, { previous });
    assert.ok(result, 'the command failed (see the Inspection Records log)');
    assert.equal(result.recheck.fixed + result.recheck.stillFailing + result.recheck.notRechecked, result.recheck.previouslyFailed);
  });
});
