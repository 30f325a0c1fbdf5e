// The monitoring window and its logs, kept under the campaign's evidence/monitor/ folder:
//   window.json        when the window started and the method (from the profile) it runs by
//   <site>.jsonl       one line per probe: its slot (the window is cut into equal slots, one probe
//                      each), when it ran, and what happened
//   monitor.lock       the running monitor (process, host, heartbeat)
// A line is appended with O_APPEND and flushed before it counts, so a monitor killed at any moment
// loses nothing it finished; a line torn by the kill is ignored when read, and its slot is probed
// again. A slot counts once however many lines name it, so even two monitors writing at the same
// time (a lock taken over wrongly) cannot count a probe twice.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputExistsError, writeFileAtomic } from '../io/atomicWrite';
import type { AvailabilityMethod } from './availability';
import { chinaTimestamp } from './clock';
import { EVIDENCE_FOLDER } from './evidenceStore';
import type { FetchFailureReason } from './fetcher';

export const MONITOR_FOLDER = path.join(EVIDENCE_FOLDER, 'monitor');

export interface MonitorWindow {
  /** Start of slot 0 (ms since the epoch) and the same as China's local time. */
  start: number;
  startText: string;
  days: number;
  probesPerDay: number;
  intervalMs: number;
  timeoutSeconds: number;
  /** The profile and rule the method was read from. */
  profile: string;
  ruleId: string;
}

/** Slots in the window (days × probes per day). */
export function slotCount(w: MonitorWindow): number {
  return w.days * w.probesPerDay;
}

/** The slot an instant falls in (may be negative or past the end). */
export function slotAt(w: MonitorWindow, ms: number): number {
  return Math.floor((ms - w.start) / w.intervalMs);
}

/** The window of a campaign: the one already started, else a new one starting at `now`. */
export async function openWindow(root: string, method: AvailabilityMethod, profile: string, now: number): Promise<{ window: MonitorWindow; created: boolean }> {
  const file = path.join(root, MONITOR_FOLDER, 'window.json');
  const existing = await readWindow(root);
  if (existing) return { window: existing, created: false };
  const window: MonitorWindow = {
    start: now,
    startText: chinaTimestamp(now),
    days: method.days,
    probesPerDay: method.probesPerDay,
    intervalMs: method.intervalMs,
    timeoutSeconds: method.timeoutSeconds,
    profile,
    ruleId: method.ruleId,
  };
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFileAtomic(file, `${JSON.stringify(window, null, 2)}\n`);
    return { window, created: true };
  } catch (e) {
    // another monitor created it first: use theirs
    if (e instanceof OutputExistsError) return { window: (await readWindow(root))!, created: false };
    throw e;
  }
}

