// End-to-end: the packaged extension in a real VS Code workbench (code-server) driven in headless
// Chromium, in Chinese, on a temporary copy of the sample campaign. Asserts what an inspector sees:
// the veto of a failing site in the Problems panel as a finding (no error: the record is correct)
// with its verdict in the code lens, its hover, the status bar figures, the bulletin and its
// notification, the dashboard's charts, a new record from the registry, the supplement list and the
// re-check, a probe of a fixture website previewed and accepted, `inspectionRecords.locale` turning
// the extension's words to English and back, and no English word in the dashboard, notifications
// and quick picks it showed in Chinese. Screenshots of every step go to .test-artifacts/e2e/.
// Run with `npm run test:e2e` (builds and packages the .vsix first).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  ensureCodeServer,
  extensionLogs,
  findFiles,
  installExtensions,
  registerLanguagePack,
  REPO_ROOT,
  runFolders,
  startCodeServer,
  EXTENSION_ID,
  type CodeServer,
  type RunFolders,
} from './codeServer';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { chooseScenario, type Scenario } from './scenario';
import { withOrigins } from '../web/fixtureCampaign';
import { startFixtureWeb, WEB_FIXTURES, type FixtureWeb } from '../web/fixtureWeb';
import {
  clearNotifications,
  codeLenses,
  englishWords,
  goToPosition,
  hoverAtCursor,
  notification,
  notificationWords,
  openBrowser,
  openWorkbench,
  problemRows,
  problems,
  quickOpen,
  quickPickAccept,
  quickPickRows,
  quickRows,
  runCommand,
  screenshot,
  webviewFrame,
  type Browser,
} from './workbench';

const ARTEFACTS = path.join(REPO_ROOT, '.test-artifacts', 'e2e');
const VSIX = process.env.E2E_VSIX ?? path.join(REPO_ROOT, 'dist', 'inspection-records.vsix');
const LOCALE_PACK = path.join(__dirname, 'locale-pack-zh-cn');
const LOCALE_PACK_ID = 'inspection-records-tests.e2e-locale-zh-cn';
const HAN = /[\u4e00-\u9fff]/;

