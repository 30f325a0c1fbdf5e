// 检查概况 / Campaign Dashboard: a webview with the campaign's charts. The page is static HTML with a
// strict Content-Security-Policy (no remote resource, scripts only with this page's nonce); the
// bundled script (dist/webview.js, Chart.js inside) draws whatever summary the extension posts.
// Every label is localised here and posted with the data, so the page has no text of its own.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorSentence, localize, uiLocale } from './l10n';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CampaignSummaryRequest } from '../../shared/protocol';
import { campaignLabel } from './campaigns';
import { provisionalText } from './statusBar';
import type { DashboardLabels, DashboardRender, FromDashboard, ToDashboard } from './webview/dashboardMessages';

/** The single dashboard panel (one per window; it follows the campaign last asked for). */
export class DashboardPanel {
  static current: DashboardPanel | undefined;
  /** What the page last drew (kept after the panel closes; read by tests through the extension's API). */
  static lastRender: DashboardRender | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    private campaign: vscode.Uri,
  ) {
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromDashboard) => void this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) void this.refresh();
      }),
    );
  }

  /** Opens the dashboard of `campaign`, or brings the open one to it. */
  static show(extensionUri: vscode.Uri, client: LanguageClient, log: vscode.LogOutputChannel, campaign: vscode.Uri): DashboardPanel {
    const existing = DashboardPanel.current;
    if (existing) {
      existing.campaign = campaign;
      existing.panel.title = title(campaign);
      existing.panel.reveal();
      void existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('inspectionRecords.dashboard', title(campaign), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'client', 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'client', 'media', 'dashboard.svg');
    DashboardPanel.current = new DashboardPanel(panel, extensionUri, client, log, campaign);
    return DashboardPanel.current;
  }

  /** Re-reads the figures when `campaignUri` is the campaign shown and the panel is visible. */
  refreshIfShowing(campaignUri: string): void {
    // compared as paths: the server may spell the same URI with other escapes
    if (this.panel.visible && vscode.Uri.parse(campaignUri).fsPath === this.campaign.fsPath) void this.refresh();
  }

  /** Asks the server for the figures and posts them to the page. */
  async refresh(): Promise<void> {
    if (!this.ready) return; // the page asks once its script runs
    const campaign = this.campaign;
    try {
      const summary = await this.client.sendRequest(CampaignSummaryRequest, { campaignUri: campaign.toString() });
      if (campaign !== this.campaign) return;
      await this.post({ type: 'summary', summary, labels: labels(), provisional: summary.provisional ? provisionalText(summary.provisional) : undefined });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`dashboard: campaign summary failed: ${message}`);
      await this.post({ type: 'error', message: localize('Figures unavailable: {0}', errorSentence(e)), labels: labels() });
    }
  }

  private post(message: ToDashboard): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async onMessage(m: FromDashboard): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'refresh':
        await this.refresh();
        return;
      case 'rendered':
        DashboardPanel.lastRender = { campaignTitle: m.campaignTitle, charts: m.charts };
        return;
      case 'open': {
        // only files of this campaign are opened (the page is not trusted to name others)
        const uri = vscode.Uri.parse(m.uri);
        if (uri.scheme === 'file' && path.resolve(uri.fsPath).startsWith(this.campaign.fsPath + path.sep)) await vscode.window.showTextDocument(uri);
        return;
      }
      case 'recheck':
        await vscode.commands.executeCommand('inspectionRecords.recheckPrevious');
        return;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'client', 'media', 'dashboard.css'));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const lang = uiLocale() === 'zh-cn' ? 'zh-CN' : 'en';
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(title(this.campaign))}</title>
</head>
<body>
<main id="dashboard" aria-live="polite"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private dispose(): void {
    DashboardPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function title(campaign: vscode.Uri): string {
  return localize('Campaign Dashboard: {0}', campaignLabel(campaign));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every text the page shows, in the editor's language. */
function labels(): DashboardLabels {
  const t = localize;
  return {
    websites: t('Websites'),
    media: t('New media'),
    checked: t('Checked'),
    failed: t('Failed'),
    undetermined: t('Undetermined'),
    passRate: t('Pass rate'),
    population: t('Running'),
    samplingRatio: t('Sampled'),
    unregistered: t('Unregistered'),
    unregisteredFailing: t('of which failing content checks'),
    nearMiss: t('Probably filed, to be verified'),
    byRegion: t('Pass rate by region'),
    byPlatform: t('Pass rate by platform (new media)'),
    byIndicator: t('Failures by indicator'),
    records: t('Records'),
    recheck: t('Re-check of the previous campaign'),
    fixed: t('Fixed'),
    stillFailing: t('Still failing'),
    notRechecked: t('Not re-checked'),
    noRecheck: t('No previous campaign is set.'),
    runRecheck: t('Re-check Previous Campaign…'),
    noData: t('No data'),
    refresh: t('Refresh'),
    dataTable: t('Show as table'),
    checkWindow: t('Check window'),
  };
}
