// Where generated files may go: a folder named by a campaign file must stay inside the campaign
// folder, so that no record or campaign.yaml can make the tool write anywhere else. A folder the
// user gives on the command line (`--out`) is the user's choice and is not checked here.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Whether a path written in a campaign file is relative and stays inside its folder (no `..`, no drive, not absolute). */
export function isContainedRelative(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0')) return false;
  return !rel.split(/[\\/]+/).some((seg) => seg === '..');
}

/**
 * The campaign's output folder (created when missing), or undefined when `rel` leads outside the
 * campaign folder, written so or through a symbolic link.
 */
export async function containedOutputFolder(campaignRoot: string, rel: string): Promise<string | undefined> {
  if (!isContainedRelative(rel)) return undefined;
  const dir = path.resolve(campaignRoot, rel);
  await fs.mkdir(dir, { recursive: true });
  const [realRoot, realDir] = await Promise.all([fs.realpath(campaignRoot), fs.realpath(dir)]);
  const inside = path.relative(realRoot, realDir);
  return inside.startsWith('..') || path.isAbsolute(inside) ? undefined : dir;
}
