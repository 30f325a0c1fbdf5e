// What makes a folder a campaign, as both sides of the protocol see it: a folder holding one of
// these files is a campaign, and every command names a campaign by that folder.

/** Names of the campaign file, preferred first. */
export const CAMPAIGN_FILE_NAMES = ['campaign.yaml', 'campaign.yml'] as const;

/** A glob that finds campaign files in a workspace. */
export const CAMPAIGN_FILE_GLOB = '**/campaign.{yaml,yml}';

/** Whether a file name (the last segment of a path, either separator) is a campaign file's. */
export function isCampaignFileName(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return (CAMPAIGN_FILE_NAMES as readonly string[]).includes(base);
}