/** The campaign's window, if monitoring has started. */
export async function readWindow(root: string): Promise<MonitorWindow | undefined> {
  const text = await fs.readFile(path.join(root, MONITOR_FOLDER, 'window.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const w = JSON.parse(text) as MonitorWindow;
  return w;
}

/** One probe of a site's homepage. */
export interface ProbeEntry {
  slot: number;
  /** China local time of the probe. */
  at: string;
  ok: boolean;
  /** Milliseconds until the page had arrived (or the probe gave up). */
  ms: number;
  status?: number;
  /** Why it failed: a status of 400 or above, no answer in time, a refused connection … */
  reason?: FetchFailureReason | 'status' | 'slow' | 'redirects';
  code?: string;
  /** Not a probe: robots.txt forbids the homepage. */
  skipped?: 'robots';
}

/** Appends one entry (one line, O_APPEND) to a site's log and flushes it to disk. */
export async function appendEntry(logFile: string, entry: ProbeEntry): Promise<void> {
  await fs.mkdir(path.dirname(logFile), { recursive: true });
  const handle = await fs.open(logFile, 'a+');
  try {
    // a line torn by a kill has no line end: start on a line of our own, or this entry is lost too
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const lead = size > 0 && last[0] !== 0x0a ? '\n' : '';
    await handle.write(`${lead}${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface SiteLog {
  /** One entry per slot (the first line naming it), in slot order. */
  entries: ProbeEntry[];
  /** 1-based numbers of lines that could not be read (a line torn by a kill). */
  badLines: number[];
}

/** Reads a site's log (empty when it does not exist yet). */
export async function readLog(logFile: string): Promise<SiteLog> {
  const text = await fs.readFile(logFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '';
    throw e;
  });
  const bySlot = new Map<number, ProbeEntry>();
  const badLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let entry: ProbeEntry | undefined;
    try {
      const v = JSON.parse(line) as ProbeEntry;
      if (Number.isInteger(v.slot) && typeof v.ok === 'boolean' && typeof v.at === 'string') entry = v;
    } catch {
      // below
    }
    if (!entry) badLines.push(i + 1);
    else if (!bySlot.has(entry.slot)) bySlot.set(entry.slot, entry);
  });
  return { entries: [...bySlot.values()].sort((a, b) => a.slot - b.slot), badLines };
}

/** Probes and failures of a log within a window (skipped slots and slots outside it are not probes). */
export function tally(log: SiteLog, window: MonitorWindow): { probes: number; failures: number } {
  const inside = log.entries.filter((e) => e.slot >= 0 && e.slot < slotCount(window) && !e.skipped);
  return { probes: inside.length, failures: inside.filter((e) => !e.ok).length };
}

// ---------------------------------------------------------------------------------------------
// The lock: one monitor per campaign
// ---------------------------------------------------------------------------------------------

export interface LockInfo {
  pid: number;
  host: string;
  token: string;
  started: string;
  /** Last sign of life (ms since the epoch, by the monitor's clock). */
  heartbeat: number;
}

export type LockResult = { held: LockHandle } | { heldBy: LockInfo };

/** A lock held by this monitor. */
export interface LockHandle {
  info: LockInfo;
  beat(now: number): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the campaign's monitor lock. A lock left by a monitor that is gone is taken over: its
 * process no longer runs on this machine, or (another machine's) its heartbeat is older than `staleMs`.
 */
export async function acquireLock(root: string, now: number, staleMs: number): Promise<LockResult> {
  const file = path.join(root, MONITOR_FOLDER, 'monitor.lock');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const info: LockInfo = { pid: process.pid, host: os.hostname(), token: randomUUID(), started: chinaTimestamp(now), heartbeat: now };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFileAtomic(file, `${JSON.stringify(info)}\n`);
      return { held: handle(file, info) };
    } catch (e) {
      if (!(e instanceof OutputExistsError)) throw e;
    }
    const other = await fs.readFile(file, 'utf8').then((t) => JSON.parse(t) as LockInfo).catch(() => undefined);
    if (other && !isStale(other, now, staleMs)) return { heldBy: other };
    // stale (or unreadable, i.e. torn by a kill): remove it, if it is still the same lock
    const again = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (again === undefined || !other || JSON.parse(again).token === other.token) await fs.rm(file, { force: true });
  }
  const other = await fs.readFile(file, 'utf8').then((t) => JSON.parse(t) as LockInfo).catch(() => undefined);
  return { heldBy: other ?? info };
}

function isStale(lock: LockInfo, now: number, staleMs: number): boolean {
  if (lock.host === os.hostname() && !processRuns(lock.pid)) return true;
  return now - lock.heartbeat > staleMs;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function handle(file: string, info: LockInfo): LockHandle {
  return {
    info,
    beat: async (now) => {
      info.heartbeat = now;
      await writeFileAtomic(file, `${JSON.stringify(info)}\n`, { overwrite: true });
    },
    release: async () => {
      const current = await fs.readFile(file, 'utf8').then((t) => JSON.parse(t) as LockInfo).catch(() => undefined);
      if (current?.token === info.token) await fs.rm(file, { force: true });
    },
  };
}
