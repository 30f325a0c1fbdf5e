// The VS Code extension is thin: it starts the bundled language server (which checks the records
// and computes every figure), wires the commands to the server's custom requests, and shows the
// figures in the status bar and the dashboard. Nothing here knows the indicator rules.
import * as vscode from 'vscode';
import { localize } from './l10n';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CampaignChangedNotification, type InitializationOptions } from '../../shared/protocol';
import { CAMPAIGN_FILE_GLOB } from '../../shared/campaignFiles';
import { registerCommands } from './commands';
import { registerProbeCommand } from './probeCommand';
import { findCampaigns } from './campaigns';
import { DashboardPanel } from './dashboard';
import { affectsSettings, readSettings, SECTION, serverLocale } from './settings';
import { CampaignStatusBar } from './statusBar';
import type { DashboardRender } from './webview/dashboardMessages';

/** Context key: the workspace holds at least one campaign folder (walkthrough, menus). */
const CAMPAIGN_OPEN = 'inspectionRecords.campaignOpen';

let client: LanguageClient | undefined;

/** What `activate` returns: read-only views for tests (and other extensions) of what the user sees. */
export interface InspectionRecordsApi {
  /** The status bar item's text, undefined while it is hidden. */
  statusBarText(): string | undefined;
  /** What the dashboard last drew: its charts and their inked pixels. */
  dashboardRender(): DashboardRender | undefined;
}

/** Starts the language server and registers the commands, status bar and dashboard. */
export async function activate(context: vscode.ExtensionContext): Promise<InspectionRecordsApi> {
  const started = Date.now();
  const log = vscode.window.createOutputChannel(localize('Inspection Records'), { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // unsaved records too (New Record opens one for an account not in the registry): checked against the schemas
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,xlsx,csv}'),
    },
    // a function, so that a restart (after a locale change) sends the current values
    initializationOptions: (): InitializationOptions => {
      const settings = readSettings();
      return { locale: serverLocale(settings), settings };
    },
    outputChannel: log,
    diagnosticCollectionName: 'inspection-records',
  };
  client = new LanguageClient(SECTION, localize('Inspection Records Language Server'), serverOptions, clientOptions);
  const lc = client;

  const statusBar = new CampaignStatusBar(lc, log);
  context.subscriptions.push(statusBar);
  registerCommands(context, { client: lc, log, statusBar });
  registerProbeCommand(context, { client: lc, log });

  const updateCampaigns = async (): Promise<void> => {
    const campaigns = await findCampaigns();
    await vscode.commands.executeCommand('setContext', CAMPAIGN_OPEN, campaigns.length > 0);
    statusBar.setCampaigns(campaigns);
  };
  const campaignWatcher = vscode.workspace.createFileSystemWatcher(CAMPAIGN_FILE_GLOB, false, true, false);
  context.subscriptions.push(
    campaignWatcher,
    campaignWatcher.onDidCreate(() => void updateCampaigns()),
    campaignWatcher.onDidDelete(() => void updateCampaigns()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void updateCampaigns()),
    vscode.window.onDidChangeActiveTextEditor(() => statusBar.refreshSoon()),
    // a (re)started server: the figures asked for while it was stopping failed, ask again
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) statusBar.refreshSoon();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // the locale is fixed for a server's lifetime (its messages are built in it): restart
      if (e.affectsConfiguration(`${SECTION}.locale`) && lc.isRunning()) {
        log.info('locale changed, restarting the language server');
        await lc.restart();
        // the page's words are the extension's: drawn again in the new language
        void DashboardPanel.current?.refresh();
      }
      if (affectsSettings(e)) statusBar.refreshSoon();
    }),
    lc.onNotification(CampaignChangedNotification, (p) => {
      statusBar.refreshSoon();
      DashboardPanel.current?.refreshIfShowing(p.campaignUri);
    }),
    { dispose: () => void lc.stop() },
  );

  await updateCampaigns();
  try {
    await lc.start();
    log.info(`activated in ${Date.now() - started} ms (language server ready)`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(localize('The inspection records language server did not start: {0}', message));
  }
  statusBar.refreshSoon();
  return { statusBarText: () => statusBar.text, dashboardRender: () => DashboardPanel.lastRender };
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
