// Runs the built CLI (or any Node script) in a child process under the bounds every hostile input
// must respect: killed when it runs longer than the time limit, or (where /proc shows it) when its
// peak resident memory passes the memory limit; its peak RSS measured by the process itself on exit
// (a preloaded hook writing process.resourceUsage()), so the figure holds on any platform.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The bounds of the issue: 30 s and 1 GiB for each hostile input. */
export const HOSTILE_LIMITS = { ms: 30_000, rssBytes: 1024 * 1024 * 1024 };

export interface BoundedResult {
  /** Exit code; null when killed. */
  status: number | null;
  /** Why it was killed by us: over time or over memory. */
  killed?: 'time' | 'memory';
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set size in bytes (from the process itself, else the last /proc reading). */
  peakRss: number;
}

/** A preload that records the process's peak RSS (kB on every platform Node supports) at exit. */
const PRELOAD = `
const fs = require('node:fs');
process.on('exit', () => {
  try { fs.writeFileSync(process.env.IR_TEST_PEAK_FILE, String(process.resourceUsage().maxRSS * 1024)); } catch {}
});
`;

/** Peak RSS (VmHWM) of a running process from /proc, in bytes; undefined where there is no /proc. */
function procPeak(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `node script args…` in `cwd` with `env` added, within `limits`. */
export async function boundedRun(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; limits?: { ms: number; rssBytes: number }; input?: string },
): Promise<BoundedResult> {
  const limits = options.limits ?? HOSTILE_LIMITS;
  const work = mkdtempSync(path.join(tmpdir(), 'ir-bounded-'));
  const preload = path.join(work, 'peak.cjs');
  const peakFile = path.join(work, 'peak');
  writeFileSync(preload, PRELOAD);
  const started = performance.now();
  try {
    return await new Promise<BoundedResult>((resolve, reject) => {
      const child = spawn(process.execPath, ['--require', preload, script, ...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env, IR_TEST_PEAK_FILE: peakFile },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let killed: BoundedResult['killed'];
      let lastPeak = 0;
      child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout.length < 16 * 1024 * 1024 ? (stdout += s) : undefined));
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr.length < 16 * 1024 * 1024 ? (stderr += s) : undefined));
      child.stdin.end(options.input ?? '');
      const timer = setTimeout(() => {
        killed = 'time';
        child.kill('SIGKILL');
      }, limits.ms);
      const watch = setInterval(() => {
        const peak = child.pid === undefined ? undefined : procPeak(child.pid);
        if (peak === undefined) return;
        lastPeak = Math.max(lastPeak, peak);
        if (peak > limits.rssBytes) {
          killed = 'memory';
          child.kill('SIGKILL');
        }
      }, 50);
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        clearInterval(watch);
        const measured = existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) : 0;
        resolve({ status, ...(killed ? { killed } : {}), stdout, stderr, ms: performance.now() - started, peakRss: Math.max(measured, lastPeak) });
      });
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
