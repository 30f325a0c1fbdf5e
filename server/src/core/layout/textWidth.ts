// How wide a text prints, in ems of its font size, without a font file: CJK ideographs, kana,
// hangul and full-width forms are one em; printable ASCII takes its advance width from a table: the
// widest of Times New Roman (which the documents name for Latin text; Liberation Serif has the same
// metrics), DejaVu Serif (what LibreOffice on Linux substitutes when neither is installed) and the
// Latin glyphs of Noto Serif CJK, so that measured text never prints wider than measured, whichever
// of them a machine uses. Other characters count as 0.6 em.

/** Whether a code point prints full width (one em) in a CJK font. */
export function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd) ||
    // “” ‘’ — … and the like print in the East Asian font (full width) in these documents
    codePoint === 0x2014 ||
    codePoint === 0x2018 ||
    codePoint === 0x2019 ||
    codePoint === 0x201c ||
    codePoint === 0x201d ||
    codePoint === 0x2026 ||
    codePoint === 0x00b7
  );
}

/**
 * Advance widths (1/1000 em) of U+0020 … U+007E: for each character the largest of Times New Roman
 * (the Times-Roman metrics), DejaVu Serif and Noto Serif CJK SC (read from their hmtx tables).
 */
// prettier-ignore
const ASCII_ADVANCE = [
  // space ! " # $ % & ' ( ) * + , - . /
  317, 401, 459, 837, 636, 950, 890, 274, 390, 390, 500, 837, 327, 346, 327, 352,
  // 0 – 9
  636, 636, 636, 636, 636, 636, 636, 636, 636, 636,
  // : ; < = > ? @
  336, 336, 837, 837, 837, 536, 1000,
  // A – Z
  722, 734, 765, 801, 729, 693, 798, 872, 405, 402, 747, 664, 1023, 875, 819, 672, 819, 752, 685, 666, 842, 722, 1053, 722, 722, 694,
  // [ \ ] ^ _ `
  390, 352, 390, 837, 563, 500,
  // a – z
  596, 640, 560, 640, 591, 388, 640, 663, 332, 311, 607, 334, 974, 661, 602, 640, 640, 478, 513, 401, 653, 564, 855, 564, 564, 526,
  // { | } ~
  636, 336, 636, 837,
];

/** Times New Roman alone (the Times-Roman metrics): for centring, where the likely width matters. */
// prettier-ignore
const TIMES_ADVANCE = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
  278, 278, 564, 564, 564, 444, 921,
  722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611,
  333, 278, 333, 469, 500, 333,
  444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444,
  480, 200, 480, 541,
];

/** `widest`: never narrower than any of the fonts above; `times`: as Word sets it with Times New Roman. */
export type Metrics = 'widest' | 'times';

/** The advance width of one code point, in ems. */
export function charWidthEm(codePoint: number, metrics: Metrics = 'widest'): number {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return (metrics === 'times' ? TIMES_ADVANCE : ASCII_ADVANCE)[codePoint - 0x20] / 1000;
  return isWide(codePoint) ? 1 : 0.6;
}

/** The width of a text on one line, in ems of its font size. */
export function textWidthEm(text: string, metrics: Metrics = 'widest'): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch.codePointAt(0)!, metrics);
  return w;
}

/**
 * Space a word processor adds where Chinese characters meet Latin letters or digits (Word's and
 * LibreOffice's "autospace" between Asian and non-Asian text), in ems: as LibreOffice sets it.
 */
export const AUTOSPACE_EM = 0.185;

/** How often a text changes between wide (CJK) and other non-space characters: 2021年7月 → 3. */
export function scriptChanges(text: string): number {
  let changes = 0;
  let last: boolean | undefined;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    const wide = isWide(ch.codePointAt(0)!);
    if (last !== undefined && wide !== last) changes++;
    last = wide;
  }
  return changes;
}

/**
 * The pieces a line may break between: each wide character on its own (CJK text breaks anywhere),
 * runs of other non-space characters whole (a word, a number, an identifier); spaces are dropped.
 */
export function unbreakablePieces(text: string): string[] {
  const pieces: string[] = [];
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\s/.test(ch)) {
      if (run) pieces.push(run);
      run = '';
    } else if (isWide(cp)) {
      if (run) pieces.push(run);
      run = '';
      pieces.push(ch);
    } else {
      run += ch;
    }
  }
  if (run) pieces.push(run);
  return pieces;
}

/** The widest piece of a text that cannot break across lines, in ems. */
export function longestPieceEm(text: string): number {
  return Math.max(0, ...unbreakablePieces(text).map((p) => textWidthEm(p)));
}

/** A text prepared for line counting: per paragraph, its pieces (width, or a space, or chars). */
type Piece = { width: number; space: boolean; chars: number[] };

const prepared = new Map<string, Piece[][]>();

function piecesOf(text: string): Piece[][] {
  let out = prepared.get(text);
  if (!out) {
    out = text.split(/\r?\n/).map((paragraph) =>
      paragraph
        .split(/(\s+)/)
        .flatMap((p) => (/^\s+$/.test(p) ? [p] : unbreakablePieces(p)))
        .map((piece) => ({
          width: textWidthEm(piece),
          space: /^\s+$/.test(piece),
          chars: [...piece].map((ch) => charWidthEm(ch.codePointAt(0)!)),
        })),
    );
    // the cache serves one layout; it is dropped rather than allowed to grow without bound
    if (prepared.size > 20000) prepared.clear();
    prepared.set(text, out);
  }
  return out;
}

/**
 * How many lines a text takes in a given width (ems), breaking greedily where it may; a piece wider
 * than the line is cut by characters, as word processors do.
 */
export function lineCount(text: string, widthEm: number): number {
  if (!text) return 1;
  if (widthEm <= 0) return [...text].length;
  let lines = 0;
  for (const paragraph of piecesOf(text)) {
    lines++;
    let used = 0;
    const place = (w: number) => {
      if (used > 0 && used + w > widthEm + 1e-9) {
        lines++;
        used = 0;
      }
      used += w;
    };
    for (const piece of paragraph) {
      // a space at the end of a line is not printed
      if (piece.space) {
        if (used > 0) used += piece.width;
      } else if (piece.width <= widthEm) place(piece.width);
      else for (const w of piece.chars) place(w);
    }
  }
  return lines;
}
