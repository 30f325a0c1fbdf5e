// `check` and `bulletin` as a user runs them: `node dist/cli.js …` in a fresh process, cold (no tool
// state left in the campaign) and warm (the same run again after one record was edited), with wall
// time and peak RSS, set against the read+parse floor.
import { existsSync, mkdtempSync, promises as fs, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GENERATED_ENTRIES, removeToolState, yamlFiles } from './campaignCache';
import type { BenchResult, Figure } from './figures';
import { runMeasured, type ProcessRun } from './processRun';

export type CliCommand = 'check' | 'bulletin';

/** Why the command cannot be benchmarked (no bundle, unknown subcommand), or undefined. */
export async function cliUnavailable(cliJs: string, command: CliCommand): Promise<string | undefined> {
  if (!existsSync(cliJs)) return `${path.basename(cliJs)} is not built`;
  const help = await runMeasured(process.execPath, [cliJs, command, '--help']);
  return help.exitCode === 0 ? undefined : `the CLI has no '${command}' subcommand yet (${(help.stderr || help.stdout).trim().split('\n')[0]})`;
}

/** Changes one record the way an inspector would (a media account's last post a day earlier) and returns how to undo it. */
async function editOneRecord(dir: string): Promise<{ file: string; restore: () => Promise<void> }> {
  const files = (await yamlFiles(path.join(dir, 'media'))).filter((f) => /lastPost: \d{4}-\d{2}-\d{2}/.test(readFileSync(f, 'utf8')));
  const file = files[Math.floor(files.length / 2)];
  const original = await fs.readFile(file, 'utf8');
  const edited = original.replace(/lastPost: (\d{4})-(\d{2})-(\d{2})/, (_m, y: string, mo: string, d: string) => `lastPost: ${y}-${mo}-${d === '01' ? '02' : String(Number(d) - 1).padStart(2, '0')}`);
  await fs.writeFile(file, edited);
  return { file, restore: () => fs.writeFile(file, original) };
}

function args(command: CliCommand, dir: string, out: string): string[] {
  // the generated campaigns hold a few records a fact short (as campaigns in progress do): the
  // bulletin is written provisional rather than refused, so the whole run is measured
  return command === 'check' ? ['check', dir] : ['bulletin', dir, '--out', out, '--force', '--allow-incomplete'];
}

function failed(run: ProcessRun, command: CliCommand): string | undefined {
  // check exits 1 when records have errors: still a complete run
  if (run.exitCode === 0 || (command === 'check' && run.exitCode === 1)) return undefined;
  const text = (run.stderr || run.stdout).trim();
  const reason = /heap out of memory|Reached heap limit|allocation failure/i.test(text) ? 'JavaScript heap out of memory' : text.split('\n').slice(0, 3).join(' | ');
  return `exit ${run.exitCode} after ${(run.wallMs / 1000).toFixed(0)} s: ${reason}`;
}

/** Cold and warm runs of one CLI command on a campaign, set against the floor's process (wall and CPU ms). */
export async function benchCli(cliJs: string, command: CliCommand, dir: string, floor: { wallMs: number; cpuMs: number } | undefined, nodeOptions: string[] = []): Promise<BenchResult> {
  const title = `\`${command}\` CLI (node dist/cli.js ${command}, fresh process)`;
  const unavailable = await cliUnavailable(cliJs, command);
  if (unavailable) return { name: command, title, skipped: unavailable };
  const out = mkdtempSync(path.join(os.tmpdir(), `bench-${command}-out-`));
  // cold = an empty result cache (the run fills it); warm = the same cache after one record was edited
  const cache = mkdtempSync(path.join(os.tmpdir(), `bench-${command}-cache-`));
  const env = { ...process.env, INSPECTION_RECORDS_CACHE: cache };
  const notes: string[] = nodeOptions.length ? [`node options: ${nodeOptions.join(' ')}`] : [];
  try {
    const removed = await removeToolState(dir);
    if (removed.length) notes.push(`removed tool state before the cold run: ${removed.join(', ')}`);
    const cold = await runMeasured(process.execPath, [...nodeOptions, cliJs, ...args(command, dir, out)], { env });
    const figures: Figure[] = [
      { key: `${command}.cold`, label: 'cold: wall time', value: cold.wallMs / 1000, unit: 's' },
      { key: `${command}.cold.cpu`, label: 'cold: CPU time (user+sys)', value: cold.cpuMs / 1000, unit: 's' },
      { key: `${command}.cold.rss`, label: 'cold: peak RSS', value: cold.peakRssMiB, unit: 'MiB' },
    ];
    const coldFailure = failed(cold, command);
    if (coldFailure) {
      // the figures of a failed run still say how far it got and how much memory it took
      figures[0].note = 'FAILED';
      notes.push(`cold run FAILED, ${coldFailure}`);
      return { name: command, title, figures, notes };
    }
    const left = (await fs.readdir(dir)).filter((n) => !GENERATED_ENTRIES.has(n));
    if (left.length) notes.push(`state the cold run left in the campaign: ${left.join(', ')}`);
    const edit = await editOneRecord(dir);
    let warm: ProcessRun;
    try {
      warm = await runMeasured(process.execPath, [...nodeOptions, cliJs, ...args(command, dir, out)], { env });
    } finally {
      await edit.restore();
    }
    figures.push(
      { key: `${command}.warm`, label: 'warm (1 record edited): wall time', value: warm.wallMs / 1000, unit: 's' },
      { key: `${command}.warm.cpu`, label: 'warm: CPU time (user+sys)', value: warm.cpuMs / 1000, unit: 's' },
      { key: `${command}.warm.rss`, label: 'warm: peak RSS', value: warm.peakRssMiB, unit: 'MiB' },
    );
    const warmFailure = failed(warm, command);
    if (warmFailure) {
      figures[3].note = 'FAILED';
      notes.push(`warm run FAILED, ${warmFailure}`);
    }
    notes.push(`warm = the same command again after editing ${path.relative(dir, edit.file).split(path.sep).join('/')}`);
    // and once more with nothing changed: the index alone (the edited record was just written, so it is read)
    const still = await runMeasured(process.execPath, [...nodeOptions, cliJs, ...args(command, dir, out)], { env });
    figures.push(
      { key: `${command}.unchanged`, label: 'warm, nothing changed: wall time', value: still.wallMs / 1000, unit: 's' },
      { key: `${command}.unchanged.rss`, label: 'warm, nothing changed: peak RSS', value: still.peakRssMiB, unit: 'MiB' },
    );
    const lastLine = (r: ProcessRun) => r.stdout.trim().split('\n').pop() ?? '';
    notes.push(`cold run said: ${lastLine(cold).slice(0, 160)}`);
    if (floor) {
      figures.push(
        { key: `${command}.cold.floorRatio`, label: 'cold ÷ read+parse floor (wall)', value: cold.wallMs / floor.wallMs, unit: 'ratio' },
        { key: `${command}.cold.floorRatioCpu`, label: 'cold ÷ read+parse floor (CPU)', value: cold.cpuMs / floor.cpuMs, unit: 'ratio' },
        { key: `${command}.warm.floorRatio`, label: 'warm ÷ read+parse floor (wall)', value: warm.wallMs / floor.wallMs, unit: 'ratio' },
      );
    }
    return { name: command, title, figures, notes };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}
