// Calendar dates in China have no time zone: the engine must give identical results whatever TZ
// the process runs in. The probe runs in a child node under three time zones (and here, under the
// runner's); the rules code must not touch Date at all.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './rules-support';
import { probe } from './rules-timezone-probe';

const run = promisify(execFile);
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('rules: time zones', () => {
  it('gives identical results under UTC, Asia/Shanghai and America/Los_Angeles', async function () {
    this.timeout(30000);
    // one child node started in Los Angeles time, switching to the other zones in turn
    const script = path.join(__dirname, 'rules-timezone-probe.ts');
    const { stdout } = await run(process.execPath, ['-r', 'tsx/cjs', script, ...ZONES.slice().reverse()], {
      cwd: REPO,
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const runs = JSON.parse(stdout) as { zone: string; offset: number; output: string }[];
    assert.deepEqual(
      runs.map((r) => [r.zone, r.offset]),
      [
        ['America/Los_Angeles', 420],
        ['Asia/Shanghai', -480],
        ['UTC', 0],
      ],
    );
    const here = probe();
    for (const r of runs) assert.equal(r.output, here, r.zone);
    // and the probe is not trivial: it has hits and more than one verdict
    const parsed = JSON.parse(here) as { verdict: string; hits: unknown[] }[];
    assert.ok(parsed.some((r) => r.hits.length > 0));
    assert.ok(new Set(parsed.map((r) => r.verdict)).size > 1);
  });

  it('the rules code never uses Date', () => {
    for (const file of sourceFiles(path.join(REPO, 'server/src/core/rules'))) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /\bDate\s*[.(]|new\s+Date\b|Date\.now|getTimezoneOffset/, path.relative(REPO, file));
    }
  });
});
