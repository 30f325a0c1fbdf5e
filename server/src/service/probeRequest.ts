// The server side of inspection/probeWebsite: the record (as the editor shows it) to the probe
// action, the proposal back as a WorkspaceEdit whose every edit carries a change annotation with
// `needsConfirmation`, so VS Code shows the refactor preview and the inspector accepts or rejects
// each fact. Conflicts are never edits: they come back as lines to read.
import { ErrorCodes, ResponseError, type AnnotatedTextEdit, type ChangeAnnotation, type WorkspaceEdit } from 'vscode-languageserver';
import { changeText, observationLines, probeRecords, tp, type ProbedRecord, type ProposalEdit } from '../core/actions/probe';
import type { Locale } from '../core/model';
import type { ProbeWebsiteParams, ProbeWebsiteResult } from '../../../shared/protocol';
import { fileToUri, uriToFile } from './fileUri';
import { serviceText } from './serviceText';

/** What the request needs from the server: the locale, and the open document of a URI. */
export interface ProbeHost {
  readonly locale: Locale;
  /** Whether a request may name this file (inside a workspace folder or an allowed one); an open document always may. */
  mayUse?(file: string): Promise<boolean>;
}

/** The open document of the record, when the editor has it open. */
export interface OpenDocument {
  getText(): string;
  readonly version: number;
}

/** Probes the record at `params.uri` and proposes its facts as an annotated edit. */
export async function probeWebsite(host: ProbeHost, params: ProbeWebsiteParams, document?: OpenDocument): Promise<ProbeWebsiteResult> {
  const { locale } = host;
  const file = uriToFile(params.uri);
  if (!file) throw new ResponseError(ErrorCodes.InvalidParams, tp(locale, 'probe.notRecord'));
  if (!document && host.mayUse && !(await host.mayUse(file))) throw new ResponseError(ErrorCodes.InvalidParams, serviceText(locale, 'request.outsideWorkspace', { folder: file }));
  const texts = document ? new Map([[file, document.getText()]]) : undefined;
  const { records } = await probeRecords([file], { locale, texts });
  const record = records[0];
  const problems = record.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.code} ${p.message}`);
  const changes = record.proposal?.changes ?? [];
  const result: ProbeWebsiteResult = {
    added: changes.filter((c) => c.status === 'add').length + (record.proposal?.newItems.length ?? 0),
    same: changes.filter((c) => c.status === 'same').length,
    conflicts: changes.filter((c) => c.status === 'conflict').map((c) => changeText(c, locale)),
    observations: record.site ? observationLines(record.site, locale, record.timeoutSeconds) : [],
    snapshotFolder: record.snapshotFolder ? fileToUri(record.snapshotFolder) : undefined,
    problems,
  };
  if (record.edits.length > 0) result.edit = annotatedEdit(params.uri, record, document?.version ?? null, locale);
  return result;
}

function annotatedEdit(uri: string, record: ProbedRecord, version: number | null, locale: Locale): WorkspaceEdit {
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  const edits: AnnotatedTextEdit[] = record.edits.map((e, i) => {
    const id = `probe-${i}`;
    changeAnnotations[id] = { label: labelOf(e, locale), description: evidenceOf(e, locale), needsConfirmation: true };
    return { range: e.range, newText: e.newText, annotationId: id };
  });
  return { documentChanges: [{ textDocument: { uri, version }, edits }], changeAnnotations };
}

/** The facts an edit writes, e.g. `+ 首页 最近更新日期：2021-06-11`. */
function labelOf(e: ProposalEdit, locale: Locale): string {
  const facts = e.changes.map((c) => changeText(c, locale).replace(/^[+~] /, ''));
  const items = e.items.map((n) => tp(locale, 'subject.column', { name: String(n.item.name) }));
  return [...facts, ...items].join('；');
}

function evidenceOf(e: ProposalEdit, locale: Locale): string {
  const ev = e.changes.find((c) => c.evidence)?.evidence ?? e.items.find((n) => n.evidence)?.evidence;
  if (!ev?.url) return '';
  return tp(locale, 'change.evidence', { url: ev.url, seen: ev.seen }).trim();
}
