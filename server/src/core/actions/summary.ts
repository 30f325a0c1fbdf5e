// The figures of a campaign for the status bar and the dashboard: the same model the bulletin counts
// (rates rounded as it prints them), split by region, platform and failed indicator, with the
// registry counts and the re-check of the previous campaign. Behind the same data gate as the
// bulletin: with data errors or undecided records the figures are those of a provisional bulletin,
// and say so.
import type { BulletinModel, KindFigures as ModelKindFigures, RecheckFigures } from '../bulletin/bulletinModel';
import { periodText } from '../bulletin/wording';
import type { CampaignFiguresBase, Figures, KindFigures, RecheckCounts, RecheckItemBase, RegistryFigures } from '../../../../shared/figures';
import type { AnalysedCampaign, Locale } from '../model';
import type { RegistryCounts } from '../registry/counts';
import type { ResolvedProfile } from '../rules/profileTypes';
import { bulletinModel } from './bulletin';
import { analyseCampaign, type Campaign } from './campaign';
import { dataGate, gateIsClear, withoutDataErrors } from './dataGate';
import * as path from 'node:path';

export type { Figures, KindFigures, RegistryFigures };

/** One previous failure as it stands now, with the current record (absolute path) when there is one. */
export interface RecheckItem extends RecheckItemBase {
  file?: string;
}

/** The re-check of the previous campaign (its folder absolute). */
export interface RecheckFiguresSummary extends RecheckCounts {
  previousRoot: string;
  items: RecheckItem[];
}

/** The campaign's figures (its folder absolute) and its re-check. */
export interface CampaignFigures extends CampaignFiguresBase {
  root: string;
  recheck: RecheckFiguresSummary | null;
}

/** The campaign's figures, as the bulletin would count them now. */
export async function campaignFigures(campaign: Campaign): Promise<CampaignFigures> {
  const analysed = await analyseCampaign(campaign);
  const gate = dataGate(campaign, analysed);
  const c = withoutDataErrors(analysed, gate);
  const m = bulletinModel(c);
  const { locale } = campaign;
  const websiteRegions = breakdownRows(m.websites, 'region');
  const mediaRegions = breakdownRows(m.media, 'region');
  return {
    root: campaign.root,
    title: periodText(m.settings, m.campaign),
    issuer: c.config.issuer,
    checkWindow: c.config.checkWindow,
    websites: kindFigures(m.websites),
    media: kindFigures(m.media),
    byRegion: [...new Set([...websiteRegions.keys(), ...mediaRegions.keys()])].map((region) => ({
      region,
      websites: websiteRegions.get(region) ?? EMPTY,
      media: mediaRegions.get(region) ?? EMPTY,
    })),
    byPlatform: [...breakdownRows(m.media, 'platform')].map(([platform, media]) => ({ platform, media })),
    failuresByIndicator: failuresByIndicator(c, campaign.profile(), locale),
    registry: registryFigures(campaign.counts(), Boolean(c.config.registries?.media || c.config.registries?.websites)),
    recheck: recheckFigures(c, m),
    provisional: gateIsClear(gate) ? null : { errorFiles: gate.errorFiles.length, leftOut: gate.leftOut.length, undetermined: gate.undetermined.length },
  };
}

/** The registry counts of both kinds together. */
export function registryFigures(counts: RegistryCounts, configured: boolean): RegistryFigures {
  return {
    unregistered: counts.websites.unregistered + counts.media.unregistered,
    unregisteredFailing: (counts.websites.unregisteredFailing ?? 0) + (counts.media.unregisteredFailing ?? 0),
    nearMiss: counts.websites.nearMiss + counts.media.nearMiss,
    closedButActive: counts.websites.closedActive + counts.media.closedActive,
    configured,
  };
}

function figures(checked: number, failed: number, undetermined: number, rateText: string | null): Figures {
  return { checked, failed, undetermined, rate: checked > 0 ? (checked - failed) / checked : null, rateText };
}

/** One kind's figures against its population. */
export function kindFigures(f: ModelKindFigures): KindFigures {
  return {
    ...figures(f.checked, f.failed, f.undetermined, f.passRate ? `${f.passRate.text}%` : null),
    population: f.population,
    samplingRatio: f.population ? f.checked / f.population : null,
    samplingRatioText: f.samplingRatio ? `${f.samplingRatio.text}%` : null,
  };
}

const EMPTY: Figures = { checked: 0, failed: 0, undetermined: 0, rate: null, rateText: null };

/** Rows of one breakdown of a kind, by key. */
function breakdownRows(f: ModelKindFigures, by: 'region' | 'platform'): Map<string, Figures> {
  const rows = new Map<string, Figures>();
  for (const r of f.breakdowns.find((b) => b.by === by)?.rows ?? []) rows.set(r.key, figures(r.checked, r.failed, 0, r.passRate ? `${r.passRate.text}%` : null));
  return rows;
}

function failuresByIndicator(c: AnalysedCampaign, profile: ResolvedProfile | undefined, locale: Locale): CampaignFigures['failuresByIndicator'] {
  const failures = new Map<string, CampaignFigures['failuresByIndicator'][number]>();
  for (const r of c.records) {
    if (r.result.verdict !== 'fail') continue;
    for (const ruleId of new Set(r.result.hits.filter((h) => h.kind === 'veto').map((h) => h.ruleId))) {
      const key = `${r.record.kind}:${ruleId}`;
      const name = profile?.rules.find((x) => x.id === ruleId)?.name;
      const entry = failures.get(key) ?? { ruleId, title: name?.[locale] ?? name?.['zh-cn'] ?? ruleId, kind: r.record.kind, records: 0 };
      entry.records++;
      failures.set(key, entry);
    }
  }
  return [...failures.values()].sort((a, b) => b.records - a.records || a.ruleId.localeCompare(b.ruleId));
}

/** The previous campaign's failures as they stand now; null without a previous campaign. */
export function recheckFigures(c: AnalysedCampaign, m: BulletinModel): RecheckFiguresSummary | null {
  if (!m.recheck || !c.previous) return null;
  const items: RecheckItem[] = [];
  const push = (f: RecheckFigures): void => {
    for (const e of f.stillFailing) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'still-failing', file: path.join(c.root, e.file) });
    for (const e of f.fixed) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'fixed', file: path.join(c.root, e.file) });
    for (const e of f.notRechecked) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'not-rechecked' });
  };
  push(m.recheck.websites);
  push(m.recheck.media);
  const both = [m.recheck.websites, m.recheck.media];
  const sum = (pick: (f: RecheckFigures) => unknown[]): number => both.reduce((s, f) => s + pick(f).length, 0);
  return {
    previousRoot: c.previous.root,
    previousTitle: periodText(m.settings, { ...c.previous.config.period }),
    previouslyFailed: sum((f) => f.previousFailed),
    fixed: sum((f) => f.fixed),
    stillFailing: sum((f) => f.stillFailing),
    notRechecked: sum((f) => f.notRechecked),
    items,
  };
}
