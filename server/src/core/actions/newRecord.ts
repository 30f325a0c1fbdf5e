// A new record: its text prefilled from a registry row (or a record of something found outside the
// registry), and where it goes in the campaign folder. The caller writes and opens it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { IDENTITY_FIELDS, type IsoDate, type Locale, type RecordKind, type RegistryRowRef } from '../model';
import { canonicalPlatform } from '../registry/normalise';
import { schemaAt, schemaFileForKind, schemaText } from '../schemas';
import { ActionError, t } from './actionError';
import type { Campaign } from './campaign';
import { registryEntryId } from './registry';

/** Facts the inspector observes, prompted as comments in a new record. */
const OBSERVED_FIELDS: Record<RecordKind, string[]> = {
  media: ['lastPost', 'interaction', 'serviceMenu', 'commercialLinks', 'unrelatedContent', 'status'],
  website: ['homepage', 'availability', 'columns', 'interaction', 'services'],
};

export interface NewRecordOptions {
  kind: RecordKind;
  /** A registry entry id (`registryEntryId`); absent for something not in the registry (库外发现). */
  entryId?: string;
  /** The inspection date; today (in China) moved into the campaign's check window when absent. */
  checkDate?: IsoDate;
  today: IsoDate;
  locale: Locale;
}

export interface NewRecord {
  /** Suggested file, relative to the campaign folder with `/` separators. */
  relativePath: string;
  text: string;
}

/** The text and place of a new record. */
export async function newRecord(campaign: Campaign, options: NewRecordOptions): Promise<NewRecord> {
  const { kind, locale } = options;
  let row: RegistryRowRef | undefined;
  if (options.entryId) {
    await campaign.loadRegistry();
    row = campaign.registryRows(kind).find((r) => registryEntryId(r) === options.entryId);
    if (!row) throw new ActionError('path', t(locale, 'newRecord.unknownEntry', { id: options.entryId }));
  }
  const scalar = (v: string): string => stringify(v, { lineWidth: 0 }).trimEnd();
  const lines = [`kind: ${kind}`];
  for (const f of IDENTITY_FIELDS[kind]) {
    const raw = row?.values[f as keyof RegistryRowRef['values']];
    if (raw) lines.push(`${f}: ${scalar(f === 'platform' ? (canonicalPlatform(raw) ?? raw) : raw)}`);
  }
  if (!row) lines.push(kind === 'media' ? 'platform: ' : 'name: ', ...(kind === 'media' ? ['name: '] : []));
  lines.push(`checkDate: ${options.checkDate ?? checkDateWithin(options.today, campaign.config()?.checkWindow)}`, `source: ${row ? '抽查' : '库外发现'}`);
  lines.push(`# ${t(locale, 'newRecord.observe')}`);
  const schemaFile = schemaFileForKind(kind);
  for (const f of OBSERVED_FIELDS[kind]) {
    const node = schemaFile ? schemaAt(schemaFile, [f]) : undefined;
    const title = node ? schemaText(node, locale).title : undefined;
    lines.push(`# ${f}:${title ? `   # ${title}` : ''}`);
  }
  const v = row?.values ?? {};
  const folder = kind === 'media' ? ['media', safeSegment(v.region ?? t(locale, 'newRecord.noRegion'))] : ['websites'];
  const base = safeSegment(v.name ?? t(locale, 'newRecord.newName'));
  let relativePath = [...folder, `${base}.yaml`].join('/');
  for (let i = 2; existsSync(path.join(campaign.root, relativePath)); i++) relativePath = [...folder, `${base} (${i}).yaml`].join('/');
  return { relativePath, text: `${lines.join('\n')}\n` };
}

/** Today when it falls inside the campaign's check window, else the window's nearest end (a new record of a past campaign must not start with a date outside it). */
export function checkDateWithin(today: IsoDate, window: { start?: IsoDate; end?: IsoDate } | undefined): IsoDate {
  // ISO dates compare as strings
  if (window?.end && today > window.end) return window.end;
  if (window?.start && today < window.start) return window.start;
  return today;
}

/** A file-name segment from free text (no separators or characters file systems refuse). */
function safeSegment(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').trim().slice(0, 80) || '_';
}
