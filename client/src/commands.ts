// The palette commands (category 检查 / Inspection). Each asks the language server through one custom
// request of server/src/protocol.ts and shows the outcome; the server does the work and writes the
// files. Commands that write files refuse in an untrusted (restricted) workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorSentence, localize } from './l10n';
import { ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import {
  BULLETIN_FORMATS,
  DEFAULT_BULLETIN_FORMATS,
  ExportSupplementRequest,
  GenerateBulletinRequest,
  NewRecordSkeletonRequest,
  RecheckPreviousRequest,
  RegistryEntriesRequest,
  type BulletinFormat,
  type DataGateRefusal,
  type ExportSupplementResult,
  type GenerateBulletinParams,
  type GenerateBulletinResult,
  type RecheckPreviousResult,
  type RegistryEntry,
  type WrittenFile,
} from '../../shared/protocol';
import { campaignLabel, chooseCampaign, findCampaigns } from './campaigns';
import { DashboardPanel } from './dashboard';
import { allowFolderForUser } from './settings';
import type { CampaignStatusBar } from './statusBar';

export interface CommandDeps {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  statusBar: CampaignStatusBar;
}

/** Command ids, as declared in package.json. */
export const COMMANDS = {
  generateBulletin: 'inspectionRecords.generateBulletin',
  newRecord: 'inspectionRecords.newRecord',
  exportSupplement: 'inspectionRecords.exportSupplement',
  dashboard: 'inspectionRecords.dashboard',
  recheckPrevious: 'inspectionRecords.recheckPrevious',
  probeWebsite: 'inspectionRecords.probeWebsite',
  restartServer: 'inspectionRecords.restartServer',
  showLog: 'inspectionRecords.showLog',
} as const;

const FORMATS_STATE_KEY = 'inspectionRecords.bulletinFormats';

/** Registers every command of the extension. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  // Menus pass the clicked file (explorer, editor title); scripts and tests may pass a campaign
  // folder and options that stand in for the prompts. Each command returns what it did.
  const register = (id: string, run: (resource: vscode.Uri | undefined, options: Record<string, unknown>) => Promise<unknown>): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (resource?: unknown, options?: unknown) => {
        try {
          return await run(
            resource instanceof vscode.Uri ? resource : undefined,
            options && typeof options === 'object' && !Array.isArray(options) ? (options as Record<string, unknown>) : {},
          );
        } catch (e) {
          reportFailure(deps.log, id, e);
          return undefined;
        }
      }),
    );
  };
  register(COMMANDS.generateBulletin, (r, o) => generateBulletin(context, deps, r, o));
  register(COMMANDS.newRecord, (r, o) => newRecord(deps, r, o));
  register(COMMANDS.exportSupplement, (r, o) => exportSupplement(deps, r, o));
  register(COMMANDS.dashboard, (r) => openDashboard(context, deps, r));
  register(COMMANDS.recheckPrevious, (r, o) => recheckPrevious(deps, r, o));
  register(COMMANDS.restartServer, async () => {
    await deps.client.restart();
    deps.statusBar.refreshSoon();
  });
  register(COMMANDS.showLog, async () => deps.log.show());
}

/** Shows a failed command's reason (the server's localised message, or a JS error wrapped in a sentence) and logs it. */
function reportFailure(log: vscode.LogOutputChannel, id: string, e: unknown): void {
  const message = errorSentence(e);
  log.error(`${id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  const showLog = localize('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then((a) => a === showLog && log.show());
}

/** False (after telling the user) when the workspace is not trusted: writing commands stop. */
function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    localize('This command writes files and is disabled in Restricted Mode. Trust the workspace to use it.'),
  );
  return false;
}

function pickCampaign(resource: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  return chooseCampaign(
    localize('Choose the campaign'),
    localize('No campaign folder (with a campaign.yaml) in this workspace.'),
    resource,
  );
}

/** The `force` option: true overwrites, false never does, absent asks. */
async function mayOverwrite(existing: string[], force: unknown): Promise<boolean> {
  if (existing.length === 0 || force === false) return false;
  return force === true || (await confirmOverwrite(existing));
}

function withProgress<T>(title: string, task: () => Thenable<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
}

/** A modal question about files that exist (listed under it); the button chosen, undefined when cancelled. */
async function askAboutExisting(existing: string[], question: string, ...buttons: string[]): Promise<string | undefined> {
  const names = existing.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u), false));
  return vscode.window.showWarningMessage(question, { modal: true, detail: names.join('\n') }, ...buttons);
}

/** Asks before overwriting; true when the user agreed. */
async function confirmOverwrite(existing: string[]): Promise<boolean> {
  const overwrite = localize('Overwrite');
  return (await askAboutExisting(existing, localize('{0} file(s) already exist. Overwrite them?', existing.length), overwrite)) === overwrite;
}

/** Opens what a person can read in the editor (Markdown); reveals the others in the Explorer. */
async function openResult(files: WrittenFile[]): Promise<void> {
  const md = files.find((f) => f.format === 'md');
  if (md) {
    await vscode.window.showTextDocument(vscode.Uri.parse(md.uri), { preview: false });
  } else if (files.length > 0) {
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(files[0].uri));
  }
}

function revealButtons(files: WrittenFile[], message: string, log: vscode.LogOutputChannel): void {
  const reveal = localize('Show in Explorer');
  void vscode.window.showInformationMessage(message, reveal).then(async (a) => {
    if (a !== reveal || files.length === 0) return;
    try {
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.parse(files[0].uri));
    } catch (e) {
      log.warn(`reveal failed: ${String(e)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 生成通报 / Generate Bulletin
// ---------------------------------------------------------------------------------------------

function formatLabel(f: BulletinFormat): { label: string; detail: string } {
  switch (f) {
    case 'md':
      return { label: localize('Markdown text (.md)'), detail: localize('The bulletin text, to read and edit in the editor') };
    case 'docx':
      return { label: localize('Word document (.docx)'), detail: localize('The bulletin in official-document layout, with its attachments') };
    case 'xlsx':
      return { label: localize('Excel attachments (.xlsx)'), detail: localize('The name lists of the attachments, one sheet each') };
    case 'pdf':
      return { label: localize('PDF (.pdf)'), detail: localize('The Word bulletin converted by LibreOffice, where it is installed') };
  }
}

async function pickFormats(context: vscode.ExtensionContext): Promise<BulletinFormat[] | undefined> {
  const last = context.workspaceState.get<BulletinFormat[]>(FORMATS_STATE_KEY, [...DEFAULT_BULLETIN_FORMATS]);
  const items = BULLETIN_FORMATS.map((format) => ({ ...formatLabel(format), format, picked: last.includes(format) }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: localize('Formats of the bulletin'),
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return undefined;
  const formats = picked.map((p) => p.format);
  await context.workspaceState.update(FORMATS_STATE_KEY, formats);
  return formats;
}

/** Replace, keep both, or cancel, when files of the bulletin exist; undefined when cancelled. */
async function askExisting(existing: string[]): Promise<'replace' | 'keepBoth' | undefined> {
  const replace = localize('Replace');
  const keepBoth = localize('Keep Both');
  const question = localize('{0} file(s) of this bulletin already exist. Replace them, or keep both (the new ones get a new name)?', existing.length);
  const answer = await askAboutExisting(existing, question, replace, keepBoth);
  return answer === replace ? 'replace' : answer === keepBoth ? 'keepBoth' : undefined;
}

/** The data gate's refusal (records with errors or undecided), or undefined for any other failure. */
function gateRefusal(e: unknown): DataGateRefusal['dataGate'] | undefined {
  return e instanceof ResponseError ? (e.data as DataGateRefusal | undefined)?.dataGate : undefined;
}

/** Asked after a refusal at the data gate: write a provisional bulletin, or look at the problems first. */
async function askProvisional(e: ResponseError<unknown>): Promise<boolean> {
  const provisional = localize('Write a Provisional Bulletin');
  const problems = localize('Show Problems');
  const answer = await vscode.window.showWarningMessage(e.message.split('\n')[0], { modal: true, detail: e.message.split('\n').slice(1).join('\n') }, provisional, problems);
  if (answer === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return answer === provisional;
}

async function generateBulletin(
  context: vscode.ExtensionContext,
  { client, log }: CommandDeps,
  resource: vscode.Uri | undefined,
  options: { formats?: unknown; force?: unknown; keepBoth?: unknown; allowIncomplete?: unknown },
): Promise<GenerateBulletinResult | undefined> {
  if (!requireTrust()) return undefined;
  const campaign = await pickCampaign(resource);
  if (!campaign) return undefined;
  const given = Array.isArray(options.formats) ? BULLETIN_FORMATS.filter((f) => (options.formats as unknown[]).includes(f)) : [];
  const formats = given.length > 0 ? given : await pickFormats(context);
  if (!formats) return undefined;
  const title = localize('Generating the bulletin of {0}…', campaignLabel(campaign));
  let params: GenerateBulletinParams = {
    campaignUri: campaign.toString(), formats, force: options.force === true, keepBoth: options.keepBoth === true, allowIncomplete: options.allowIncomplete === true,
  };
  const send = () => withProgress(title, () => client.sendRequest(GenerateBulletinRequest, params));
  let result: GenerateBulletinResult;
  try {
    result = await send();
  } catch (e) {
    // records with data errors or undecided: the figures would not hold; a provisional one only when asked
    if (!gateRefusal(e) || options.allowIncomplete === false || !(await askProvisional(e as ResponseError<unknown>))) throw e;
    params = { ...params, allowIncomplete: true };
    result = await send();
  }
  if (result.existing.length > 0) {
    // nothing was written: the inspector chooses (a caller's `force: false` keeps the files as they are)
    const choice = options.force === false ? undefined : await askExisting(result.existing);
    if (!choice) return result;
    params = choice === 'replace' ? { ...params, force: true } : { ...params, keepBoth: true };
    result = await send();
  }
  for (const w of result.warnings) log.warn(w);
  if (result.pdfProblem) {
    log.warn(result.pdfProblem);
    void vscode.window.showWarningMessage(result.pdfProblem);
  }
  if (result.written.length === 0) return result;
  log.info(`bulletin written: ${result.written.map((w) => w.uri).join(', ')}`);
  await openResult(result.written);
  const { websites, media } = result.overview;
  const summary = localize(
    'Bulletin generated: {0} file(s). Websites: {1} checked, {2} failed, pass rate {3}. New media: {4} checked, {5} failed, pass rate {6}.',
    result.written.length,
    websites.checked,
    websites.failed,
    websites.rateText ?? '—',
    media.checked,
    media.failed,
    media.rateText ?? '—',
  );
  if (result.provisional) {
    log.warn(result.provisional);
    void vscode.window.showWarningMessage(`${result.provisional} ${summary}`);
  } else revealButtons(result.written, summary, log);
  if (result.warnings.length > 0) {
    const showLog = localize('Show Log');
    void vscode.window
      .showWarningMessage(localize('The bulletin has {0} consistency warning(s): {1}', result.warnings.length, result.warnings[0]), showLog)
      .then((a) => a === showLog && log.show());
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// 新建检查记录 / New Record
// ---------------------------------------------------------------------------------------------

interface EntryItem extends vscode.QuickPickItem {
  entry?: RegistryEntry;
  blank?: 'website' | 'media';
}

function entryItem(e: RegistryEntry): EntryItem {
  const id = e.kind === 'media' ? e.accountId : e.siteCode;
  const where = `${e.source.file}${e.source.sheet ? `:${e.source.sheet}` : ''}#${e.source.row}`;
  const detail = [e.sponsor, e.region, id, e.kind === 'website' ? e.url : undefined, where].filter((x) => x).join(' · ');
  return {
    label: `${e.recordUri ? '$(pass-filled)' : e.kind === 'media' ? '$(comment-discussion)' : '$(globe)'} ${e.name}`,
    description: [e.kind === 'media' ? e.platform : localize('Website'), e.status, e.recordUri ? localize('recorded') : undefined]
      .filter((x) => x)
      .join(' · '),
    detail,
    entry: e,
  };
}

async function newRecord(
  { client, log }: CommandDeps,
  resource: vscode.Uri | undefined,
  options: { entryId?: unknown; kind?: unknown },
): Promise<vscode.Uri | undefined> {
  if (!requireTrust()) return undefined;
  const campaign = await pickCampaign(resource);
  if (!campaign) return undefined;
  const campaignUri = campaign.toString();
  const picked = typeof options.entryId === 'string' || options.kind === 'website' || options.kind === 'media'
    ? await entryById(client, campaignUri, options.entryId, options.kind)
    : await pickEntry(client, log, campaignUri);
  if (!picked) return undefined;
  if (picked.entry?.recordUri) {
    // one record per site/account: open the existing one rather than make a duplicate
    const existing = vscode.Uri.parse(picked.entry.recordUri);
    await vscode.window.showTextDocument(existing);
    void vscode.window.showInformationMessage(localize('{0} already has a record; it is open now.', picked.entry.name));
    return existing;
  }
  const kind = picked.entry?.kind ?? picked.blank ?? 'media';
  const skeleton = await client.sendRequest(NewRecordSkeletonRequest, { campaignUri, kind, entryId: picked.entry?.id });
  const target = await freeUri(vscode.Uri.joinPath(campaign, ...skeleton.relativePath.split('/')));
  if (skeleton.snippet !== undefined) {
    // not in the registry: nothing is known of it yet. An unsaved document at the record's place, its
    // required fields placeholders to tab through; the file exists once the inspector saves it
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    const draft = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(draft, { preview: false });
    await editor.insertSnippet(new vscode.SnippetString(skeleton.snippet), new vscode.Position(0, 0));
    log.info(`new record (unsaved): ${target.toString()}`);
    return target;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(skeleton.text));
  log.info(`new record: ${target.toString()}`);
  const editor = await vscode.window.showTextDocument(target, { preview: false });
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return target;
}

/** The registry row a caller named (or a blank record of `kind`). */
async function entryById(client: LanguageClient, campaignUri: string, entryId: unknown, kind: unknown): Promise<EntryItem | undefined> {
  if (typeof entryId !== 'string') return { label: '', blank: kind === 'website' ? 'website' : 'media' };
  const { entries } = await client.sendRequest(RegistryEntriesRequest, { campaignUri });
  const entry = entries.find((e) => e.id === entryId);
  if (!entry) throw new Error(localize('No registry row {0}.', entryId));
  return { label: entry.name, entry };
}

/** The registry row (or blank record) the user picks, searching by name, platform, id and unit. */
async function pickEntry(client: LanguageClient, log: vscode.LogOutputChannel, campaignUri: string): Promise<EntryItem | undefined> {
  const { entries, problems } = await withProgress(localize('Reading the registry…'), () =>
    client.sendRequest(RegistryEntriesRequest, { campaignUri }),
  );
  for (const p of problems) log.warn(p);
  if (problems.length > 0) void vscode.window.showWarningMessage(problems.join('\n'));
  const items: EntryItem[] = [
    { label: `$(add) ${localize('New media account not in the registry (found in the wild)')}`, blank: 'media', alwaysShow: true },
    { label: `$(add) ${localize('Website not in the registry')}`, blank: 'website', alwaysShow: true },
  ];
  const media = entries.filter((e) => e.kind === 'media');
  const websites = entries.filter((e) => e.kind === 'website');
  if (websites.length > 0) items.push({ label: localize('Websites'), kind: vscode.QuickPickItemKind.Separator }, ...websites.map(entryItem));
  if (media.length > 0) items.push({ label: localize('New media'), kind: vscode.QuickPickItemKind.Separator }, ...media.map(entryItem));
  return vscode.window.showQuickPick(items, {
    placeHolder: localize('Search the registry by name, platform, account id, site code or unit'),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
}

/** `name.yaml`, else `name (2).yaml`, `name (3).yaml` …: never overwrite a record. */
async function freeUri(uri: vscode.Uri): Promise<vscode.Uri> {
  const m = /^(.*?)(\.[^./]*)?$/.exec(uri.path)!;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? uri : uri.with({ path: `${m[1]} (${i})${m[2] ?? ''}` });
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 导出补报清单 / Export Supplement List
// ---------------------------------------------------------------------------------------------

async function exportSupplement(
  { client, log }: CommandDeps,
  resource: vscode.Uri | undefined,
  options: { force?: unknown },
): Promise<ExportSupplementResult | undefined> {
  if (!requireTrust()) return undefined;
  const campaign = await pickCampaign(resource);
  if (!campaign) return undefined;
  const title = localize('Exporting the supplement list…');
  const params = { campaignUri: campaign.toString(), force: options.force === true };
  let result = await withProgress(title, () => client.sendRequest(ExportSupplementRequest, params));
  if (!params.force && (await mayOverwrite(result.existing, options.force))) {
    result = await withProgress(title, () => client.sendRequest(ExportSupplementRequest, { ...params, force: true }));
  }
  if (result.written.length === 0) return result;
  log.info(`supplement list written: ${result.written.map((w) => w.uri).join(', ')}`);
  revealButtons(result.written, localize('Supplement list exported: {0} unregistered site(s)/account(s) in {1} file(s).', result.count, result.written.length), log);
  return result;
}

// ---------------------------------------------------------------------------------------------
// 检查概况 / Campaign Dashboard
// ---------------------------------------------------------------------------------------------

async function openDashboard(context: vscode.ExtensionContext, { client, log }: CommandDeps, resource: vscode.Uri | undefined): Promise<void> {
  const campaign = await pickCampaign(resource);
  if (!campaign) return;
  DashboardPanel.show(context.extensionUri, client, log, campaign);
}

// ---------------------------------------------------------------------------------------------
// 复查上期 / Re-check Previous Campaign
// ---------------------------------------------------------------------------------------------

async function pickPrevious(campaign: vscode.Uri): Promise<vscode.Uri | undefined> {
  const others = (await findCampaigns()).filter((c) => c.toString() !== campaign.toString());
  const browse = { label: `$(folder-opened) ${localize('Choose a folder…')}`, uri: undefined as vscode.Uri | undefined };
  const items = [...others.map((uri) => ({ label: `$(history) ${campaignLabel(uri)}`, uri })), browse];
  const picked =
    others.length === 0
      ? browse
      : await vscode.window.showQuickPick(items, { placeHolder: localize('The previous campaign folder'), ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const folders = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.Uri.joinPath(campaign, '..'),
    openLabel: localize('Use as previous campaign'),
  });
  return folders?.[0];
}

/**
 * The folder the user chose as previous campaign, now named in campaign.yaml: when it lies outside
 * the campaign, it goes into the user's own `allowedFolders` (a campaign's files cannot allow it),
 * so that the bulletin may read it too.
 */
async function allowPrevious(campaign: vscode.Uri, previous: vscode.Uri): Promise<void> {
  const inside = (a: string, b: string): boolean => a === b || a.startsWith(b.endsWith(path.sep) ? b : b + path.sep);
  if (previous.scheme !== 'file' || inside(previous.fsPath, campaign.fsPath)) return;
  if (!(await allowFolderForUser(previous.fsPath, inside))) return;
  void vscode.window.showInformationMessage(localize('The previous campaign folder {0} is now allowed in your user settings (inspectionRecords.allowedFolders), so that the bulletin can read it.', previous.fsPath));
}

async function recheckPrevious(
  { client, log, statusBar }: CommandDeps,
  resource: vscode.Uri | undefined,
  options: { previous?: unknown },
): Promise<RecheckPreviousResult | undefined> {
  const campaign = await pickCampaign(resource);
  if (!campaign) return undefined;
  const previous = options.previous instanceof vscode.Uri ? options.previous : await pickPrevious(campaign);
  if (!previous) return undefined;
  const result = await withProgress(localize('Comparing with the previous campaign…'), () =>
    client.sendRequest(RecheckPreviousRequest, { campaignUri: campaign.toString(), previousUri: previous.toString() }),
  );
  if (result.edit) {
    // keep the choice in campaign.yaml (an undoable edit); only a trusted workspace is written to
    if (vscode.workspace.isTrusted) {
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
      if (await vscode.workspace.applyEdit(edit)) {
        for (const [uri] of edit.entries()) await vscode.workspace.save(uri);
        await allowPrevious(campaign, previous);
      } else {
        log.warn('the edit of campaign.yaml setting `previous` was not applied');
      }
    } else {
      void vscode.window.showWarningMessage(localize('Restricted Mode: the previous campaign is compared but not saved in campaign.yaml.'));
    }
  }
  const r = result.recheck;
  statusBar.refreshSoon();
  DashboardPanel.current?.refreshIfShowing(campaign.toString());
  const dashboard = localize('Open Dashboard');
  void vscode.window
    .showInformationMessage(
      localize(
        'Re-check of {0}: {1} failed last time; {2} fixed, {3} still failing, {4} not re-checked.',
        r.previousTitle,
        r.previouslyFailed,
        r.fixed,
        r.stillFailing,
        r.notRechecked,
      ),
      dashboard,
    )
    .then((answer) => answer === dashboard && vscode.commands.executeCommand(COMMANDS.dashboard, campaign));
  return result;
}
