// What the end-to-end suite works on: the sample campaign (samples/hainan-2021q2, with its previous
// campaign beside it), or the folder `E2E_CAMPAIGN` names. The
// record whose veto the suite looks for is found in the data (not named here), so the suite follows
// the sample as it changes: the first record, by path, whose homepage (website) or last post (new
// media) is clearly older than the national 14-day window before its check date.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { daysBetween, parseIsoDate } from '../../server/src/core/dates';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import type { NodePath } from '../../server/src/core/model';
import { REPO_ROOT } from './codeServer';

/** Days without an update that make a veto under any plausible profile (national: 14). */
const CLEARLY_STALE_DAYS = 15;

export interface StaleRecord {
  /** Path relative to the campaign folder, `/` separators. */
  file: string;
  ruleId: 'W-V3' | 'M-V2';
  /** The stale date as written in the record (evidence the hover must show). */
  date: string;
  /** 1-based line and column of that date in the file. */
  line: number;
  column: number;
}

export interface Scenario {
  /** The campaign folder to copy and open. */
  campaign: string;
  /** Its previous campaign (copied beside it), if there is one. */
  previous?: string;
  stale: StaleRecord;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !/^(out|registry|profiles)\//.test(rel) && rel !== 'campaign.yaml')
    .sort();
}

/** The first record with a clearly stale homepage or last post. */
export function findStaleRecord(campaign: string): StaleRecord {
  for (const rel of yamlFiles(campaign)) {
    const parsed = parseYaml(readFileSync(path.join(campaign, rel), 'utf8'));
    const v = parsed.value as Record<string, unknown> | null;
    if (!v || typeof v !== 'object') continue;
    const checkDate = parseIsoDate(v.checkDate);
    if (!checkDate) continue;
    const candidates: [NodePath, StaleRecord['ruleId'], unknown][] = [
      [['homepage', 'lastUpdate'], 'W-V3', v.kind === 'website' ? (v.homepage as Record<string, unknown> | undefined)?.lastUpdate : undefined],
      [['lastPost'], 'M-V2', v.kind === 'media' ? v.lastPost : undefined],
    ];
    for (const [nodePath, ruleId, value] of candidates) {
      const date = parseIsoDate(value);
      if (!date || daysBetween(date, checkDate) < CLEARLY_STALE_DAYS) continue;
      const start = parsed.rangeOf(nodePath).start;
      return { file: rel, ruleId, date: String(value), line: start.line + 1, column: start.character + 1 };
    }
  }
  throw new Error(`no record with a stale homepage or last post in ${campaign}`);
}

/** The sample campaign; `E2E_CAMPAIGN` (a folder) overrides it. */
export function chooseScenario(): Scenario {
  const candidates = [
    process.env.E2E_CAMPAIGN,
    path.join(REPO_ROOT, 'samples', 'hainan-2021q2'),
  ].filter((c): c is string => !!c);
  const campaign = candidates.find((c) => existsSync(path.join(c, 'campaign.yaml')));
  if (!campaign) throw new Error(`no campaign folder among ${candidates.join(', ')}`);
  const config = parseYaml(readFileSync(path.join(campaign, 'campaign.yaml'), 'utf8')).value as { previous?: unknown };
  const previous = typeof config?.previous === 'string' ? path.resolve(campaign, config.previous) : undefined;
  return {
    campaign,
    previous: previous && existsSync(path.join(previous, 'campaign.yaml')) ? previous : undefined,
    stale: findStaleRecord(campaign),
  };
}
