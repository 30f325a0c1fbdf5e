// Registry reconciliation as diagnostics on the node of the fact concerned (name, accountId,
// siteCode, sponsor). Each carries in `data` what a quick fix needs: the registry row, the
// replacement value, the suggestions, or the facts a 补报 entry is made of.
import { displayValue } from '../l10n';
import { Severity, type CoreDiagnostic, type InspectionRecord, type Locale, type NodePath, type RegistryOutcome, type RegistryRowRef } from '../model';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { t } from './messages';
import type { RegistryIssue } from './reconcile';
import type { SuggestionReason } from './registryIndex';
import { REGISTRY_CODES, REGISTRY_FINDING_CODES, type RegistryCode } from '../codes';


/** A value a quick fix may write into the record. */
export interface RegistryFix {
  path: NodePath;
  value: string;
}

/** What `CoreDiagnostic.data` holds for registry diagnostics. */
export interface RegistryDiagnosticData {
  code: RegistryCode;
  /** The registry row concerned. */
  row?: RegistryRowRef;
  /** Edits that make the record agree with the registry (rename, fill the code …). */
  fixes?: RegistryFix[];
  /** Near miss: each suggested row, why, and the edits that accept it. */
  suggestions?: { row: RegistryRowRef; reason: SuggestionReason; fixes: RegistryFix[] }[];
  /** Duplicates: the other record files, or the other registry rows. */
  otherFiles?: string[];
  otherRows?: RegistryRowRef[];
  /** Unregistered: the facts of the 补报 entry. */
  supplement?: { kind: 'website' | 'media'; platform?: string; name: string; accountId?: string; sponsor?: string; region?: string; checkDate?: string };
}

/** Where a registry row is, as a user reads it: `registry/media.xlsx（新媒体）第12行`. */
export function rowLocation(ref: RegistryRowRef, locale: Locale): string {
  return ref.sheet ? t(locale, 'at.sheetRow', { file: ref.file, sheet: ref.sheet, row: ref.row }) : t(locale, 'at.row', { file: ref.file, row: ref.row });
}

/** How a record is named in messages: 微信公众号“儋州教育” or 网站“海南司法行政网”. */
export function recordLabel(record: InspectionRecord, locale: Locale): string {
  return record.kind === 'media'
    ? t(locale, 'label.media', { platform: displayValue(record.platform), name: displayValue(record.name) })
    : t(locale, 'label.website', { name: displayValue(record.name) });
}

/** How a registry row is named: “儋州教育”（dzjy0898）. */
export function rowLabel(ref: RegistryRowRef, locale: Locale): string {
  const v = ref.values;
  const name = v.name ?? v.siteCode ?? '';
  return v.accountId ? t(locale, 'label.rowWithId', { name, id: v.accountId }) : t(locale, 'label.row', { name });
}

/** A suggested registry row as a user reads it: “儋州教育”（dzjy0898），registry/media.xlsx 第12行. */
export function suggestionLabel(ref: RegistryRowRef, locale: Locale): string {
  return t(locale, 'label.suggestion', { row: rowLabel(ref, locale), at: rowLocation(ref, locale) });
}

/** Fixes that make a record take the suggested row's name (and account ID when it has one). */
function acceptFixes(record: InspectionRecord, ref: RegistryRowRef): RegistryFix[] {
  const v = ref.values;
  const fixes: RegistryFix[] = [];
  if (v.name && v.name !== record.name) fixes.push({ path: ['name'], value: v.name });
  if (record.kind === 'media' && v.accountId && v.accountId !== record.accountId) fixes.push({ path: ['accountId'], value: v.accountId });
  if (record.kind === 'website' && v.siteCode && v.siteCode !== record.siteCode) fixes.push({ path: ['siteCode'], value: v.siteCode });
  return fixes;
}

