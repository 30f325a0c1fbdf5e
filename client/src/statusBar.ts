// The campaign's headline figures in the status bar: pass rates of websites and new media as the
// bulletin prints them, and the count of records with errors (figures are provisional until 0).
// Clicking opens the dashboard.
import * as vscode from 'vscode';
import { errorSentence, localize, uiLocale } from './l10n';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CampaignSummaryRequest, type CampaignSummary, type KindFigures } from '../../shared/protocol';
import { campaignLabel, campaignOf } from './campaigns';

/** Delay that folds a burst of edits/notifications into one request. */
const REFRESH_DELAY_MS = 300;
/** Delays before asking again after a failed request (the server restarting, say): a passing failure must not stay on the bar. */
const RETRY_DELAYS_MS = [1000, 3000, 10000];

/** The status bar item of the campaign the user works on. */
export class CampaignStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('inspectionRecords.figures', vscode.StatusBarAlignment.Left, 50);
  private campaigns: vscode.Uri[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private visible = false;
  /** Failed requests in a row, for the retry delay. */
  private failures = 0;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item.name = localize('Inspection Figures');
    this.item.command = 'inspectionRecords.dashboard';
  }

  /** The text shown, or undefined while hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  /** Campaign folders of the workspace; the item hides when there is none. */
  setCampaigns(campaigns: vscode.Uri[]): void {
    this.campaigns = campaigns;
    this.refreshSoon();
  }

  /** Refreshes after a short delay, folding bursts of changes. */
  refreshSoon(delay = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** The campaign the figures are for: the active editor's, else the first one. */
  currentCampaign(): vscode.Uri | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && campaignOf(active, this.campaigns)) ?? this.campaigns[0];
  }

  /** Asks the server for the current campaign's figures and shows them. */
  async refresh(): Promise<void> {
    const campaign = this.currentCampaign();
    if (!campaign) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const generation = ++this.generation;
    if (!this.client.isRunning()) {
      this.item.text = `$(sync~spin) ${localize('Inspection')}`;
      this.item.tooltip = localize('The language server is starting…');
      this.showItem();
      return;
    }
    try {
      const summary = await this.client.sendRequest(CampaignSummaryRequest, { campaignUri: campaign.toString() });
      if (generation !== this.generation) return; // a newer refresh is under way
      this.failures = 0;
      this.show(summary, campaign);
    } catch (e) {
      if (generation !== this.generation) return;
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`campaign summary failed for ${campaign.toString()}: ${message}`);
      this.item.text = `$(warning) ${localize('Inspection')}`;
      this.item.tooltip = localize('Figures unavailable: {0}', errorSentence(e));
      this.item.backgroundColor = undefined;
      this.showItem();
      // asked again a few times: the figures come back by themselves once the server answers
      const retry = RETRY_DELAYS_MS[this.failures++];
      if (retry !== undefined) this.refreshSoon(retry);
    }
  }

  private show(s: CampaignSummary, campaign: vscode.Uri): void {
    const parts = [
      localize('Websites {0}', s.websites.rateText ?? '—'),
      localize('New media {0}', s.media.rateText ?? '—'),
    ];
    // provisional, as the bulletin would be: records with data errors left out, undecided ones counted as passing
    const provisional = s.provisional ? ` $(warning) ${localize('provisional')}` : '';
    this.item.text = `$(checklist) ${parts.join(' · ')}${provisional}`;
    this.item.accessibilityInformation = { label: `${s.title}: ${parts.join(', ')}${provisional ? `, ${localize('provisional')}` : ''}` };
    this.item.tooltip = tooltip(s, campaign);
    this.item.backgroundColor = s.provisional ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.showItem();
  }

  private showItem(): void {
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}

function kindRow(label: string, f: KindFigures): string {
  const population = f.population ?? '—';
  const ratio = f.samplingRatioText ?? '—';
  return `| ${label} | ${population} | ${f.checked} | ${ratio} | ${f.failed} | ${f.rateText ?? '—'} |`;
}

/** The tooltip: both kinds' figures as a table, then registry and re-check lines. */
function tooltip(s: CampaignSummary, campaign: vscode.Uri): vscode.MarkdownString {
  const t = localize;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(s.title)}** · ${escape(campaignLabel(campaign))}\n\n`);
  md.appendMarkdown(`| | ${t('Running')} | ${t('Checked')} | ${t('Sampled')} | ${t('Failed')} | ${t('Pass rate')} |\n|---|--:|--:|--:|--:|--:|\n`);
  md.appendMarkdown(`${kindRow(t('Websites'), s.websites)}\n${kindRow(t('New media'), s.media)}\n\n`);
  if (s.registry.configured) {
    md.appendMarkdown(`${t('Unregistered: {0} ({1} failing content checks)', s.registry.unregistered, s.registry.unregisteredFailing)}\n\n`);
  }
  if (s.recheck) {
    md.appendMarkdown(
      `${t('Re-check of {0}: {1} fixed, {2} still failing, {3} not re-checked', s.recheck.previousTitle, s.recheck.fixed, s.recheck.stillFailing, s.recheck.notRechecked)}\n\n`,
    );
  }
  if (s.provisional) md.appendMarkdown(`$(warning) ${escape(provisionalText(s.provisional))}\n\n`);
  md.appendMarkdown(t('Click to open the campaign dashboard.'));
  return md;
}

/** Why the figures are provisional, in a sentence (the status bar's tooltip and the dashboard's banner). */
export function provisionalText(p: NonNullable<CampaignSummary['provisional']>): string {
  const errors = localize('{0} file(s) have data errors; their {1} record(s) are left out.', p.errorFiles, p.leftOut);
  const undecided = localize('{0} record(s) cannot be decided for a missing fact and count as passing.', p.undetermined);
  // Chinese sentences follow each other without a space
  const why = [p.errorFiles > 0 ? errors : '', p.undetermined > 0 ? undecided : ''].filter(Boolean).join(uiLocale() === 'zh-cn' ? '' : ' ');
  return localize('Provisional figures. {0} The bulletin is refused until they are fixed (or written marked provisional).', why);
}

/** Escapes Markdown in names taken from the records. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
