// Page geometry and type of an official document per GB/T 9704-2012, in Word's units (lengths in
// twips, font sizes in half-points), and the one way text runs are made. The Chinese font names are
// kept even where a machine lacks them: offices have them on Windows.
import { TextRun, type IRunOptions } from 'docx';

/** Twips in a millimetre. */
const MM = 1440 / 25.4;

/** A length in millimetres as twips. */
export function mm(n: number): number {
  return Math.round(n * MM);
}

export const LAYOUT = {
  page: { width: 11906, height: 16838 },
  // 天头 37 mm, 订口 28 mm: the 版心 is 156 × 225 mm
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  fonts: { title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体', pageNumber: '宋体', latin: 'Times New Roman' },
  // 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt (the usual size of table text)
  size: { title: 44, body: 32, pageNumber: 28, imprint: 28, table: 21 },
  // 22 lines to the page: an exact 28.95 pt line pitch
  line: 579,
  titleLine: 700,
  // one character of the body (三号, 16 pt) and of 四号 (14 pt)
  char: 320,
  smallChar: 280,
  // 一字线 of the page number 7 mm below the 版心: footer distance = bottom margin − 7 mm − about
  // 3 mm from the footer's bottom to the middle of the dash
  pageNumberBelowText: mm(7) + mm(3),
  // table text: 五号 on an exact 14 pt pitch, 1.5 mm from the cell's sides
  table: { line: 280, cellMargin: mm(1.5) },
} as const;

/** The body's usable width and height (twips) in an orientation: landscape turns the 版心. */
export function textArea(landscape: boolean): { width: number; height: number } {
  const width = LAYOUT.page.width - LAYOUT.margin.left - LAYOUT.margin.right;
  const height = LAYOUT.page.height - LAYOUT.margin.top - LAYOUT.margin.bottom;
  return landscape ? { width: height, height: width } : { width, height };
}

/**
 * Page margins of an orientation. A landscape page is the portrait page turned a quarter, its 版心
 * turned with it: the binding side (订口, 28 mm) at the top.
 */
export function pageMargins(landscape: boolean): { top: number; bottom: number; left: number; right: number; footer: number } {
  const m = LAYOUT.margin;
  const turned = landscape ? { top: m.left, bottom: m.right, left: m.bottom, right: m.top } : m;
  return { ...turned, footer: turned.bottom - LAYOUT.pageNumberBelowText };
}

/** A run of text in a Chinese face (Latin letters and digits in Times New Roman). */
export function run(text: string, font: string, size: number, bold = false): TextRun {
  const options: IRunOptions = { text, font: { eastAsia: font, ascii: LAYOUT.fonts.latin, hAnsi: LAYOUT.fonts.latin, hint: 'eastAsia' }, size, bold };
  return new TextRun(options);
}

/** Twips of a width in ems of a font size (half-points). */
export function emTwips(em: number, size: number): number {
  return em * size * 10;
}
