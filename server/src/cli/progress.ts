// Progress on the terminal for runs that take a while: one line on stderr, redrawn in place, shown
// only once the run has taken more than a second, and only when stderr is a terminal (the I/O gives a
// `progress` writer then) and the output is not JSON. The line is wiped when the run is done, so that
// what stays on the screen is the command's own output.
import type { LoadProgress } from '../core/actions/campaign';
import { t, type CliContext } from './args';

/** How long a run goes before its progress is shown (ms), and how often the line is redrawn at most. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export interface ProgressLine {
  /** A load's progress (files read, records checked). */
  load(p: LoadProgress): void;
  /** A step without figures (writing the bulletin). */
  step(key: 'progress.write'): void;
  /** Wipes the line (call before printing the results). */
  done(): void;
}

/** The progress line of a command, or one that does nothing when no terminal watches. */
export function progressLine(ctx: CliContext, now: () => number = () => performance.now()): ProgressLine {
  const write = ctx.progress;
  if (!write || ctx.format === 'json') return { load: () => undefined, step: () => undefined, done: () => undefined };
  const started = now();
  let drawn = 0;
  let lastDraw = -Infinity;
  const draw = (text: string, force = false): void => {
    const at = now();
    if (at - started < SHOW_AFTER_MS || (!force && at - lastDraw < REDRAW_EVERY_MS)) return;
    lastDraw = at;
    const width = columns(text);
    // spaces rather than an erase sequence: every console shows them
    write(`\r${text}${' '.repeat(Math.max(0, drawn - width))}`);
    drawn = width;
  };
  return {
    load: (p) => draw(t(ctx.locale, p.phase === 'read' ? 'progress.read' : 'progress.check', { done: p.done, total: p.total }), p.done === p.total),
    step: (key) => draw(t(ctx.locale, key), true),
    done: () => {
      if (drawn > 0) write(`\r${' '.repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}

/** Terminal columns of a text: CJK and full-width characters take two. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}
