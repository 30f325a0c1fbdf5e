// The campaign against its registry exports: the report of `inspection-records registry` (each
// record's reconciliation, the counts, duplicate filings, unreadable rows) and the registry rows the
// editor offers when a new record is made.
import type { RecordReconciliation } from '../registry/reconcile';
import { canonicalPlatform } from '../registry/normalise';
import { rowLocation } from '../registry/registryDiagnostics';
import { duplicateFilings } from '../registry/registryIndex';
import type { RegistryCounts } from '../registry/counts';
import { Severity, type FileDiagnostic, type RecordKind, type RegistryRowRef, type Verdict } from '../model';
import { requireConfig, type Campaign } from './campaign';
import { campaignRecords, type CampaignRecord } from './records';

/** One record as the registry sees it. */
export interface ReconciledRecord extends CampaignRecord {
  outcome: RecordReconciliation['outcome'];
  reconciliation?: RecordReconciliation;
  verdict: Verdict | null;
  /** Its registry diagnostics (unregistered, near miss, mismatches, duplicates …). */
  diagnostics: FileDiagnostic[];
}

/** Registry rows filed more than once: the account or site, and where each row is. */
export interface DuplicateFiling {
  platform?: string;
  name: string;
  rows: RegistryRowRef[];
  /** Where the rows are, as a user reads it (`registry/media.xlsx（新媒体）第12行`). */
  locations: string[];
}

export interface RegistryReport {
  root: string;
  /** Which exports campaign.yaml names. */
  configured: { websites: boolean; media: boolean };
  counts: RegistryCounts;
  records: ReconciledRecord[];
  duplicateFilings: DuplicateFiling[];
  /** Problems of the export files and the column mapping (unreadable files and rows). */
  problems: FileDiagnostic[];
}

/** The campaign's records reconciled with its registry exports. */
export async function registryReport(campaign: Campaign): Promise<RegistryReport> {
  const config = requireConfig(campaign);
  await campaign.loadRegistry();
  const records = campaignRecords(campaign).map((r): ReconciledRecord => ({
    ...r,
    outcome: r.check.registry ?? { status: 'not-applicable' },
    reconciliation: r.check.reconciliation,
    verdict: r.check.result?.verdict ?? null,
    diagnostics: r.check.diagnostics.filter((d) => d.source === 'registry').map((diagnostic) => ({ file: r.path, diagnostic })),
  }));
  const groups = duplicateFilings([...campaign.registryRows('media'), ...campaign.registryRows('website')]);
  return {
    root: campaign.root,
    configured: { websites: Boolean(config.registries?.websites), media: Boolean(config.registries?.media) },
    counts: campaign.counts(),
    records,
    duplicateFilings: groups.map((rows) => ({
      platform: rows[0].values.platform,
      name: rows[0].values.name ?? rows[0].values.siteCode ?? '',
      rows,
      locations: rows.map((r) => rowLocation(r, campaign.locale)),
    })),
    problems: campaign.outsideProblems().filter((p) => p.diagnostic.source === 'registry'),
  };
}

/** One registry row, mapped, for picking the subject of a new record. */
export interface RegistryEntry {
  /** Stable id: `registry/media.xlsx#Sheet1!12`. */
  id: string;
  kind: RecordKind;
  name: string;
  platform?: string;
  accountId?: string;
  siteCode?: string;
  url?: string;
  sponsor?: string;
  region?: string;
  status?: string;
  source: { file: string; sheet?: string; row: number };
  /** The record (absolute path) already matched to this row, if any. */
  record?: string;
}

/** The stable id of a registry row. */
export function registryEntryId(row: RegistryRowRef): string {
  return `${row.file}#${row.sheet ?? ''}!${row.row}`;
}

/** The campaign's registry rows (of one kind, or both) and the reasons some could not be read. */
export async function registryEntries(campaign: Campaign, kind?: RecordKind): Promise<{ entries: RegistryEntry[]; problems: FileDiagnostic[] }> {
  await campaign.loadRegistry();
  const matched = new Map<string, string>();
  for (const r of campaignRecords(campaign)) {
    const row = r.check.registry?.row;
    if (row && !matched.has(registryEntryId(row))) matched.set(registryEntryId(row), r.path);
  }
  const entries: RegistryEntry[] = [];
  for (const k of kind ? [kind] : (['website', 'media'] as RecordKind[])) {
    for (const row of campaign.registryRows(k)) {
      const v = row.values;
      const entry: RegistryEntry = { id: registryEntryId(row), kind: k, name: v.name ?? v.siteCode ?? '', source: { file: row.file, row: row.row } };
      if (row.sheet) entry.source.sheet = row.sheet;
      for (const f of ['platform', 'accountId', 'siteCode', 'url', 'sponsor', 'region', 'status'] as const) {
        const value = v[f];
        if (value) entry[f] = f === 'platform' ? (canonicalPlatform(value) ?? value) : value;
      }
      const record = matched.get(entry.id);
      if (record) entry.record = record;
      entries.push(entry);
    }
  }
  const problems = campaign.outsideProblems().filter((p) => p.diagnostic.source === 'registry' && p.diagnostic.severity === Severity.Error);
  return { entries, problems };
}
