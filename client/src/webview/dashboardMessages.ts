// Messages between the dashboard page (webview) and the extension. Types only: both sides import it.
import type { CampaignSummary } from '../../../shared/protocol';

/** Texts of the page, localised by the extension. */
export interface DashboardLabels {
  websites: string;
  media: string;
  checked: string;
  failed: string;
  undetermined: string;
  passRate: string;
  population: string;
  samplingRatio: string;
  unregistered: string;
  unregisteredFailing: string;
  nearMiss: string;
  byRegion: string;
  byPlatform: string;
  byIndicator: string;
  records: string;
  recheck: string;
  fixed: string;
  stillFailing: string;
  notRechecked: string;
  noRecheck: string;
  runRecheck: string;
  noData: string;
  refresh: string;
  dataTable: string;
  checkWindow: string;
}

/** Extension → page. */
export type ToDashboard =
  | { type: 'summary'; summary: CampaignSummary; labels: DashboardLabels; provisional?: string }
  | { type: 'error'; message: string; labels: DashboardLabels };

/** What the page drew: each chart's section id and how many pixels it inked (0 = blank). */
export interface DashboardRender {
  campaignTitle: string;
  charts: { id: string; inked: number }[];
}

/** Page → extension. */
export type FromDashboard =
  | { type: 'ready' }
  | ({ type: 'rendered' } & DashboardRender)
  | { type: 'refresh' }
  | { type: 'open'; uri: string }
  | { type: 'recheck' };
