// The floor: the time to list, read and YAML-parse every file of the campaign and nothing else
// (one thread, parseYaml as every run must do it). Measured in a fresh child process, like the CLI,
// so that the CLI's wall time can be set against it.
import { readFileSync } from 'node:fs';
import { parseYaml } from '../server/src/core/yaml/yamlDocument';
import { yamlFiles } from './campaignCache';
import type { BenchResult } from './figures';
import { runMeasured } from './processRun';
import { msSince } from './stats';

export interface FloorPass {
  files: number;
  bytes: number;
  listMs: number;
  readMs: number;
  parseMs: number;
  totalMs: number;
}

/** Lists, reads and parses every YAML file below `dir`, timing each phase. */
export async function floorPass(dir: string): Promise<FloorPass> {
  const started = process.hrtime.bigint();
  const files = await yamlFiles(dir);
  const listMs = msSince(started);
  let readNs = 0n;
  let parseNs = 0n;
  let bytes = 0;
  for (const f of files) {
    const t0 = process.hrtime.bigint();
    const text = readFileSync(f, 'utf8');
    const t1 = process.hrtime.bigint();
    parseYaml(text);
    parseNs += process.hrtime.bigint() - t1;
    readNs += t1 - t0;
    bytes += Buffer.byteLength(text);
  }
  return { files: files.length, bytes, listMs, readMs: Number(readNs) / 1e6, parseMs: Number(parseNs) / 1e6, totalMs: msSince(started) };
}

export interface FloorFigures {
  result: BenchResult;
  /** Wall and CPU time of the child process (what CLI runs compare to), ms. */
  wallMs: number;
  cpuMs: number;
}

/** Runs the floor in a child process (`node <benchScript> --floor-child <dir>`). */
export async function benchFloor(benchScript: string, dir: string): Promise<FloorFigures> {
  const run = await runMeasured(process.execPath, [benchScript, '--floor-child', dir]);
  if (run.exitCode !== 0) throw new Error(`floor child failed (${run.exitCode}): ${run.stderr}`);
  const pass = JSON.parse(run.stdout.trim().split('\n').pop()!) as FloorPass;
  const mib = pass.bytes / 2 ** 20;
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    result: {
      name: 'floor',
      title: 'Floor: list, read and parse (parseYaml, fast path) every file, nothing else (one thread, fresh process)',
      figures: [
        { key: 'floor.files', label: 'YAML files', value: pass.files, unit: 'count', note: `${mib.toFixed(1)} MiB` },
        { key: 'floor.wall', label: 'wall time of the process', value: run.wallMs / 1000, unit: 's' },
        { key: 'floor.cpu', label: 'CPU time (user+sys)', value: run.cpuMs / 1000, unit: 's' },
        { key: 'floor.list', label: '  listing the folders', value: pass.listMs, unit: 'ms' },
        { key: 'floor.read', label: '  reading the files', value: pass.readMs, unit: 'ms' },
        { key: 'floor.parse', label: '  parsing (parseYaml)', value: pass.parseMs, unit: 'ms', note: `${(mib / (pass.parseMs / 1000)).toFixed(2)} MiB/s` },
        { key: 'floor.rss', label: 'peak RSS', value: run.peakRssMiB, unit: 'MiB' },
      ],
    },
  };
}
