// Whether a path stays where it must: the paths a campaign file names may lead only inside the
// campaign folder, so that no record or campaign.yaml can make the tool read or write elsewhere.
import * as path from 'node:path';

/** Whether a path written in a campaign file is relative and stays inside its folder (no `..`, no drive, not absolute, no NUL). */
export function isContainedRelative(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0')) return false;
  return !rel.split(/[\\/]+/).some((seg) => seg === '..');
}

/** Whether `file` is `folder` or lies below it. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
