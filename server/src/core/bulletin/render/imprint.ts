// The texts of the 版记 (GB/T 9704-2012 7.4) from the settings: the copy-to offices and the printing
// office with its date. The Word renderer lays them out; the Markdown preview lists them.
import type { BulletinModel } from '../bulletinModel';
import { fill, formatDay } from '../wording';

export interface ImprintTexts {
  copyLabel: string;
  /** The offices, separated by commas and ending with a full stop; empty when there are none. */
  copyTo: string;
  printer: string;
  /** `2021年7月15日印发`; empty without a date. */
  printed: string;
}

/** The 版记's texts, or null when the settings name no printing office. */
export function imprintTexts(m: BulletinModel): ImprintTexts | null {
  const s = m.settings;
  const view = { issuer: m.campaign.issuer, issuerSelf: m.campaign.issuerSelf, scope: m.campaign.scope, year: m.campaign.year };
  const printer = fill(s.imprint.printer, view).trim();
  if (!printer) return null;
  const offices = s.imprint.copyTo.map((o) => fill(o, view).trim()).filter(Boolean);
  const day = s.imprint.printDate || s.date;
  return {
    copyLabel: s.imprint.copyToLabel,
    // offices separated by commas, the last followed by a full stop (7.4.2)
    copyTo: offices.length ? offices.join(s.imprint.copyToSeparator) + s.imprint.copyToEnd : '',
    printer,
    printed: day ? fill(s.imprint.printed, { date: formatDay(s, day) }) : '',
  };
}

