// Runs a command as a child process and measures its wall time and peak resident memory: through
// /usr/bin/time when the machine has it, else through a preloaded hook that reports the Node
// process's own maxRSS at exit.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { msSince } from './stats';

export interface ProcessRun {
  exitCode: number | null;
  wallMs: number;
  /** Peak resident set size in MiB (NaN when it could not be measured). */
  peakRssMiB: number;
  /** User + system CPU time in ms (NaN when unknown): less sensitive than wall time to other load. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';

/** Runs `node <args>` (or another command) and measures it. */
export async function runMeasured(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ProcessRun> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-run-'));
  const timeFile = path.join(tmp, 'time.txt');
  let cmd = command;
  let argv = args;
  let env = options.env ?? process.env;
  const useTime = existsSync(TIME);
  if (useTime) {
    cmd = TIME;
    argv = ['-f', '%U %S %M', '-o', timeFile, command, ...args];
  } else if (path.basename(command).startsWith('node')) {
    const hook = path.join(tmp, 'rss-hook.js');
    writeFileSync(hook, `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(timeFile)}, [u.userCPUTime / 1e6, u.systemCPUTime / 1e6, u.maxRSS].join(' ')); });\n`);
    env = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${hook}`.trim() };
  }
  try {
    const started = process.hrtime.bigint();
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(cmd, argv, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
      child.on('error', reject);
      child.on('close', (code) => {
        if (timer) clearTimeout(timer);
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    const wallMs = msSince(started);
    let peakKiB = NaN;
    let cpuMs = NaN;
    if (existsSync(timeFile)) {
      // "user-seconds system-seconds maxRSS-KiB" from /usr/bin/time -f '%U %S %M' or the hook
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const m = /([\d.]+)\s+([\d.]+)\s+(\d+)\s*$/.exec(last);
      if (m) {
        cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
        peakKiB = Number(m[3]);
      }
    }
    return { exitCode: result.code, wallMs, peakRssMiB: peakKiB / 1024, cpuMs, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
