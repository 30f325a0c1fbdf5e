// The records of an open campaign with their checks, as the operations list them.
import { campaignRelative } from '../campaign/campaignFolder';
import type { StoredCheck } from '../campaign/workspace';
import type { InspectionRecord } from '../model';
import type { Campaign } from './campaign';

/** A record of the campaign with its check (record, verdict, registry outcome, diagnostics). */
export interface CampaignRecord {
  /** Absolute path. */
  path: string;
  /** Campaign-relative path with `/`. */
  file: string;
  record: InspectionRecord;
  check: StoredCheck;
}

/** Every website and media record of the campaign, in path order. */
export function campaignRecords(campaign: Campaign): CampaignRecord[] {
  const out: CampaignRecord[] = [];
  for (const file of campaign.recordFiles()) {
    const check = campaign.checked(file);
    if (!check?.record || (check.kind !== 'website' && check.kind !== 'media')) continue;
    out.push({ path: file, file: campaignRelative(campaign.root, file), record: check.record, check });
  }
  return out;
}
