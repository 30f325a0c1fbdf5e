// The 补报 list: the unregistered (漏报) new-media accounts the owning offices must file, grouped by
// owning office (the region's government office, or the unit itself for 省直 units), with the
// columns the filing needs: 序号, 地区, 主办单位, 平台, 账号名称, 账号ID, 发现日期, 备注.
import { displayValue } from '../l10n';
import type { InspectionRecord, Locale, RegistryOutcome } from '../model';
import { t } from './messages';
import { isProvincialRegion } from './normalise';
import { primaryIdentity } from './reconcile';

export interface SupplementEntry {
  seq: number;
  /** Who must file it: the region, or the sponsor for provincial units. */
  office: string;
  region: string;
  sponsor: string;
  platform: string;
  name: string;
  accountId: string;
  /** The check date on which the account was found. */
  foundDate: string;
  note: string;
  /** The record file (campaign-relative). */
  file: string;
}

export interface SupplementInput {
  file: string;
  record: InspectionRecord;
  outcome: RegistryOutcome;
}

/** The columns of the list, in order (headers are localised; widths come from the content). */
export const SUPPLEMENT_COLUMNS = [
  { key: 'seq' },
  { key: 'region' },
  { key: 'sponsor' },
  { key: 'platform' },
  { key: 'name' },
  { key: 'accountId' },
  { key: 'foundDate' },
  { key: 'note' },
] as const satisfies readonly { key: keyof SupplementEntry }[];

/** Localised header of a column. */
export function supplementHeader(key: (typeof SUPPLEMENT_COLUMNS)[number]['key'], locale: Locale): string {
  return t(locale, `supplement.column.${key}`);
}

const SOURCE_KEYS = { 抽查: 'source.sample', 库外发现: 'source.outside', 复查: 'source.recheck' } as const;

/** The unregistered media accounts as 补报 rows, one per account, grouped by owning office. */
export function supplementList(
  records: readonly SupplementInput[],
  locale: Locale,
  failsContentAssurance?: (record: InspectionRecord, position: number) => boolean,
): SupplementEntry[] {
  const seen = new Set<string>();
  const entries: Omit<SupplementEntry, 'seq'>[] = [];
  records.forEach(({ file, record, outcome }, position) => {
    if (record.kind !== 'media' || outcome.status !== 'unregistered') return;
    // one row per account, however many records name it (by account ID when there is one)
    const key = primaryIdentity(record) ?? file;
    if (seen.has(key)) return;
    seen.add(key);
    const region = str(record.region);
    const sponsor = str(record.sponsor);
    const office = region && !isProvincialRegion(region) ? region : sponsor || region || t(locale, 'supplement.unknownOffice');
    const notes: string[] = [];
    const source = record.source ? SOURCE_KEYS[record.source] : undefined;
    if (source) notes.push(t(locale, source));
    if (failsContentAssurance?.(record, position)) notes.push(t(locale, 'supplement.failing'));
    entries.push({
      office, region, sponsor, platform: str(record.platform), name: str(record.name), accountId: str(record.accountId),
      foundDate: str(record.checkDate), note: notes.join(t(locale, 'list.separator')), file,
    });
  });
  const collator = new Intl.Collator(locale === 'en' ? 'en' : 'zh-CN');
  entries.sort((a, b) =>
    collator.compare(a.office, b.office) || collator.compare(a.sponsor, b.sponsor) ||
    collator.compare(a.platform, b.platform) || collator.compare(a.name, b.name) || a.file.localeCompare(b.file));
  return entries.map((e, i) => ({ seq: i + 1, ...e }));
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : displayValue(v);
}
