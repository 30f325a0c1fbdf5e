// A new record: its text prefilled from a registry row, and where it goes in the campaign folder
// (the caller writes and opens it); or, for something found outside the registry, a snippet whose
// placeholders the inspector tabs through (the caller opens it unsaved: no file with empty required
// fields is ever written). File and folder names are in the campaign's language, not the editor's.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { IDENTITY_FIELDS, PLATFORMS, type IsoDate, type Locale, type RecordKind, type RegistryRowRef } from '../model';
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
  /**
   * For a record of something not in the registry: the record as a snippet (VS Code's syntax) whose
   * required fields are placeholders; `text` then holds them empty and must not be written as it is.
   */
  snippet?: string;
}

/** The fields a record cannot do without besides kind, date and source (the schema's `required`). */
const REQUIRED_IDENTITY: Record<RecordKind, string[]> = { media: ['platform', 'name'], website: ['name'] };

/** Text inside a snippet: `$`, `}` and `\` stand for themselves. */
function snippetText(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
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
  const checkDate = options.checkDate ?? checkDateWithin(options.today, campaign.config()?.checkWindow);
  const lines = [`kind: ${kind}`];
  const snippet = [`kind: ${kind}`];
  const schemaFile = schemaFileForKind(kind);
  const title = (f: string): string | undefined => {
    const node = schemaFile ? schemaAt(schemaFile, [f]) : undefined;
    return node ? schemaText(node, locale).title : undefined;
  };
  const prompt = (f: string): string => `# ${f}:${title(f) ? `   # ${title(f)}` : ''}`;
  let stop = 0;
  for (const f of IDENTITY_FIELDS[kind]) {
    const raw = row?.values[f as keyof RegistryRowRef['values']];
    if (raw) lines.push(`${f}: ${scalar(f === 'platform' ? (canonicalPlatform(raw) ?? raw) : raw)}`);
    else if (!row && REQUIRED_IDENTITY[kind].includes(f)) {
      lines.push(`${f}: `);
      // the platform from the fixed list; a name the inspector types
      snippet.push(f === 'platform' ? `${f}: \${${++stop}|${PLATFORMS.join(',')}|}` : `${f}: \$${++stop}`);
    } else if (!row) {
      lines.push(prompt(f));
      snippet.push(snippetText(prompt(f)));
    }
  }
  const tail = [`checkDate: ${checkDate}`, `source: ${row ? '抽查' : '库外发现'}`, `# ${t(locale, 'newRecord.observe')}`, ...OBSERVED_FIELDS[kind].map(prompt)];
  lines.push(...tail);
  snippet.push(...tail.map(snippetText), '$0');
  // file and folder names belong to the campaign: Chinese in a Chinese campaign whatever the editor speaks
  const names = campaignLanguage(campaign, locale);
  const v = row?.values ?? {};
  const folder = kind === 'media' ? ['media', safeSegment(v.region ?? t(names, 'newRecord.noRegion'))] : ['websites'];
  const base = safeSegment(v.name ?? t(names, 'newRecord.newName'));
  let relativePath = [...folder, `${base}.yaml`].join('/');
  for (let i = 2; existsSync(path.join(campaign.root, relativePath)); i++) relativePath = [...folder, `${base} (${i}).yaml`].join('/');
  return { relativePath, text: `${lines.join('\n')}\n`, ...(row ? {} : { snippet: `${snippet.join('\n')}\n` }) };
}

/** The language a campaign is written in: Chinese when its issuer is written in Chinese (every real one), else the user's. */
function campaignLanguage(campaign: Campaign, locale: Locale): Locale {
  const issuer = campaign.config()?.issuer;
  if (typeof issuer !== 'string') return locale;
  return /[\u4e00-\u9fff]/.test(issuer) ? 'zh-cn' : 'en';
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