/** The diagnostics of one record's reconciliation (outcome and issues), localised. */
export function registryDiagnostics(
  parsed: ParsedYaml,
  record: InspectionRecord,
  outcome: RegistryOutcome,
  issues: readonly RegistryIssue[],
  locale: Locale,
  reasons?: readonly SuggestionReason[],
): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const add = (code: RegistryCode, path: NodePath, severity: Severity, message: string, data: Omit<RegistryDiagnosticData, 'code'>): void => {
    out.push({
      range: parsed.rangeOf(path), severity, code, message, source: 'registry', data: { code, ...data } satisfies RegistryDiagnosticData,
      ...(REGISTRY_FINDING_CODES.includes(code) ? { finding: true as const } : {}),
    });
  };
  const label = recordLabel(record, locale);
  const system = t(locale, record.kind === 'media' ? 'system.media' : 'system.websites');
  const hasId = record.kind === 'media' && typeof record.accountId === 'string' && record.accountId.trim() !== '';

  switch (outcome.status) {
    case 'unregistered':
      add(REGISTRY_CODES.unregistered, ['name'], Severity.Warning, t(locale, record.kind === 'media' ? 'diag.unregisteredMedia' : 'diag.unregisteredWebsite', { label, system }), {
        supplement: {
          kind: record.kind, name: record.name,
          ...(record.kind === 'media' ? { platform: record.platform, accountId: record.accountId } : {}),
          sponsor: record.sponsor, region: record.region, checkDate: record.checkDate,
        },
      });
      break;
    case 'near-miss': {
      const suggestions = (outcome.suggestions ?? []).map((row, i) => ({ row, reason: reasons?.[i] ?? ('edit' as const), fixes: acceptFixes(record, row) }));
      const first = suggestions[0];
      const idReason = first && (first.reason === 'id-differs' || first.reason === 'id-edit');
      const list = suggestions
        .map((s) => suggestionLabel(s.row, locale))
        .join(t(locale, 'list.separator'));
      add(REGISTRY_CODES.nearMiss, idReason && hasId ? ['accountId'] : ['name'], Severity.Warning,
        t(locale, idReason ? 'diag.nearMissId' : 'diag.nearMiss', { label, system, suggestions: list }), { row: first?.row, suggestions });
      break;
    }
    case 'closed-but-active': {
      const row = outcome.row!;
      add(REGISTRY_CODES.closedActive, ['name'], Severity.Warning,
        t(locale, 'diag.closedActive', { label, status: row.values.status ?? '', at: rowLocation(row, locale) }), { row });
      break;
    }
    default:
      break;
  }

  for (const issue of issues) {
    switch (issue.code) {
      case REGISTRY_CODES.nameMismatch:
        add(issue.code, [issue.field], Severity.Warning, t(locale, 'diag.nameMismatch', { found: issue.found, filed: issue.filed, at: rowLocation(issue.row, locale) }),
          { row: issue.row, fixes: [{ path: [issue.field], value: issue.filed }] });
        break;
      case REGISTRY_CODES.sponsorMismatch:
        add(issue.code, [issue.field], Severity.Warning, t(locale, 'diag.sponsorMismatch', { found: issue.found, filed: issue.filed, at: rowLocation(issue.row, locale) }),
          { row: issue.row, fixes: [{ path: [issue.field], value: issue.filed }] });
        break;
      case REGISTRY_CODES.duplicateRecord:
        add(issue.code, [issue.field], Severity.Warning, t(locale, 'diag.duplicateRecord', { label, others: issue.others.join(t(locale, 'list.separator')) }), { otherFiles: issue.others });
        break;
      case REGISTRY_CODES.siteCodeMalformed:
        add(issue.code, ['siteCode'], Severity.Warning, t(locale, 'diag.siteCodeMalformed', { code: issue.value }), {});
        break;
      case REGISTRY_CODES.siteCodeUnknown:
        add(issue.code, ['siteCode'], Severity.Warning,
          issue.suggestion
            ? t(locale, 'diag.siteCodeUnknownFiled', { code: issue.value, system, filed: issue.suggestion, at: rowLocation(issue.row!, locale) })
            : t(locale, 'diag.siteCodeUnknown', { code: issue.value, system }),
          { row: issue.row, ...(issue.suggestion ? { fixes: [{ path: ['siteCode'], value: issue.suggestion }] } : {}) });
        break;
      case REGISTRY_CODES.duplicateRow:
        add(issue.code, [issue.field], Severity.Information,
          t(locale, 'diag.duplicateRow', { system, rows: [issue.row, ...issue.others].map((r) => rowLocation(r, locale)).join(t(locale, 'list.separator')) }),
          { row: issue.row, otherRows: issue.others });
        break;
    }
  }
  return out;
}
