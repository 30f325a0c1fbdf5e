// What a probe proposes to a record: each fact it read, compared with what the record says. A fact
// the record lacks is added (with its evidence); one it holds alike is left as it is; one the
// inspector wrote differently is a conflict, shown and never replaced. Only facts whose evidence
// names the same source as before (a monitoring log summarised again) may be refreshed.
import type { IsoDate, NodePath } from '../model';
import { appendItems, insertPairs, orderEdits, replaceScalar, type PatchScalar, type PatchValue, type TextEdit } from '../yaml/yamlPatch';
import type { ParsedYaml } from '../yaml/yamlDocument';
import type { ColumnProbe, FetchedPage, SiteProbe } from './siteProbe';

/** Where a fact was read: the page (or log), the day, the saved copy. */
export interface EvidenceRef {
  url?: string;
  seen: IsoDate;
  snapshot?: string;
  log?: string;
}

/** What a fact is about, for messages. */
export type FactSubject = { kind: 'homepage' } | { kind: 'column'; name: string } | { kind: 'account' } | { kind: 'availability' };

export type ChangeStatus = 'add' | 'same' | 'conflict' | 'refresh';

/** One fact against the record. `value` null: the fact is that there is none (a blank column has no date). */
export interface FactChange {
  /** The mapping holding the fact, and its key there. */
  parent: NodePath;
  key: string;
  value: PatchScalar | null;
  status: ChangeStatus;
  /** What the record says, when it says something. */
  recorded?: unknown;
  evidence?: EvidenceRef;
  subject: FactSubject;
}

/** A column the record does not list yet (found in the site's navigation). */
export interface NewItem {
  seq: NodePath;
  item: { [key: string]: PatchValue };
  subject: FactSubject;
  evidence?: EvidenceRef;
}

