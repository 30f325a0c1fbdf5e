// Reconciliation of inspection records against the registry: per record an outcome (matched,
// unregistered (漏报), near miss with suggestions, filed as closed but active) plus the issues a
// filing can have (renamed, other sponsor, 网站标识码 malformed or unknown, two records for one
// account, the registry filing one account twice).
import type { InspectionRecord, MediaRecord, Platform, RegistryOutcome, RegistryRowRef, WebsiteRecord } from '../model';
import { canonicalPlatform, isWellFormedSiteCode, normaliseAccountId, normaliseSiteCode, normaliseText, siteNameKey, urlKeys } from './normalise';
import { rowKey, type MatchResult, type MatchVia, type RegistryIndex, type SuggestionReason } from './registryIndex';
import type { RegistryRow } from './registryTypes';
import { REGISTRY_CODES } from '../codes';

/** The record field an issue is about (its node carries the diagnostic). */
export type IssueField = 'name' | 'accountId' | 'siteCode' | 'url' | 'sponsor';

export type RegistryIssue =
  | { code: typeof REGISTRY_CODES.nameMismatch | typeof REGISTRY_CODES.sponsorMismatch; field: IssueField; row: RegistryRowRef; filed: string; found: string }
  | { code: typeof REGISTRY_CODES.duplicateRecord; field: IssueField; others: string[] }
  | { code: typeof REGISTRY_CODES.siteCodeMalformed; field: 'siteCode'; value: string }
  | { code: typeof REGISTRY_CODES.siteCodeUnknown; field: 'siteCode'; value: string; row?: RegistryRowRef; suggestion?: string }
  | { code: typeof REGISTRY_CODES.duplicateRow; field: IssueField; row: RegistryRowRef; others: RegistryRowRef[] };

/** How one record stands against the registry, with the issues of its filing. */
export interface RecordReconciliation {
  outcome: RegistryOutcome;
  issues: RegistryIssue[];
  /** How the row was found, when matched. */
  via?: MatchVia;
  /** Why each suggestion of a near miss was made, parallel to `outcome.suggestions`. */
  reasons?: SuggestionReason[];
}

/** A record to reconcile, with the campaign-relative path of its file. */
export interface RecordInput {
  file: string;
  record: InspectionRecord;
}

/** Whether a record says the account or site is active (what a closed filing contradicts). */
export function observedActive(record: InspectionRecord): boolean {
  if (record.kind === 'media') return record.status !== '已关停';
  // A site every probe failed to reach is not evidence of activity.
  const a = record.availability;
  return !(a && typeof a.probes === 'number' && a.probes > 0 && typeof a.failures === 'number' && a.failures >= a.probes);
}