describe('VS Code workbench (code-server + headless Chromium)', function () {
  this.timeout(90_000);
  const suiteStarted = Date.now();
  const figures: Record<string, number | string> = {};
  let f: RunFolders;
  let scenario: Scenario;
  let campaignCopy: string;
  let previousCopy: string | undefined;
  let server: CodeServer | undefined;
  let fixtureWeb: FixtureWeb | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let shot = 0;
  const cspViolations: string[] = [];
  /** What the extension showed in Chinese (dashboard, notifications, quick picks): read for English words at the end. */
  const shownInChinese: { where: string; text: string }[] = [];
  const shown = (where: string, text: string): string => {
    shownInChinese.push({ where, text });
    return text;
  };
  const snap = (name: string) => screenshot(page, ARTEFACTS, `${String(++shot).padStart(2, '0')}-${name}`);
  const newFiles = (since: number, pattern: RegExp) =>
    findFiles(campaignCopy, (p) => pattern.test(p) && statSync(p).mtimeMs >= since).map((p) => path.relative(campaignCopy, p));

  before(async function () {
    this.timeout(15 * 60_000); // a first code-server install (cached afterwards) takes about a minute
    rmSync(ARTEFACTS, { recursive: true, force: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    assert.ok(existsSync(VSIX), `${VSIX} missing: run \`npm run package\` (npm run test:e2e does)`);
    figures.vsixBytes = statSync(VSIX).size;
    const entry = ensureCodeServer();

    f = runFolders(mkdtempSync(path.join(os.tmpdir(), 'inspection-records-e2e-')));
    scenario = chooseScenario();
    campaignCopy = path.join(f.workspace, path.basename(scenario.campaign));
    cpSync(scenario.campaign, campaignCopy, { recursive: true, filter: (src) => path.basename(src) !== 'out' });
    if (scenario.previous) {
      previousCopy = path.join(f.workspace, path.basename(scenario.previous));
      cpSync(scenario.previous, previousCopy, { recursive: true, filter: (src) => path.basename(src) !== 'out' });
    }
    figures.campaign = path.relative(REPO_ROOT, scenario.campaign);

    const packVsix = path.join(f.root, 'locale-pack-zh-cn.vsix');
    execFileSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', packVsix],
      { cwd: LOCALE_PACK, stdio: 'ignore' },
    );
    // the previous campaign lies beside the campaign: the user allows the folder holding both
    // allowedFolders is machine-scoped (paths of the machine the files are on): the remote machine's settings
    installExtensions(entry, f, [VSIX, packVsix], {}, { 'inspectionRecords.allowedFolders': [f.workspace] });
    registerLanguagePack(f, LOCALE_PACK_ID);

    server = await startCodeServer(entry, f, campaignCopy, 'zh-cn');
    browser = await openBrowser(f.browserProfile, { ...process.env, TMPDIR: path.join(f.root, 'tmp') });
    page = browser.page;
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    const t0 = Date.now();
    await openWorkbench(page, `${server.url}/?folder=${encodeURIComponent(campaignCopy)}`);
    figures.workbenchLoadMs = Date.now() - t0;
  });

  after(async function () {
    this.timeout(30_000);
    if (page && this.currentTest?.state === 'failed') await snap('failure').catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await fixtureWeb?.close();
    figures.suiteMs = Date.now() - suiteStarted;
    if (browser) figures.blockedRequests = [...new Set(browser.blocked.map((u) => new URL(u).host))].join(' ') || 'none';
    writeFileSync(path.join(ARTEFACTS, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`      e2e figures: ${JSON.stringify(figures)}`);
    if (f && !process.env.E2E_KEEP) rmSync(f.root, { recursive: true, force: true });
    else if (f) console.log(`      run folder kept: ${f.root}`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await snap(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  it('activates the extension in Chinese without errors', async function () {
    const deadline = Date.now() + 60_000;
    let logs = extensionLogs(f);
    while (!/activated in \d+ ms/.test(logs.ours) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      logs = extensionLogs(f);
    }
    assert.match(logs.host, new RegExp(`_doActivateExtension ${EXTENSION_ID.replace('.', '\\.')}`), 'extension host never activated us');
    assert.doesNotMatch(logs.host, /Activating extension .inspection-records\.inspection-records. failed/);
    const activated = /activated in (\d+) ms/.exec(logs.ours);
    assert.ok(activated, `no activation line in our log:\n${logs.ours}`);
    figures.activationMs = Number(activated[1]);
    assert.doesNotMatch(logs.ours, /\[error\]/);
    await snap('activated');
  });

  it('lists the record’s veto in the Problems panel with its Chinese message', async function () {
    const { file, ruleId } = scenario.stale;
    await quickOpen(page, file, path.posix.basename(file));
    let rows: string[] = [];
    const deadline = Date.now() + 30_000;
    while (!rows.some((r) => r.includes(ruleId)) && Date.now() < deadline) {
      await page.waitForTimeout(500);
      rows = await problems(page, `**/${path.posix.basename(file)}`);
    }
    const row = rows.find((r) => r.includes(ruleId));
    assert.ok(row, `no ${ruleId} row in the Problems panel: ${JSON.stringify(rows)}`);
    assert.match(row, HAN, `the ${ruleId} message is not in Chinese: ${row}`);
    // the site fails, the record is correct: a finding (warning), never an error of the file
    const withIcons = await problemRows(page, `**/${path.posix.basename(file)}`, ruleId);
    assert.deepEqual([...new Set(withIcons.map((r) => r.severity))], ['warning'], JSON.stringify(withIcons));
    const fileRows = await problemRows(page, `**/${path.posix.basename(file)}`, '');
    assert.ok(!fileRows.some((r) => r.severity === 'error'), `an error on a correct record: ${JSON.stringify(fileRows)}`);
    // and the verdict stays in sight: the code lens above the record
    const lensDeadline = Date.now() + 20_000;
    let lenses = await codeLenses(page);
    while (!lenses.some((l) => l.includes(ruleId)) && Date.now() < lensDeadline) {
      await page.waitForTimeout(300);
      lenses = await codeLenses(page);
    }
    assert.ok(lenses.some((l) => l.startsWith('✗ 不合格：') && l.includes(ruleId)), `no verdict in the code lens: ${JSON.stringify(lenses)}`);
    await snap('problems');
  });

  it('shows the rule and its evidence in the hover on the diagnostic', async function () {
    const { file, ruleId, date, line, column } = scenario.stale;
    await quickOpen(page, file, path.posix.basename(file));
    await goToPosition(page, line, column + 1);
    const text = await hoverAtCursor(page, ruleId);
    assert.ok(text.includes(ruleId), `hover lacks the rule id: ${text}`);
    assert.ok(text.includes(date) || /\d+\s*天/.test(text), `hover lacks the evidence (${date} or a day count): ${text}`);
    await snap('hover');
  });

  it('shows the campaign figures in the status bar', async function () {
    const item = page.locator('.statusbar-item', { hasText: /网站 .*新媒体/ }).first();
    await item.waitFor({ timeout: 30_000 });
    const text = (await item.innerText()).trim();
    assert.match(text, /网站 (\d+(\.\d+)?%|—) · 新媒体 (\d+(\.\d+)?%|—)/);
    assert.match(text, /%/, `no pass rate in the status bar: ${text}`);
    await page.keyboard.press('Escape');
    await item.hover();
    // the tooltip: both kinds' figures as a table
    const tooltip = page.locator('.monaco-hover:not(.hidden)', { hasText: '合格率' }).first();
    await tooltip.waitFor({ state: 'visible' });
    assert.match(await tooltip.innerText(), /检查数/);
    await snap('status-bar');
  });

  it('生成通报 writes the bulletin files and shows a notification', async function () {
    const started = Date.now() - 1000;
    await clearNotifications(page);
    await runCommand(page, '检查: 生成通报');
    const formats = await quickPickRows(page, '通报的格式');
    shown('the formats quick pick', `通报的格式 ${formats.map((r) => r.text).join(' ')}`);
    assert.ok(formats.some((r) => r.label.includes('.docx')), `format choice lacks Word: ${JSON.stringify(formats)}`);
    assert.ok(formats.some((r) => r.label.includes('.pdf')), `format choice lacks PDF: ${JSON.stringify(formats)}`);
    await quickPickAccept(page); // Markdown, Word and Excel are ticked the first time (PDF needs LibreOffice)
    const toast = await notification(page, /通报已生成/);
    shown('the bulletin notification', await notificationWords(page, /通报已生成/));
    assert.match(toast, /网站检查 \d+ 个/);
    const written = newFiles(started, /\.(md|docx|xlsx)$/);
    assert.ok(written.some((p) => p.endsWith('.md')), `no .md written: ${written.join(', ')}`);
    assert.ok(written.some((p) => p.endsWith('.docx')), `no .docx written: ${written.join(', ')}`);
    assert.ok(written.some((p) => p.endsWith('.xlsx')), `no .xlsx written: ${written.join(', ')}`);
    await snap('bulletin');
  });

  it('生成通报 again asks before anything is written: keep both writes the new files beside the old ones', async function () {
    const started = Date.now() - 1000;
    const before = findFiles(campaignCopy, (p) => /\.(md|docx|xlsx)$/.test(p) && !/漏报/.test(p)).length;
    await clearNotifications(page);
    await runCommand(page, '检查: 生成通报');
    await quickPickRows(page, '通报的格式');
    await quickPickAccept(page);
    const dialog = page.locator('.monaco-dialog-box', { hasText: '同名的通报文件' });
    await dialog.waitFor({ timeout: 60_000 });
    const buttons = await dialog.locator('.monaco-button').allInnerTexts();
    assert.ok(buttons.includes('替换') && buttons.includes('保留两者'), JSON.stringify(buttons));
    // (its Cancel button is the workbench's own, in the workbench's language)
    shown('the question before re-writing the bulletin', `${await dialog.locator('.dialog-message-text').innerText()} ${buttons.filter((b) => b !== 'Cancel').join(' ')}`);
    await snap('bulletin-again');
    await dialog.locator('.monaco-button', { hasText: '保留两者' }).click();
    await notification(page, /通报已生成/);
    const written = newFiles(started, /\.(md|docx|xlsx)$/);
    assert.ok(written.length >= 3 && written.every((p) => / \(2\)/.test(p)), `not kept beside the old ones: ${written.join(', ')}`);
    assert.equal(findFiles(campaignCopy, (p) => /\.(md|docx|xlsx)$/.test(p) && !/漏报/.test(p)).length, before + written.length);
  });

  it('检查概况 renders the dashboard charts, under its strict CSP, in the editor’s theme', async function () {
    const violationsBefore = cspViolations.length;
    // the whole editor area for the charts: hide the panel (Ctrl+J toggles it)
    if (await page.locator('.part.panel').isVisible()) {
      await page.keyboard.press('Control+J');
      await page.locator('.part.panel').waitFor({ state: 'hidden' });
    }
    await runCommand(page, '检查: 检查概况');
    const frame = await webviewFrame(page, '#dashboard canvas, #dashboard .error');
    const error = frame.locator('#dashboard .error');
    if (await error.count()) assert.fail(`the dashboard shows an error: ${await error.innerText()}`);
    await frame.locator('#by-region canvas').waitFor();
    await frame.locator('#by-indicator canvas').waitFor();
    // every word of the page, the tables folded away included
    shown('the dashboard', await frame.locator('#dashboard').evaluate((e) => (e as HTMLElement).textContent ?? ''));
    const inked = () =>
      frame.locator('canvas').evaluateAll((canvases) =>
        canvases.map((c) => {
          const canvas = c as HTMLCanvasElement;
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0 || canvas.height === 0) return { id: canvas.closest('section')?.id, inked: 0 };
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return { id: canvas.closest('section')?.id, inked: n };
        }),
      );
    const painted = await inked();
    assert.ok(painted.length >= 2, `too few charts: ${JSON.stringify(painted)}`);
    for (const c of painted) assert.ok(c.inked > 100, `chart ${c.id} is blank: ${JSON.stringify(painted)}`);
    figures.dashboardCharts = painted.map((c) => c.id).join(' ');
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /script-src 'nonce-[^']+'/);
    await snap('dashboard');

    // the page takes its colours from the theme: switch to the dark theme and back
    const background = () => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await runCommand(page, 'Toggle between Light/Dark Themes');
    await page.waitForFunction(() => document.body.classList.contains('vs-dark') || !!document.querySelector('.monaco-workbench.vs-dark'));
    await frame.waitForFunction((before) => getComputedStyle(document.body).backgroundColor !== before, light);
    const darkPainted = await inked();
    for (const c of darkPainted) assert.ok(c.inked > 100, `chart ${c.id} is blank after the theme change`);
    await snap('dashboard-dark');
    await runCommand(page, 'Toggle between Light/Dark Themes');
    await frame.waitForFunction((before) => getComputedStyle(document.body).backgroundColor === before, light);
    assert.deepEqual(cspViolations.slice(violationsBefore), [], 'Content-Security-Policy violations');
  });

  it('新建检查记录 creates a prefilled record from a registry row', async function () {
    const started = Date.now() - 1000;
    await runCommand(page, '检查: 新建检查记录');
    const entries = await quickPickRows(page, '搜索备案数据');
    // the placeholder and the extension's own items (the others are registry rows: names, ids, addresses)
    const placeholder = await page.locator('.quick-input-widget .quick-input-box input').getAttribute('placeholder');
    shown('the New Record quick pick', [placeholder, ...entries.filter((r) => /^(不在备案数据中|网站|政务新媒体)/.test(r.label)).map((r) => r.text)].join(' '));
    // an account the registry files but no record of the campaign covers yet (found with the core)
    const ws = await CampaignWorkspace.open(campaignCopy, { locale: 'zh-cn', withPrevious: false });
    const recorded = new Set(
      ws.recordFiles().map((f) => ws.checked(f)?.registry?.row).filter((r) => r !== undefined).map((r) => `${r.file}#${r.row}`),
    );
    const row = ws.registryRows('media').find((r) => !recorded.has(`${r.file}#${r.row}`) && r.values.name);
    assert.ok(row, 'the sample registry files no account without a record');
    const name = row.values.name;
    await page.keyboard.type(name);
    await quickRows(page).filter({ hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
    const created = newFiles(started, /\.ya?ml$/);
    assert.equal(created.length, 1, `expected one new record file, got ${created.join(', ')}`);
    assert.ok(readFileSync(path.join(campaignCopy, created[0]), 'utf8').includes(name), `the new record does not name ${name}`);
    await snap('new-record');
  });

  it('新建检查记录 of an account not in the registry: an unsaved record to tab through, no file with empty fields', async function () {
    const started = Date.now() - 1000;
    // the record the test before wrote can fall inside the one-second margin: only files new since now count
    const existing = new Set(newFiles(0, /\.ya?ml$/));
    await runCommand(page, '检查: 新建检查记录');
    await quickPickRows(page, '搜索备案数据');
    await quickPickAccept(page, undefined, '不在备案数据中的新媒体账号');
    // the platform is a choice among the fixed list (the editor's suggestions), the name a placeholder: nothing on disk yet
    await page.locator('.suggest-widget .monaco-list-row', { hasText: '新浪微博' }).first().waitFor({ timeout: 20_000 });
    // the first platform stays; Tab goes on to the name
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.type('某镇发布');
    // the editor draws what was typed a moment later: read it once the whole name is there (a read
    // straight after typing once saw 某镇发)
    await page.locator('.monaco-editor .view-line', { hasText: '某镇发布' }).first().waitFor({ timeout: 10_000 });
    const text = await page.locator('.monaco-editor .view-lines').first().innerText();
    assert.match(text.replace(/\u00a0/g, ' '), /kind: media\s+platform: 微信公众号\s+name: 某镇发布\s+# accountId:/);
    assert.deepEqual(newFiles(started, /\.ya?ml$/).filter((f) => !existing.has(f)), [], 'a file was written before the inspector saved');
    await snap('new-record-snippet');
    // not kept: the unsaved record is dropped
    await runCommand(page, 'File: Revert File');
    await runCommand(page, 'View: Close Editor');
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save|不保存/ });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
  });

  it('导出补报清单 writes the supplement list', async function () {
    const started = Date.now() - 1000;
    await clearNotifications(page);
    await runCommand(page, '检查: 导出补报清单');
    await notification(page, /补报清单已导出/);
    shown('the supplement notification', await notificationWords(page, /补报清单已导出/));
    const written = newFiles(started, /\.(xlsx|csv|docx|md)$/);
    assert.ok(written.length > 0, 'no supplement list file written');
    await snap('supplement');
  });

  it('复查上期 compares with the previous campaign', async function () {
    assert.ok(previousCopy, 'the sample campaign names a previous campaign to re-check against');
    await clearNotifications(page);
    await runCommand(page, '检查: 复查上期');
    // no other campaign in this workspace: the folder dialog (VS Code's simple dialog) opens directly
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    // the dialog fills in its starting folder once its list has loaded, which can overwrite what was
    // typed before: type only after the list shows, and type again until the path holds
    await quickRows(page).first().waitFor();
    const wanted = `${previousCopy}/`;
    for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== wanted; attempt++) {
      await input.fill(wanted);
      await page.waitForTimeout(700);
    }
    assert.equal(await input.inputValue(), wanted);
    await page.keyboard.press('Enter');
    const toast = await notification(page, /复查.*上期不合格 \d+ 个/);
    shown('the re-check notification', await notificationWords(page, /复查.*上期不合格 \d+ 个/));
    assert.match(toast, /已整改 \d+ 个，仍不合格 \d+ 个/);
    await snap('recheck');
  });

  it('检查: 探测网站 previews the facts the site shows; accepted, the record and its diagnostics change', async function () {
    // a county portal of the fixture web (test/fixtures/web), served on this machine
    fixtureWeb = await startFixtureWeb({ only: ['county'] });
    const rel = 'websites/e2e-probe.yaml';
    const file = path.join(campaignCopy, rel);
    writeFileSync(file, withOrigins(readFileSync(path.join(WEB_FIXTURES, 'campaign', 'websites', 'county.yaml'), 'utf8'), fixtureWeb));
    await quickOpen(page, 'e2e-probe.yaml', 'e2e-probe.yaml');
    // before: the columns have no date (W-W5), the homepage none either
    const rowsWith = async (code: string) => (await problems(page, 'e2e-probe.yaml')).filter((r) => r.includes(code));
    // W-V3 as a veto, not the 无法判定 (no homepage date recorded) warning
    const veto = async () => (await rowsWith('W-V3')).filter((r) => !r.includes('无法判定'));
    const deadline = Date.now() + 30_000;
    while ((await rowsWith('W-W5')).length === 0 && Date.now() < deadline) await page.waitForTimeout(500);
    assert.ok((await rowsWith('W-W5')).length > 0, 'no W-W5 before the probe');
    assert.equal((await veto()).length, 0);
    await clearNotifications(page);
    await page.locator('.monaco-editor .view-lines').first().click();
    await runCommand(page, '检查: 探测网站');
    // the refactor preview lists the proposed facts; the inspector applies them
    const apply = page.locator('.part.panel .monaco-button', { hasText: /^(应用|Apply)$/ }).first();
    await apply.waitFor({ state: 'visible', timeout: 60_000 });
    const preview = await page.locator('.part.panel').innerText();
    assert.match(preview, /homepage:⏎ lastUpdate: 2021-05-20⏎ evidence: \{ url: "http:\/\/127\.0\.0\.1:\d+\/index\.shtml"/, preview);
    assert.match(preview, /blank: true/, preview);
    // each change needs confirmation: nothing is ticked until the inspector accepts it (here, all
    // of the record's changes at once, with the file's box)
    const boxes = page.locator('.part.panel .monaco-list-row input[type="checkbox"]');
    assert.equal(await boxes.count(), 5, 'one box for the file, one per change');
    assert.deepEqual(await boxes.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked)), [false, false, false, false, false]);
    await snap('probe-preview');
    await boxes.first().click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.part.panel .monaco-list-row input[type="checkbox"]')).every((e) => (e as HTMLInputElement).checked));
    await apply.click();
    await notification(page, /已探测 websites\/e2e-probe\.yaml：提议事实 4 项（已接受）/);
    shown('the probe notification', await notificationWords(page, /已探测 websites\/e2e-probe\.yaml/));
    // the edit is in the editor (unsaved): save it, and the file holds the facts with their evidence
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+S');
    const saved = Date.now() + 10_000;
    while (!readFileSync(file, 'utf8').includes('lastUpdate: 2021-05-20') && Date.now() < saved) await page.waitForTimeout(200);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\nhomepage:\n {2}lastUpdate: 2021-05-20\n {2}evidence: \{ url: "http:\/\/127\.0\.0\.1:\d+\/index\.shtml", seen: \d{4}-\d{2}-\d{2}, snapshot: evidence\/probe\//, text);
    assert.match(text, /- name: 乡镇动态\n {4}category: 动态要闻\n {4}level: 1\n {4}lastUpdate: 2021-03-02\n/, text);
    // after: the homepage is 26 days old on the check date — the W-V3 veto — and W-W5 is gone
    const after = Date.now() + 30_000;
    while (((await veto()).length === 0 || (await rowsWith('W-W5')).length > 0) && Date.now() < after) await page.waitForTimeout(500);
    assert.ok((await veto()).length > 0, 'no W-V3 veto after the probe');
    assert.equal((await rowsWith('W-W5')).length, 0, 'W-W5 still shown');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await snap('probe-applied');
  });

  it('offers the Getting Started walkthrough in Chinese', async function () {
    await runCommand(page, 'Welcome: Open Walkthrough');
    await quickPickAccept(page, '检查记录入门', '检查记录入门');
    const walkthrough = page.locator('.gettingStartedContainer', { hasText: '打开检查活动文件夹' });
    await walkthrough.waitFor({ state: 'visible' });
    for (const step of ['新建检查记录', '查看问题', '查看检查概况', '生成通报']) {
      assert.ok((await walkthrough.innerText()).includes(step), `walkthrough lacks the step ${step}`);
    }
    // the step's page (client/walkthrough/open-campaign.md) renders in a webview beside the steps
    await webviewFrame(page, 'h1:has-text("检查活动文件夹")');
    await snap('walkthrough');
  });

  it('speaks the language inspectionRecords.locale names: English when set to en, Chinese again at zh-cn', async function () {
    // a workspace setting (the folder's .vscode/settings.json, which the workbench watches); the
    // campaign scan skips dot-folders
    const settingsDir = path.join(campaignCopy, '.vscode');
    mkdirSync(settingsDir, { recursive: true });
    const setLocale = (locale: string) => writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify({ 'inspectionRecords.locale': locale }, null, 2));
    const statusBar = (pattern: RegExp) => page.locator('.statusbar-item', { hasText: pattern }).first().waitFor({ timeout: 45_000 });
    setLocale('en');
    // the workbench stays Chinese (its display language); the extension's words follow the setting
    await statusBar(/Websites .*New media/);
    await runCommand(page, '检查: 检查概况');
    const frame = await webviewFrame(page, '#dashboard canvas');
    await frame.locator('.kpi .caption', { hasText: 'Pass rate' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('button.refresh').first().innerText(), 'Refresh');
    await snap('locale-en');
    setLocale('zh-cn');
    await statusBar(/网站 .*新媒体/);
    await frame.locator('.kpi .caption', { hasText: '合格率' }).first().waitFor({ timeout: 30_000 });
    await snap('locale-zh-cn');
  });

  it('shows no English word in the dashboard, notifications and quick picks it showed in Chinese', function () {
    assert.ok(shownInChinese.length >= 6, `too little was read: ${JSON.stringify(shownInChinese.map((s) => s.where))}`);
    const english = shownInChinese.map((s) => ({ where: s.where, words: englishWords(s.text) })).filter((s) => s.words.length > 0);
    assert.deepEqual(english, []);
  });

  it('leaves no error in the extension host log', function () {
    const { host, ours } = extensionLogs(f);
    const bad = host.split('\n').filter((l) => /\[error\]/.test(l) && /inspection-records/i.test(l));
    assert.deepEqual(bad, []);
    assert.doesNotMatch(ours, /\[error\]/, ours);
  });
});