export interface RecordProposal {
  changes: FactChange[];
  newItems: NewItem[];
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Compares one fact with the record's value at `parent.key`. */
export function compareFact(record: unknown, parent: NodePath, key: string, value: PatchScalar, subject: FactSubject, evidence?: EvidenceRef): FactChange {
  let holder: unknown = record;
  for (const seg of parent) holder = (holder as Obj | unknown[] | undefined)?.[seg as never];
  const recorded = obj(holder)?.[key];
  const base = { parent, key, value, subject, evidence };
  if (recorded === undefined || recorded === null) return { ...base, status: 'add' };
  return String(recorded) === String(value) ? { ...base, status: 'same', recorded } : { ...base, status: 'conflict', recorded };
}

/** The evidence of a fact read on `page`. */
function evidenceOf(page: FetchedPage | undefined, probe: SiteProbe, snapshots: Map<FetchedPage, string>): EvidenceRef | undefined {
  if (!page) return undefined;
  return { url: page.url, seen: probe.readOn, snapshot: snapshots.get(page) };
}

/** The changes a site probe proposes to a record (its plain value). */
export function proposeSiteFacts(record: unknown, probe: SiteProbe, snapshots: Map<FetchedPage, string>): RecordProposal {
  const changes: FactChange[] = [];
  const newItems: NewItem[] = [];
  const home = probe.homepage;
  if (probe.kind === 'media') {
    if (home.lastUpdate) changes.push(compareFact(record, [], 'lastPost', home.lastUpdate, { kind: 'account' }, evidenceOf(home.page, probe, snapshots)));
    return { changes, newItems };
  }
  if (home.lastUpdate) changes.push(compareFact(record, ['homepage'], 'lastUpdate', home.lastUpdate, { kind: 'homepage' }, evidenceOf(home.page, probe, snapshots)));
  const columns = Array.isArray(obj(record)?.columns) ? (obj(record)!.columns as unknown[]) : [];
  for (const c of probe.columns) {
    const evidence = evidenceOf(c.evidence, probe, snapshots);
    if (c.source === 'record' && c.index !== undefined) {
      changes.push(...columnChanges(obj(columns[c.index]) ?? {}, ['columns', c.index], c, evidence));
    } else if (c.source === 'navigation' && (c.lastUpdate || c.blank)) {
      const item: { [key: string]: PatchValue } = { name: c.name };
      if (c.category) item.category = c.category;
      if (c.level !== undefined) item.level = c.level;
      if (c.lastUpdate) item.lastUpdate = c.lastUpdate;
      if (c.blank) item.blank = true;
      if (evidence) item.evidence = evidenceValue(evidence);
      newItems.push({ seq: ['columns'], item, subject: { kind: 'column', name: c.name }, evidence });
    }
  }
  return { changes, newItems };
}

/** A record column's facts: its newest item's date, or that it is blank. */
function columnChanges(recorded: Obj, parent: NodePath, c: ColumnProbe, evidence: EvidenceRef | undefined): FactChange[] {
  const subject: FactSubject = { kind: 'column', name: c.name };
  const base = { parent, subject, evidence };
  if (c.lastUpdate) {
    // dated items on a column the inspector called blank
    if (recorded.blank === true) return [{ ...base, key: 'blank', value: false, status: 'conflict', recorded: true }];
    return [compareFact(recorded, [], 'lastUpdate', c.lastUpdate, subject, evidence)].map((x) => ({ ...x, parent }));
  }
  if (c.blank) {
    if (recorded.lastUpdate !== undefined && recorded.lastUpdate !== null) return [{ ...base, key: 'lastUpdate', value: null, status: 'conflict', recorded: recorded.lastUpdate }];
    return [compareFact(recorded, [], 'blank', true, subject, evidence)].map((x) => ({ ...x, parent }));
  }
  return [];
}

/** The `evidence:` mapping written into the record. */
export function evidenceValue(e: EvidenceRef): { [key: string]: PatchValue } {
  const out: { [key: string]: PatchValue } = {};
  if (e.url) out.url = e.url;
  out.seen = e.seen;
  if (e.snapshot) out.snapshot = e.snapshot;
  if (e.log) out.log = e.log;
  return out;
}

/** A text edit and the facts it writes. */
export interface ProposalEdit extends TextEdit {
  changes: FactChange[];
  items: NewItem[];
}

/**
 * The text edits that apply a proposal: added facts go into their mapping together with an
 * `evidence` entry (when the mapping has none yet), refreshed facts replace their value, new
 * columns are appended. Conflicts and unchanged facts give no edit.
 */
export function proposalEdits(parsed: ParsedYaml, proposal: RecordProposal): ProposalEdit[] {
  const edits: ProposalEdit[] = [];
  const groups = new Map<string, FactChange[]>();
  for (const c of proposal.changes) {
    if (c.status === 'refresh' && c.value !== null) {
      const e = replaceScalar(parsed, [...c.parent, c.key], c.value);
      if (e) edits.push({ ...e, changes: [c], items: [] });
      continue;
    }
    if (c.status !== 'add' || c.value === null) continue;
    const k = JSON.stringify(c.parent);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const group of groups.values()) {
    const parent = group[0].parent;
    const pairs: [string, PatchValue][] = group.map((c) => [c.key, c.value as PatchScalar]);
    const holder = parent.length === 0 ? parsed.value : parsed.nodeAt(parent) ? valueAt(parsed.value, parent) : undefined;
    const evidence = group.find((c) => c.evidence)?.evidence;
    if (evidence && obj(holder)?.evidence === undefined) pairs.push(['evidence', evidenceValue(evidence)]);
    const e = insertPairs(parsed, parent, pairs);
    if (e) edits.push({ ...e, changes: group, items: [] });
  }
  if (proposal.newItems.length > 0) {
    const e = appendItems(parsed, proposal.newItems[0].seq, proposal.newItems.map((n) => n.item));
    if (e) edits.push({ ...e, changes: [], items: proposal.newItems });
  }
  return orderEdits(parsed, edits);
}

function valueAt(root: unknown, path: NodePath): unknown {
  let v = root;
  for (const seg of path) v = (v as Obj | unknown[] | undefined)?.[seg as never];
  return v;
}