/** Reconciles one record against the index (everything except duplicates among records). */
export function reconcileRecord(index: RegistryIndex, record: InspectionRecord): RecordReconciliation {
  const issues: RegistryIssue[] = [];
  if (record.kind === 'website' && typeof record.siteCode === 'string' && record.siteCode.trim() && !isWellFormedSiteCode(record.siteCode)) {
    issues.push({ code: REGISTRY_CODES.siteCodeMalformed, field: 'siteCode', value: record.siteCode });
  }
  if (!index.has(record.kind) || typeof record.name !== 'string') return { outcome: { status: 'not-applicable' }, issues };

  const result = record.kind === 'media' ? matchMedia(index, record) : matchWebsite(index, record);
  // A platform the schema rejects already has its diagnostic; a 漏报 on top would mislead.
  if (!result) return { outcome: { status: 'not-applicable' }, issues };
  if (record.kind === 'website') siteCodeIssues(index, record, result.row, issues);

  if (!result.row) {
    if (result.suggestions.length > 0) {
      return { outcome: { status: 'near-miss', suggestions: result.suggestions.map((s) => s.row.ref) }, issues, reasons: result.suggestions.map((s) => s.reason) };
    }
    // An account found closed needs no filing: nothing to report against the registry.
    return { outcome: { status: observedActive(record) ? 'unregistered' : 'not-applicable' }, issues };
  }

  const row = result.row;
  const filed = row.ref.values;
  const sameName = record.kind === 'website' ? index.sameSiteName(record.name, filed.name ?? '') : index.units.same(record.name, filed.name ?? '');
  if (filed.name && !sameName) {
    issues.push({ code: REGISTRY_CODES.nameMismatch, field: 'name', row: row.ref, filed: filed.name, found: record.name });
  }
  if (typeof record.sponsor === 'string' && record.sponsor.trim() && filed.sponsor && !index.units.same(record.sponsor, filed.sponsor)) {
    issues.push({ code: REGISTRY_CODES.sponsorMismatch, field: 'sponsor', row: row.ref, filed: filed.sponsor, found: record.sponsor });
  }
  const duplicates = index.duplicatesOf(row);
  if (duplicates.length > 0) {
    issues.push({ code: REGISTRY_CODES.duplicateRow, field: record.kind === 'media' ? (record.accountId ? 'accountId' : 'name') : 'name', row: row.ref, others: duplicates.map((d) => d.ref) });
  }
  const closed = (row.state === 'closed' || row.state === 'deregistered') && observedActive(record);
  return { outcome: { status: closed ? 'closed-but-active' : 'matched', row: row.ref }, issues, via: result.via };
}

function regionOf(record: InspectionRecord): string | undefined {
  return typeof record.region === 'string' ? record.region : undefined;
}

/** The record's platform in canonical form (a record may spell it 公众号); undefined when unknown. */
function mediaPlatform(record: MediaRecord): Platform | undefined {
  return typeof record.platform === 'string' ? canonicalPlatform(record.platform) : undefined;
}

function matchMedia(index: RegistryIndex, record: MediaRecord): MatchResult | undefined {
  const platform = mediaPlatform(record);
  if (!platform) return undefined;
  const accountId = typeof record.accountId === 'string' && record.accountId.trim() ? record.accountId : undefined;
  return index.matchMedia({ platform, name: record.name, accountId, region: regionOf(record) });
}

function matchWebsite(index: RegistryIndex, record: WebsiteRecord): MatchResult {
  const code = typeof record.siteCode === 'string' && isWellFormedSiteCode(record.siteCode) ? record.siteCode : undefined;
  return index.matchWebsite({ name: record.name, siteCode: code, url: typeof record.url === 'string' ? record.url : undefined, region: regionOf(record) });
}

