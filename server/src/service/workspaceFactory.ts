// Where the server gets its workspace views: the core's campaign workspace for each campaign folder
// (schema, rules, registry), and a schema-only view for files outside any campaign.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CAMPAIGN_FILE_NAMES, findCampaignRoot } from '../core/campaign/campaignFolder';
import { checkText } from '../core/campaign/checkFile';
import { cacheFolder } from '../core/campaign/resultCache';
import { CampaignWorkspace } from '../core/campaign/workspace';
import type { Locale } from '../core/model';
import type { InspectionSettings } from '../../../shared/protocol';
import { serviceText } from './serviceText';
import type { DocumentCheck, WorkspaceView } from './workspaceView';

export { CAMPAIGN_FILE_NAMES, findCampaignRoot };

/** How a campaign is opened: the locale of its messages and the user's overriding settings. */
export interface WorkspaceOptions {
  locale: Locale;
  settings?: Partial<InspectionSettings>;
}

/** Opens the campaign whose folder is `root`: the core's campaign workspace (schema, rules, registry). */
export async function openCampaignWorkspace(root: string, opts: WorkspaceOptions): Promise<WorkspaceView> {
  // the result cache makes reopening a large campaign fast; the registry is loaded even when every
  // record came from the cache, since completion and every later check need its rows
  const ws = await CampaignWorkspace.open(root, {
    locale: opts.locale,
    cache: cacheFolder(process.env),
    // the editor's settings override what campaign.yaml names (empty: the campaign's own)
    profile: opts.settings?.profile || undefined,
    registryMapping: opts.settings?.registryMapping || undefined,
  });
  await ws.loadRegistry();
  return ws;
}

/** Campaign folders at or below `folder` (a campaign's own sub-folders are its business, not searched). */
export async function findCampaignRootsBelow(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.isFile() && (CAMPAIGN_FILE_NAMES as readonly string[]).includes(e.name))) {
      out.push(dir);
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(path.join(dir, e.name));
    }
  };
  await walk(path.resolve(folder));
  return out.sort();
}

/** The view of files outside any campaign: syntax, kind, schema and dates only. */
export function schemaOnlyWorkspace(locale: Locale): WorkspaceView {
  return {
    root: '',
    recordFiles: () => [],
    checkDocument: (file, text) => toCheck(checkText(file, text, locale)),
    fileChanged: async () => ({ recheck: [] }),
    analyse: () => Promise.reject(new Error(serviceText(locale, 'workspace.noCampaign'))),
    registryRows: () => [],
    profile: () => undefined,
  };
}

function toCheck(c: ReturnType<typeof checkText>): DocumentCheck {
  return { parsed: c.parsed, kind: c.kind, diagnostics: c.diagnostics };
}
