// How wide a text prints, in ems of its font size, without a font file: CJK ideographs, kana,
// hangul and full-width forms are one em; printable ASCII takes its advance width from a table (the
// wider of Times New Roman, which the documents name for Latin text, and the Latin glyphs of Noto
// Serif CJK, which LibreOffice substitutes where Times New Roman is missing), so that text measured
// here never prints wider than measured with either font. Other characters count as 0.6 em.

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
 * Advance widths (1/1000 em) of U+0020 … U+007E: for each character the larger of Times New Roman
 * (the Times-Roman metrics) and Noto Serif CJK SC's Latin glyph.
 */
// prettier-ignore
const ASCII_ADVANCE = [
  // space ! " # $ % & ' ( ) * + , - . /
  256, 333, 408, 574, 550, 923, 779, 196, 364, 364, 500, 580, 327, 346, 327, 352,
  // 0 – 9
  557, 500, 558, 557, 555, 558, 558, 549, 558, 562,
  // : ; < = > ? @
  327, 327, 580, 580, 580, 444, 921,
  // A – Z
  722, 670, 691, 770, 652, 629, 741, 853, 405, 402, 731, 625, 975, 796, 767, 641, 767, 715, 567, 659, 797, 722, 1053, 722, 722, 611,
  // [ \ ] ^ _ `
  344, 352, 344, 580, 563, 435,
  // a – z
  557, 638, 538, 629, 546, 388, 566, 663, 332, 311, 607, 334, 974, 661, 596, 638, 607, 462, 473, 367, 653, 548, 838, 564, 552, 498,
  // { | } ~
  480, 316, 480, 580,
];

/** The advance width of one code point, in ems. */
export function charWidthEm(codePoint: number): number {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return ASCII_ADVANCE[codePoint - 0x20] / 1000;
  return isWide(codePoint) ? 1 : 0.6;
}

/** The width of a text on one line, in ems of its font size. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch.codePointAt(0)!);
  return w;
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
  return Math.max(0, ...unbreakablePieces(text).map(textWidthEm));
}

/**
 * How many lines a text takes in a given width (ems), breaking greedily where it may; a piece wider
 * than the line is cut by characters, as word processors do.
 */
export function lineCount(text: string, widthEm: number): number {
  if (!text) return 1;
  if (widthEm <= 0) return [...text].length;
  let lines = 1;
  let used = 0;
  const place = (w: number) => {
    if (used > 0 && used + w > widthEm + 1e-9) {
      lines++;
      used = 0;
    }
    used += w;
  };
  text.split(/\r?\n/).forEach((paragraph, i) => {
    if (i > 0) {
      lines++;
      used = 0;
    }
    for (const piece of paragraph.split(/(\s+)/).flatMap((p) => (/^\s+$/.test(p) ? [p] : unbreakablePieces(p)))) {
      const w = textWidthEm(piece);
      if (/^\s+$/.test(piece)) {
        // a space at the end of a line is not printed
        if (used > 0) used += w;
        continue;
      }
      if (w <= widthEm) place(w);
      else for (const ch of piece) place(charWidthEm(ch.codePointAt(0)!));
    }
  });
  return lines;
}