/** A well-formed 网站标识码 the registry does not know; when the site matched otherwise, its filed code is the fix. */
function siteCodeIssues(index: RegistryIndex, record: WebsiteRecord, row: RegistryRow | undefined, issues: RegistryIssue[]): void {
  const code = typeof record.siteCode === 'string' ? record.siteCode.trim() : '';
  if (!code || !isWellFormedSiteCode(code) || index.siteCodeRows(code).length > 0) return;
  const filed = row?.ref.values.siteCode;
  issues.push({
    code: REGISTRY_CODES.siteCodeUnknown, field: 'siteCode', value: record.siteCode!,
    ...(row ? { row: row.ref } : {}),
    ...(filed && normaliseSiteCode(filed) !== normaliseSiteCode(code) ? { suggestion: filed } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Duplicates among records
// ---------------------------------------------------------------------------------------------

/** One way of telling which account or site a record is about. */
export interface Identity {
  /** What kind of key: `media:<platform>:id`, `media:<platform>:name`, `website:code` … or `row`. */
  space: string;
  /** The normalised value, or for `row` the registry row object both records matched. */
  key: string | RegistryRowRef;
  field: IssueField;
  /** For name keys: the record's account ID, which must not contradict the other's. */
  id?: string;
}

/** An identity as one string (for callers that keep identities of few records). */
export function identityKey(ident: Identity): string {
  return `${ident.space}\u0001${typeof ident.key === 'string' ? ident.key : rowKey(ident.key)}`;
}

/**
 * The keys under which two records are the same account/site. A record that matched a registry
 * row is that row's account: two records with the same ID or name would have matched it too.
 */
export function recordIdentities(record: InspectionRecord, matched?: RegistryRowRef): Identity[] {
  if (matched) {
    const id = record.kind === 'media' ? record.accountId : record.siteCode;
    const field: IssueField = typeof id === 'string' && id.trim() !== '' ? (record.kind === 'media' ? 'accountId' : 'siteCode') : 'name';
    return [{ space: 'row', key: matched, field }];
  }
  const out: Identity[] = [];
  if (typeof record.name !== 'string') return out;
  if (record.kind === 'media') {
    const platform = mediaPlatform(record);
    const id = typeof record.accountId === 'string' && record.accountId.trim() ? normaliseAccountId(record.accountId) : undefined;
    if (platform && id) out.push({ space: `media:${platform}:id`, key: id, field: 'accountId' });
    if (platform) out.push({ space: `media:${platform}:name`, key: normaliseText(record.name), field: 'name', id });
  } else {
    if (typeof record.siteCode === 'string' && isWellFormedSiteCode(record.siteCode)) out.push({ space: 'website:code', key: normaliseSiteCode(record.siteCode), field: 'siteCode' });
    const u = typeof record.url === 'string' ? urlKeys(record.url) : undefined;
    if (u) out.push({ space: 'website:url', key: u.full, field: 'url' });
    out.push({ space: 'website:name', key: siteNameKey(record.name), field: 'name' });
  }
  return out;
}

/** For each record (by position), the duplicate-record issue naming the other files, if any. */
export function duplicateRecords(records: readonly RecordInput[], matched: readonly (RegistryRowRef | undefined)[]): (RegistryIssue | undefined)[] {
  // Most keys belong to one record: remember the first holder, and make a list only on a second.
  const first = new Map<string, Map<Identity['key'], number>>();
  const shared = new Map<string, Map<Identity['key'], number[]>>();
  const identities = records.map((r, i) => {
    const ids = recordIdentities(r.record, matched[i]);
    for (const { space, key } of ids) {
      let holders = first.get(space);
      if (!holders) first.set(space, (holders = new Map()));
      const holder = holders.get(key);
      if (holder === undefined) holders.set(key, i);
      else {
        let lists = shared.get(space);
        if (!lists) shared.set(space, (lists = new Map()));
        const list = lists.get(key);
        if (list) list.push(i);
        else lists.set(key, [holder, i]);
      }
    }
    return ids;
  });
  if (shared.size === 0) return records.map(() => undefined);
  // the account ID each record's name key carries, to tell two accounts of one name apart
  const idOf = identities.map((ids) => ids.find((x) => x.id !== undefined)?.id);
  return identities.map((ids, i) => {
    const others = new Set<number>();
    let field: IssueField | undefined;
    for (const ident of ids) {
      for (const o of shared.get(ident.space)?.get(ident.key) ?? []) {
        if (o === i) continue;
        // same name, different account IDs: two accounts, not one
        if (ident.id && idOf[o] && ident.id !== idOf[o]) continue;
        others.add(o);
        field ??= ident.field;
      }
    }
    if (others.size === 0) return undefined;
    const files = [...others].map((o) => records[o].file).sort();
    return { code: REGISTRY_CODES.duplicateRecord, field: field!, others: files };
  });
}

/** Reconciles every record of a campaign: outcomes, issues and duplicates among the records. */
export function reconcile(index: RegistryIndex, records: readonly RecordInput[]): RecordReconciliation[] {
  const results = records.map((r) => reconcileRecord(index, r.record));
  const dups = duplicateRecords(records, results.map((r) => r.outcome.row));
  dups.forEach((d, i) => {
    if (d) results[i].issues.push(d);
  });
  return results;
}
