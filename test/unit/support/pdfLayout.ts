// Reading a PDF's layout back with poppler (pdfinfo, pdftotext -bbox-layout): page sizes, and each
// page's lines and words with their boxes (points, origin top left), for tests that assert where
// things are printed.
import { execFileSync } from 'node:child_process';

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Word extends Box {
  text: string;
}

export interface Line extends Box {
  words: Word[];
  /** The words joined without spaces. */
  text: string;
}

export interface Page {
  width: number;
  height: number;
  lines: Line[];
  /** Every word of the page joined, without whitespace. */
  flat: string;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function box(attrs: string): Box {
  const n = (k: string) => Number(new RegExp(`${k}="([\\d.]+)"`).exec(attrs)![1]);
  return { xMin: n('xMin'), yMin: n('yMin'), xMax: n('xMax'), yMax: n('yMax') };
}

/** The pages of a PDF with their lines and words. */
export function pdfPages(file: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: Page[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const lines: Line[] = [];
    for (const l of m[3].matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...l[2].matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({ ...box(w[1]), text: unescape(w[2]) }));
      lines.push({ ...box(l[1]), words, text: words.map((w) => w.text).join('') });
    }
    pages.push({ width: Number(m[1]), height: Number(m[2]), lines, flat: lines.map((l) => l.text).join('') });
  }
  return pages;
}

/** The size of every page (points), from pdfinfo. */
export function pageSizes(file: string): { width: number; height: number }[] {
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', String(count), file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Whether a page is A4 (210 × 297 mm) in either orientation, to a point. */
export function isA4(p: { width: number; height: number }): boolean {
  const [short, long] = [Math.min(p.width, p.height), Math.max(p.width, p.height)];
  return Math.abs(short - 595.28) < 1 && Math.abs(long - 841.89) < 1;
}
