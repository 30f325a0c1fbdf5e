// Opening a campaign: the one way every operation gets hold of a campaign folder, whether the CLI
// opens it for one run or the language server keeps it open. A folder that is missing or holds no
// campaign file is refused here, in the user's words, before anything is read.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { campaignFileIn, findCampaignRoot, findCampaignRootsBelow } from '../campaign/campaignFolder';
import { cacheFolder } from '../campaign/resultCache';
import { CampaignConfigError, CampaignWorkspace, type LoadProgress, type WorkspaceOptions } from '../campaign/workspace';
import { readError } from '../io/readText';
import type { AnalysedCampaign, CampaignConfig, Locale } from '../model';
import { ActionError, campaignInvalid, t } from './actionError';

/** A campaign folder loaded for checking and aggregation (every record checked once). */
export type Campaign = CampaignWorkspace;
export type OpenCampaignOptions = WorkspaceOptions;
export type { LoadProgress };

export { cacheFolder, findCampaignRoot, findCampaignRootsBelow };

/** Opens a campaign folder; refuses a folder that does not exist or holds no campaign file. */
export async function openCampaign(folder: string, options: OpenCampaignOptions): Promise<Campaign> {
  const root = path.resolve(folder);
  await campaignFolderOrThrow(root, options.locale);
  return CampaignWorkspace.open(root, options);
}

/** The campaign as far as one document's own checks need it (campaign.yaml and profile; no scan, no registry). */
export async function previewCampaign(folder: string, options: OpenCampaignOptions): Promise<Campaign> {
  return CampaignWorkspace.preview(folder, options);
}

/** The campaign analysed (and its previous campaign); a campaign file that cannot be used is an ActionError. */
export async function analyseCampaign(campaign: Campaign, withPrevious = true): Promise<AnalysedCampaign> {
  try {
    return await campaign.analyse(withPrevious);
  } catch (e) {
    if (e instanceof CampaignConfigError) throw campaignInvalid(e, campaign.locale);
    throw e;
  }
}

/** The campaign's configuration; an ActionError listing campaign.yaml's problems when it has none. */
export function requireConfig(campaign: Campaign): CampaignConfig {
  const config = campaign.config();
  if (!config) throw campaignInvalid(campaign.configError(), campaign.locale);
  return config;
}

/** Throws the `path` ActionError unless `root` is a readable folder holding a campaign file. */
export async function campaignFolderOrThrow(root: string, locale: Locale): Promise<void> {
  try {
    if (!(await fs.stat(root)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw new ActionError('path', t(locale, 'path.unreadable', { folder: root, reason: readError(e as NodeJS.ErrnoException, locale).message }));
  }
  if (!(await campaignFileIn(root))) throw new ActionError('path', t(locale, 'path.notCampaign', { folder: root }));
}
