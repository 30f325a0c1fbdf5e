// Where the tool keeps what only saves time (result caches, the CLI's compiled code): a folder of
// the user's, never inside a campaign. A module of its own, light enough for the CLI's launcher.
import * as path from 'node:path';

/** Environment variable: a folder for the cache, or `off` to disable it. */
export const CACHE_ENV = 'INSPECTION_RECORDS_CACHE';

/**
 * The folder caches go into, from the environment: `INSPECTION_RECORDS_CACHE` (a folder, or `off`),
 * else `%LOCALAPPDATA%` on Windows, `$XDG_CACHE_HOME`, `~/.cache`. Undefined when switched off or
 * when the environment names no home at all (then there is nowhere the user would look for it).
 */
export function cacheFolder(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | undefined {
  const own = env[CACHE_ENV]?.trim();
  if (own && /^(off|0|false|no)$/i.test(own)) return undefined;
  if (own) return path.resolve(own);
  const under = (base: string | undefined, ...rest: string[]): string | undefined => (base && path.isAbsolute(base) ? path.join(base, ...rest) : undefined);
  if (platform === 'win32') return under(env.LOCALAPPDATA, 'inspection-records');
  return under(env.XDG_CACHE_HOME, 'inspection-records') ?? under(env.HOME, '.cache', 'inspection-records');
}
