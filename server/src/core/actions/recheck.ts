// The re-check: the previous campaign's failures compared with this campaign's records — the
// campaign's own `previous`, or another folder the user names (then the answer also says how to
// record that choice in campaign.yaml; the caller makes the edit, so it can be undone).
import * as path from 'node:path';
import { campaignFileIn, campaignRelative } from '../campaign/campaignFolder';
import { readLimit, readUserText } from '../io/readText';
import { sameFolder } from '../campaign/workspace';
import { bulletinModel } from './bulletin';
import { ActionError, t } from './actionError';
import { analyseCampaign, campaignFolderOrThrow, openCampaign, requireConfig, type Campaign } from './campaign';
import { recheckFigures, type RecheckFiguresSummary } from './summary';

export interface RecheckResult {
  recheck: RecheckFiguresSummary;
  /** When another folder than the campaign's `previous` was compared: campaign.yaml, its text and the value to set. */
  setPrevious?: { file: string; text: string; value: string };
}

/**
 * Compares the previous campaign (`previous`, absolute: the user's own choice; or the campaign's own
 * `previous`, which must lead inside the campaign or a folder the user allowed) with this one.
 */
export async function recheckPrevious(campaign: Campaign, previous?: string): Promise<RecheckResult> {
  const { locale } = campaign;
  const config = requireConfig(campaign);
  const configured = config.previous ? path.resolve(campaign.root, config.previous) : undefined;
  const previousRoot = previous ? path.resolve(previous) : configured;
  if (!previousRoot) throw new ActionError('campaign', t(locale, 'recheck.noPrevious'));
  await campaignFolderOrThrow(previousRoot, locale);
  if (await sameFolder(previousRoot, campaign.root)) throw new ActionError('path', t(locale, 'recheck.self', { folder: previousRoot }));
  // a folder the user chose is compared as it is; the campaign's own `previous` is checked by the analysis
  const chosen = previous !== undefined && previousRoot !== configured;
  const current = chosen ? await analyseCampaign(campaign, false) : await analyseCampaign(campaign);
  if (chosen || !current.previous) {
    current.previous = await analyseCampaign(await openCampaign(previousRoot, { locale, withPrevious: false, allowed: campaign.containment().allowed }));
  }
  const result: RecheckResult = { recheck: recheckFigures(current, bulletinModel(current))! };
  if (previousRoot !== configured) {
    const file = (await campaignFileIn(campaign.root))!;
    const read = await readUserText(file, locale, readLimit('campaign'));
    if (read.text !== undefined) result.setPrevious = { file, text: read.text, value: campaignRelative(campaign.root, previousRoot) };
  }
  return result;
}
