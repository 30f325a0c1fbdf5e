// Time for probing and monitoring, injected so that tests run a simulated week in milliseconds: the
// system clock sleeps for real, a test clock jumps. Evidence is dated as a calendar day in China
// (UTC+8 all year, no daylight saving), so no time-zone database is involved.
import { formatIsoDate, fromDayNumber } from '../dates';
import type { IsoDate } from '../model';

/** What probing and monitoring read the time from and wait with. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` (or at once when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** The calendar date in China at instant `ms`. */
export function chinaDate(ms: number): IsoDate {
  return formatIsoDate(fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS)));
}

/** The instant as China's local time with its offset, e.g. `2021-06-15T10:00:00+08:00`. */
export function chinaTimestamp(ms: number): string {
  const local = new Date(ms + CHINA_OFFSET_MS).toISOString(); // shifted, so its "Z" fields are China's
  return `${local.slice(0, 19)}+08:00`;
}

/** `20210615-100000`: a China-local instant usable in a file name. */
export function chinaStamp(ms: number): string {
  return chinaTimestamp(ms).slice(0, 19).replace(/-/g, '').replace('T', '-').replace(/:/g, '');
}
