// The fixture web's campaign (test/fixtures/web/campaign) copied to a temporary folder with each
// `http://<site>.fixture.invalid` replaced by the address the fixture server listens on, and a
// simulated clock: the time moves only when something sleeps, so a test reads the fixture on the
// day its manifest says, and a simulated week passes in milliseconds.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Clock } from '../../server/src/core/probe/clock';
import { WEB_FIXTURES, type FixtureWeb } from './fixtureWeb';

/** A clock standing still until slept on. */
export class SimulatedClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  async sleep(ms: number): Promise<void> {
    if (ms > 0) this.ms += ms;
    await Promise.resolve();
  }
}

/** The manifest of the fixture web (what its pages show, written by hand). */
export interface WebManifest {
  readOn: string;
  records: Record<string, Record<string, unknown>>;
  monitor: { start: string; expected: Record<string, { days: number; probes: number; failures: number }> };
}

export function webManifest(): WebManifest {
  return parse(readFileSync(path.join(WEB_FIXTURES, 'manifest.yaml'), 'utf8')) as WebManifest;
}

/** Copies the fixture campaign for `web`; returns its folder (remove it with `rmSync`). */
export function fixtureCampaign(web: FixtureWeb, keep?: (relativeRecord: string) => boolean): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ir-web-campaign-'));
  cpSync(path.join(WEB_FIXTURES, 'campaign'), dir, { recursive: true });
  for (const sub of ['websites', 'media']) {
    for (const f of readdirSync(path.join(dir, sub))) {
      const file = path.join(dir, sub, f);
      if (keep && !keep(`${sub}/${f}`)) {
        rmSync(file);
        continue;
      }
      writeFileSync(file, withOrigins(readFileSync(file, 'utf8'), web));
    }
  }
  return dir;
}

/** A text with the fixture sites' placeholder addresses replaced by the live ones. */
export function withOrigins(text: string, web: FixtureWeb): string {
  return text.replace(/https?:\/\/([a-z]+)\.fixture\.invalid/g, (whole, site: string) => web.origins[site] ?? whole);
}
