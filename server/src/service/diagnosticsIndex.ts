// The diagnostics of the files that are not open (the campaign index), as the client receives them:
// pulled through `workspace/diagnostic` (each report with a result id, so that unchanged files are
// not sent again, and a pull that finds nothing new waits for a change), or pushed to clients that
// cannot pull. Files whose diagnostics vanished are reported empty once.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { LspClient } from './lspClient';

/** Diagnostics with the id the client quotes back when it asks again. */
export interface Report {
  resultId: string;
  diagnostics: Diagnostic[];
}

/** The report of a file that is not open, and the campaign it belongs to. */
export interface DiskReport extends Report {
  root: string;
}

export interface IndexHost {
  client: LspClient;
  /** Whether the client pulls diagnostics (else they are pushed). */
  pulls(): boolean;
  /** Whether the editor has the file open (then its report is the document's, not the index's). */
  isOpen(file: string): boolean;
  uriOf(file: string): string;
  fileOf(uri: string): string | undefined;
}

/** Reports pushed per batch, and the pause between batches (ms). */
const PUSH_BATCH = 50;
const PUSH_PAUSE_MS = 10;

/** The reports of files that are not open. */
export class DiagnosticsIndex {
  private readonly disk = new Map<string, DiskReport>();
  /** Files whose diagnostics vanished (deleted, or left a campaign): reported empty once to pull clients. */
  private readonly gone = new Set<string>();
  /** URIs of files that are not open holding pushed diagnostics. */
  private readonly pushed = new Set<string>();
  private waiters: (() => void)[] = [];
  private nextResultId = 1;
  /** Pushes not yet sent (the latest list per URI), sent in bounded batches. */
  private readonly outbox = new Map<string, Diagnostic[]>();
  private draining: NodeJS.Timeout | undefined;

  constructor(private readonly host: IndexHost) {}

  /** A report keeps its predecessor's id when the diagnostics did not change, so pulls can say "unchanged". */
  report(previous: Report | undefined, diagnostics: Diagnostic[]): Report {
    if (previous && sameDiagnostics(previous.diagnostics, diagnostics)) return previous;
    return { resultId: String(this.nextResultId++), diagnostics };
  }

  get(file: string): DiskReport | undefined {
    return this.disk.get(file);
  }

  /** Every file with a report, and its report. */
  entries(): IterableIterator<[string, DiskReport]> {
    return this.disk.entries();
  }

  /** Stores a file's new diagnostics; a push client receives them when they changed. */
  set(file: string, root: string, diagnostics: Diagnostic[]): void {
    const previous = this.disk.get(file);
    const report = this.report(previous, diagnostics);
    this.disk.set(file, { ...report, root });
    this.gone.delete(file);
    if (!this.host.pulls() && report !== previous) this.push(file, report.diagnostics);
  }

  /** The file has no report any more (deleted, or no campaign holds it). */
  forget(file: string): void {
    if (!this.disk.delete(file)) return;
    this.gone.add(file);
    if (!this.host.pulls()) this.push(file, []);
  }

  /** Forgets every report of a campaign. */
  forgetCampaign(root: string): void {
    for (const [file, report] of [...this.disk]) if (report.root === root) this.forget(file);
  }

  /**
   * Sends a push client a file's diagnostics (an empty list only where it holds some, unless
   * `always`). Files that are not open go out in bounded batches with pauses between them, so that
   * a campaign's thousands of reports never stand between the editor and its hover or completion.
   */
  push(file: string, diagnostics: Diagnostic[], always = false): void {
    if (this.host.isOpen(file)) return;
    const uri = this.host.uriOf(file);
    if (diagnostics.length === 0 && !this.pushed.has(uri) && !this.outbox.has(uri) && !always) return;
    if (diagnostics.length > 0) this.pushed.add(uri);
    else this.pushed.delete(uri);
    this.outbox.set(uri, diagnostics);
    this.draining ??= setTimeout(() => this.drain(), 0);
  }

  private drain(): void {
    this.draining = undefined;
    let sent = 0;
    for (const [uri, diagnostics] of this.outbox) {
      if (sent++ >= PUSH_BATCH) break;
      this.outbox.delete(uri);
      this.host.client.publishDiagnostics(uri, diagnostics);
    }
    if (this.outbox.size > 0) this.draining = setTimeout(() => this.drain(), PUSH_PAUSE_MS);
  }

  /** Stops sending (shutdown). */
  stop(): void {
    if (this.draining) clearTimeout(this.draining);
    this.draining = undefined;
    this.outbox.clear();
  }

  /**
   * `workspace/diagnostic`: reports of the files that are not open and changed since the client's
   * last results. When nothing changed the request waits until something does (the client re-asks
   * every few seconds otherwise), or until it is cancelled.
   */
  async workspaceDiagnostics(previous: { uri: string; value: string }[], token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const known = new Map(previous.map((p) => [this.host.fileOf(p.uri) ?? p.uri, p.value]));
    for (;;) {
      cancelled(token);
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [file, report] of this.disk) {
        if (this.host.isOpen(file) || known.get(file) === report.resultId) continue;
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: this.host.uriOf(file), version: null, resultId: report.resultId, items: report.diagnostics });
      }
      for (const file of this.gone) {
        if (known.has(file)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri: this.host.uriOf(file), version: null, items: [] });
      }
      this.gone.clear();
      if (items.length > 0 || !token) return { items };
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
  }

  /** Something changed: a waiting workspace pull looks again. */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Throws the LSP cancellation error when the client cancelled the request. */
export function cancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}
