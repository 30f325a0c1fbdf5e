// The language server's state and behaviour, without the connection: open documents checked once
// per version, one workspace view per campaign folder, the diagnostics of records that are not open
// (the campaign index), and what to check again when files change on disk. The wiring (server.ts)
// forwards LSP messages here and implements `LspClient`; tests drive this class directly.
import * as path from 'node:path';
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type FileEvent,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { toLocale } from '../core/l10n';
import type { CoreDiagnostic, IsoDate, Locale } from '../core/model';
import type { InitializationOptions, InspectionSettings } from '../../../shared/protocol';
import { toLspDiagnostic } from './diagnostics';
import type { DocumentContext } from './documentContext';
import { fileToUri, uriToFile } from './fileUri';
import { getLanguageService, type LanguageService } from './languageService';
import { EXPORT_SUPPLEMENT_COMMAND } from './codeActions';
import type { RequestHost } from './customRequests';
import type { LspClient } from './lspClient';
import { serviceText } from './serviceText';
import type { WorkspaceOptions } from './workspaceFactory';
import type { FileChange, WorkspaceView } from './workspaceView';

/** What the session needs from the outside world (files, campaigns), injected for tests. */
export interface SessionDeps {
  client: LspClient;
  openWorkspace(root: string, opts: WorkspaceOptions): Promise<WorkspaceView>;
  schemaOnly(locale: Locale): WorkspaceView;
  /** The nearest campaign folder at or above a file, if any. */
  findCampaignRoot(fileOrFolder: string): Promise<string | undefined>;
  /** Campaign folders at or below a workspace folder. */
  findCampaignRoots(folder: string): Promise<string[]>;
  /** Reads a user file: its text, or the problems that kept it from being read. */
  readText(file: string, locale: Locale): Promise<ReadResult>;
  /** Whether a file exists on disk. */
  fileExists(file: string): Promise<boolean>;
  today(): IsoDate;
  /** Watches campaign folders itself when the client cannot (returns a stop function). */
  watchFolder?(folder: string, onChange: (file: string, change: FileChange) => void): () => void;
}

export interface ReadResult {
  text?: string;
  problems: CoreDiagnostic[];
}

export interface SessionOptions {
  /** Delay between a keystroke and pushed diagnostics (push clients only; pull clients ask themselves). */
  pushDelayMs: number;
  /** Files checked between two progress reports while indexing. */
  progressEvery: number;
}

const DEFAULT_OPTIONS: SessionOptions = { pushDelayMs: 120, progressEvery: 200 };
/** Indexing yields to pending requests after this much work, so that the editor stays served. */
const INDEX_SLICE_MS = 15;
const WATCH_GLOBS = ['**/*.{yaml,yml}', '**/*.{xlsx,xls,csv}'];
/** Delay before telling the client a campaign's figures changed (typing would otherwise flood it). */
const CAMPAIGN_CHANGED_DELAY_MS = 400;

interface OpenDocument {
  uri: string;
  file: string | undefined;
  version: number;
  text: string;
}

interface Report {
  resultId: string;
  diagnostics: Diagnostic[];
}

interface CheckedDocument {
  version: number;
  ctx: DocumentContext;
  report: Report;
}

/** Diagnostics of a file that is not open, from its text on disk. */
interface DiskReport extends Report {
  root: string;
}

const EMPTY_SETTINGS: InspectionSettings = { locale: 'auto', profile: '', registryMapping: '', outputFolder: '' };

export class InspectionSession {
  private readonly options: SessionOptions;
  private service!: LanguageService;
  private localeTag = 'zh-cn';
  private settings: InspectionSettings = EMPTY_SETTINGS;
  private pull = false;
  private canConfigure = false;
  private canRefreshDiagnostics = false;
  private canRefreshLenses = false;
  private canWatch = false;
  private folders: string[] = [];

  private readonly documents = new Map<string, OpenDocument>();
  private readonly checks = new Map<string, CheckedDocument>();
  private readonly workspaces = new Map<string, Promise<WorkspaceView | undefined>>();
  private schemaOnlyView: WorkspaceView | undefined;
  private readonly rootCache = new Map<string, string | undefined>();
  private readonly disk = new Map<string, DiskReport>();
  /** Per campaign: problems outside its YAML documents, by file. */
  private readonly outside = new Map<string, Map<string, CoreDiagnostic[]>>();
  /** Files whose diagnostics vanished (deleted, or left a campaign): reported empty once to pull clients. */
  private readonly gone = new Set<string>();
  /** URIs of files that are not open holding pushed diagnostics. */
  private readonly pushedDisk = new Set<string>();
  private readonly pushTimers = new Map<string, NodeJS.Timeout>();
  private readonly changedTimers = new Map<string, NodeJS.Timeout>();
  private readonly lastReports = new Map<string, Report>();
  private readonly stopWatching: (() => void)[] = [];
  private waiters: (() => void)[] = [];
  private nextResultId = 1;
  private indexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SessionDeps,
    options: Partial<SessionOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  get locale(): Locale {
    return this.settings.locale !== 'auto' ? this.settings.locale : toLocale(this.localeTag);
  }

  /** Whether the client pulls diagnostics (else the server pushes them). */
  get pullsDiagnostics(): boolean {
    return this.pull;
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle
  // -------------------------------------------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as Partial<InitializationOptions> & { diagnosticsDelayMs?: number };
    this.localeTag = init.locale ?? params.locale ?? 'zh-cn';
    if (init.settings) this.settings = { ...EMPTY_SETTINGS, ...init.settings };
    if (typeof init.diagnosticsDelayMs === 'number' && init.diagnosticsDelayMs >= 0) this.options.pushDelayMs = init.diagnosticsDelayMs;
    this.pull = !!caps.textDocument?.diagnostic;
    this.canConfigure = !!caps.workspace?.configuration;
    this.canRefreshDiagnostics = !!caps.workspace?.diagnostics?.refreshSupport;
    this.canRefreshLenses = !!caps.workspace?.codeLens?.refreshSupport;
    this.canWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const formats = caps.textDocument?.hover?.contentFormat;
    this.service = getLanguageService({
      fileToUri: (file) => this.uriOf(file),
      today: () => this.deps.today(),
      client: { markdown: !formats || formats.includes('markdown') },
    });
    this.folders = (params.workspaceFolders ?? [])
      .map((f: WorkspaceFolder) => uriToFile(f.uri))
      .filter((f): f is string => f !== undefined);
    if (this.folders.length === 0 && params.rootUri) {
      const root = uriToFile(params.rootUri);
      if (root) this.folders.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [EXPORT_SUPPLEMENT_COMMAND] },
        diagnosticProvider: this.pull ? { identifier: 'inspection-records', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'inspection-records' },
    };
  }

  /** After `initialized`: settings, file watching, then the campaign index. */
  async initialized(): Promise<void> {
    await this.readConfiguration();
    if (this.canWatch) this.canWatch = await this.deps.client.watchFiles(WATCH_GLOBS);
    this.indexing = this.indexFolders(this.folders);
    await this.indexing;
  }

  shutdown(): void {
    for (const t of [...this.pushTimers.values(), ...this.changedTimers.values()]) clearTimeout(t);
    this.pushTimers.clear();
    this.changedTimers.clear();
    for (const stop of this.stopWatching.splice(0)) stop();
    this.wake();
  }

  /** Settings changed: re-read them; a different locale or campaign setting reopens every campaign. */
  async configurationChanged(settings?: Partial<InspectionSettings>): Promise<void> {
    const before = JSON.stringify({ ...this.settings, locale: this.locale });
    if (settings) this.settings = { ...EMPTY_SETTINGS, ...settings };
    else await this.readConfiguration();
    if (JSON.stringify({ ...this.settings, locale: this.locale }) === before) return;
    const roots = [...this.workspaces.keys()];
    this.workspaces.clear();
    this.schemaOnlyView = undefined;
    this.checks.clear();
    this.indexing = this.indexRoots(roots);
    await this.indexing;
    this.revalidateOpen();
  }

  private async readConfiguration(): Promise<void> {
    if (!this.canConfigure) return;
    const s = await this.deps.client.configuration().catch(() => undefined);
    if (s) this.settings = { ...EMPTY_SETTINGS, ...s };
  }

  async workspaceFoldersChanged(added: string[], removed: string[]): Promise<void> {
    for (const folder of removed) {
      this.folders = this.folders.filter((f) => f !== folder);
      for (const root of [...this.workspaces.keys()]) if (isInside(root, folder)) this.dropCampaign(root);
    }
    this.folders.push(...added);
    this.indexing = this.indexFolders(added);
    await this.indexing;
  }

  // -------------------------------------------------------------------------------------------
  // Documents
  // -------------------------------------------------------------------------------------------

  didOpen(uri: string, version: number, text: string): void {
    this.documents.set(uri, { uri, file: uriToFile(uri), version, text });
    if (!this.pull) void this.validateAndPush(uri);
  }

  didChange(uri: string, version: number, text: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return this.didOpen(uri, version, text);
    if (doc.version === version && doc.text === text) return;
    doc.version = version;
    doc.text = text;
    if (!this.pull) this.schedulePush(uri);
    const file = doc.file;
    if (file) void this.rootOf(file).then((root) => root && this.campaignChangedSoon(root));
  }

  didClose(uri: string): void {
    const doc = this.documents.get(uri);
    this.documents.delete(uri);
    this.checks.delete(uri);
    this.lastReports.delete(uri);
    const timer = this.pushTimers.get(uri);
    if (timer) clearTimeout(timer);
    this.pushTimers.delete(uri);
    // a closed record stays listed with the problems of its saved text
    const file = doc?.file;
    if (!file) {
      if (!this.pull) this.deps.client.publishDiagnostics(uri, []);
      return;
    }
    void this.closed(uri, file);
  }

  /** After a close: the campaign forgets the editor's text (a file never saved is no record at all). */
  private async closed(uri: string, file: string): Promise<void> {
    if (!(await this.deps.fileExists(file))) {
      const ws = await this.workspaceFor(file);
      if (ws.root) {
        await ws.fileChanged(file, 'deleted');
        this.campaignChangedSoon(ws.root);
      }
      this.forgetDiskFile(file);
      if (!this.pull) this.deps.client.publishDiagnostics(uri, []);
    } else {
      await this.recheckDiskFiles([file], true);
      // the client last saw the editor's diagnostics for this URI: replace them even when the saved
      // text's report is the one already indexed
      if (!this.pull) this.pushDisk(file, this.disk.get(file)?.diagnostics ?? [], true);
    }
    this.afterDiskChange();
  }

  private schedulePush(uri: string): void {
    const prior = this.pushTimers.get(uri);
    if (prior) clearTimeout(prior);
    this.pushTimers.set(
      uri,
      setTimeout(() => {
        this.pushTimers.delete(uri);
        void this.validateAndPush(uri);
      }, this.options.pushDelayMs),
    );
  }

  private async validateAndPush(uri: string): Promise<void> {
    const checked = await this.checkedDocument(uri);
    if (!checked) return;
    this.deps.client.publishDiagnostics(uri, checked.report.diagnostics, checked.version);
  }

  private revalidateOpen(uris: Iterable<string> = this.documents.keys()): void {
    for (const uri of uris) {
      this.checks.delete(uri);
      if (!this.pull) void this.validateAndPush(uri);
    }
  }

  /** The document checked at its current version (checked now if the cache is older). */
  private async checkedDocument(uri: string): Promise<CheckedDocument | undefined> {
    for (;;) {
      const doc = this.documents.get(uri);
      if (!doc) return undefined;
      const cached = this.checks.get(uri);
      if (cached && cached.version === doc.version) return cached;
      const version = doc.version;
      const workspace = doc.file ? await this.workspaceFor(doc.file) : this.schemaOnly();
      // the text may have changed while the campaign was opening: check the newest
      if (this.documents.get(uri)?.version !== version) continue;
      const file = doc.file ?? uri;
      let check = workspace.checkDocument(file, doc.text);
      const outside = this.outside.get(workspace.root)?.get(file);
      if (outside?.length) check = { ...check, diagnostics: [...outside, ...check.diagnostics] };
      const ctx = this.service.context(uri, file, check, workspace.root ? workspace : undefined, this.locale);
      const report = this.reportOf(this.lastReports.get(uri), this.service.doValidation(ctx).diagnostics);
      this.lastReports.set(uri, report);
      const checked: CheckedDocument = { version, ctx, report };
      this.checks.set(uri, checked);
      return checked;
    }
  }

  /** A report keeps its predecessor's id when the diagnostics did not change, so pulls can say "unchanged". */
  private reportOf(previous: Report | undefined, diagnostics: Diagnostic[]): Report {
    if (previous && sameDiagnostics(previous.diagnostics, diagnostics)) return previous;
    return { resultId: String(this.nextResultId++), diagnostics };
  }

  // -------------------------------------------------------------------------------------------
  // Requests on one document
  // -------------------------------------------------------------------------------------------

  async documentDiagnostics(uri: string, previousResultId: string | undefined, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    cancelled(token);
    const checked = await this.checkedDocument(uri);
    cancelled(token);
    if (!checked) {
      // not open (the client asks anyway): the campaign index knows its saved text
      const file = uriToFile(uri);
      const disk = file ? this.disk.get(file) : undefined;
      return { kind: DocumentDiagnosticReportKind.Full, resultId: disk?.resultId, items: disk?.diagnostics ?? [] };
    }
    if (previousResultId !== undefined && previousResultId === checked.report.resultId) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: checked.report.resultId };
    }
    return { kind: DocumentDiagnosticReportKind.Full, resultId: checked.report.resultId, items: checked.report.diagnostics };
  }

  async hover(uri: string, position: Position, token?: CancellationToken): Promise<Hover | null> {
    const ctx = await this.contextFor(uri, token);
    return ctx ? this.service.doHover(ctx, position) : null;
  }

  async completion(uri: string, position: Position, token?: CancellationToken): Promise<CompletionList | null> {
    const ctx = await this.contextFor(uri, token);
    return ctx ? this.service.doComplete(ctx, position) : null;
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], token?: CancellationToken): Promise<CodeAction[]> {
    const ctx = await this.contextFor(uri, token);
    return ctx ? this.service.getCodeActions(ctx, diagnostics) : [];
  }

  async documentSymbols(uri: string, token?: CancellationToken): Promise<DocumentSymbol[]> {
    const ctx = await this.contextFor(uri, token);
    return ctx ? this.service.findDocumentSymbols(ctx) : [];
  }

  async codeLenses(uri: string, token?: CancellationToken): Promise<CodeLens[]> {
    const ctx = await this.contextFor(uri, token);
    return ctx ? this.service.getCodeLenses(ctx) : [];
  }

  private async contextFor(uri: string, token?: CancellationToken): Promise<DocumentContext | undefined> {
    cancelled(token);
    const checked = await this.checkedDocument(uri);
    // a request overtaken by a newer edit or cancelled meanwhile gets no stale answer
    cancelled(token);
    return checked?.ctx;
  }

  // -------------------------------------------------------------------------------------------
  // Campaigns and the index of records that are not open
  // -------------------------------------------------------------------------------------------

  private schemaOnly(): WorkspaceView {
    return (this.schemaOnlyView ??= this.deps.schemaOnly(this.locale));
  }

  private workspaceOptions(): WorkspaceOptions {
    return { locale: this.locale, settings: this.settings };
  }

  /** The campaign view of a file (opened on first use), or the schema-only view. */
  private async workspaceFor(file: string): Promise<WorkspaceView> {
    const root = await this.rootOf(file);
    if (!root) return this.schemaOnly();
    return (await this.campaign(root)) ?? this.schemaOnly();
  }

  private campaign(root: string): Promise<WorkspaceView | undefined> {
    let ws = this.workspaces.get(root);
    if (!ws) {
      ws = this.deps.openWorkspace(root, this.workspaceOptions()).catch((e: unknown) => {
        const message = serviceText(this.locale, 'log.openFailed', { root, error: errorText(e) });
        this.deps.client.log('error', message);
        this.deps.client.showMessage('error', message);
        return undefined;
      });
      this.workspaces.set(root, ws);
    }
    return ws;
  }

  private async rootOf(file: string): Promise<string | undefined> {
    // known campaigns first (nearest wins), then the folders above the file
    let best: string | undefined;
    for (const root of this.workspaces.keys()) if (isInside(file, root) && (!best || root.length > best.length)) best = root;
    if (best) return best;
    const dir = path.dirname(file);
    if (this.rootCache.has(dir)) return this.rootCache.get(dir);
    const found = await this.deps.findCampaignRoot(dir);
    this.rootCache.set(dir, found);
    return found;
  }

  private async indexFolders(folders: string[]): Promise<void> {
    const roots: string[] = [];
    for (const folder of folders) {
      const above = await this.deps.findCampaignRoot(folder);
      if (above) roots.push(above);
      else roots.push(...(await this.deps.findCampaignRoots(folder)));
    }
    await this.indexRoots([...new Set(roots)]);
  }

  private async indexRoots(roots: string[]): Promise<void> {
    if (roots.length === 0) return;
    const started = Date.now();
    const progress = await this.deps.client.progress(serviceText(this.locale, 'progress.indexing'));
    let total = 0;
    try {
      const items: { ws: WorkspaceView; file: string }[] = [];
      for (const root of roots) {
        const ws = await this.campaign(root);
        if (!ws) continue;
        if (!this.canWatch && this.deps.watchFolder) {
          this.stopWatching.push(this.deps.watchFolder(root, (file, change) => void this.filesChanged([{ file, change }])));
        }
        this.refreshOutside(ws);
        for (const file of this.filesOf(ws)) items.push({ ws, file });
      }
      total = items.length;
      await this.checkDiskFiles(items, false, (done) => {
        if (done % this.options.progressEvery === 0) {
          progress.report(Math.floor((done / total) * 100), serviceText(this.locale, 'progress.checked', { done, total }));
        }
      });
    } finally {
      progress.done();
    }
    this.deps.client.log('info', serviceText(this.locale, 'log.indexed', { campaigns: roots.length, files: total, ms: Date.now() - started }));
    this.afterDiskChange();
  }

  /** Every file of a campaign that has a report: its records and the files holding outside problems. */
  private filesOf(ws: WorkspaceView): Set<string> {
    return new Set([...ws.recordFiles(), ...(this.outside.get(ws.root)?.keys() ?? [])]);
  }

  /** Re-reads the problems the campaign has outside its YAML documents; returns the files whose set changed. */
  private refreshOutside(ws: WorkspaceView): string[] {
    const before = this.outside.get(ws.root) ?? new Map<string, CoreDiagnostic[]>();
    const after = new Map<string, CoreDiagnostic[]>();
    for (const { file, diagnostic } of ws.outsideProblems?.() ?? []) {
      const list = after.get(file) ?? [];
      list.push(diagnostic);
      after.set(file, list);
    }
    this.outside.set(ws.root, after);
    const changed: string[] = [];
    for (const file of new Set([...before.keys(), ...after.keys()])) {
      if (JSON.stringify(before.get(file) ?? []) !== JSON.stringify(after.get(file) ?? [])) changed.push(file);
    }
    return changed;
  }

  /**
   * Checks files that are not open into the index, one after the other (checking is CPU work:
   * concurrency would only add overhead), yielding now and then so that requests are answered.
   */
  private async checkDiskFiles(items: { ws: WorkspaceView; file: string }[], fromDisk: boolean, onEach?: (done: number) => void): Promise<void> {
    let sliceStart = Date.now();
    for (let done = 0; done < items.length; ) {
      const { ws, file } = items[done];
      await this.checkDiskFile(ws, file, fromDisk);
      done++;
      onEach?.(done);
      if (Date.now() - sliceStart >= INDEX_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
  }

  /**
   * The report of a file that is not open, from its saved text: the campaign's own check when it
   * keeps one (its text is the file's on disk, unless `fromDisk` says an editor buffer was checked
   * last), else a fresh read. Non-YAML files (registry exports) only carry their outside problems.
   */
  private async checkDiskFile(ws: WorkspaceView, file: string, fromDisk: boolean): Promise<void> {
    if (this.isOpen(file)) return;
    const outside = this.outside.get(ws.root)?.get(file) ?? [];
    const yaml = /\.ya?ml$/i.test(file);
    let diagnostics: Diagnostic[] | undefined;
    const stored = !fromDisk && yaml ? ws.checked?.(file) : undefined;
    const storedText = stored ? ws.textOf?.(file) : undefined;
    if (stored && storedText !== undefined) {
      const merged = outside.length > 0 ? { ...stored, diagnostics: [...outside, ...stored.diagnostics] } : stored;
      diagnostics = this.service.validateStored(merged, storedText, this.locale).diagnostics;
    } else if (yaml && (fromDisk || !ws.checked)) {
      // a view that keeps checks and has none for a file knows it as unreadable (an outside problem)
      const read = await this.deps.readText(file, this.locale);
      if (read.text !== undefined) {
        const check = ws.checkDocument(file, read.text);
        const merged = { ...check, diagnostics: [...read.problems, ...outside, ...check.diagnostics] };
        diagnostics = this.service.validateStored(merged, read.text, this.locale).diagnostics;
      } else {
        diagnostics = [...read.problems, ...outside].map(toLspDiagnostic);
      }
    }
    diagnostics ??= outside.map(toLspDiagnostic);
    const previous = this.disk.get(file);
    const report = this.reportOf(previous, diagnostics);
    this.disk.set(file, { ...report, root: ws.root });
    this.gone.delete(file);
    if (!this.pull && report !== previous) this.pushDisk(file, report.diagnostics);
  }

  private pushDisk(file: string, diagnostics: Diagnostic[], always = false): void {
    if (this.isOpen(file)) return;
    const uri = this.uriOf(file);
    if (diagnostics.length === 0 && !this.pushedDisk.has(uri) && !always) return;
    this.deps.client.publishDiagnostics(uri, diagnostics);
    if (diagnostics.length > 0) this.pushedDisk.add(uri);
    else this.pushedDisk.delete(uri);
  }

  private forgetDiskFile(file: string): void {
    if (!this.disk.delete(file)) return;
    this.gone.add(file);
    if (!this.pull) this.pushDisk(file, []);
  }

  /** Checks files again (or forgets those no campaign holds any more). */
  private async recheckDiskFiles(files: string[], fromDisk: boolean): Promise<void> {
    const known = new Map<WorkspaceView, Set<string>>();
    const items: { ws: WorkspaceView; file: string }[] = [];
    for (const file of files) {
      const ws = await this.workspaceFor(file);
      let set = known.get(ws);
      if (!set) known.set(ws, (set = ws.root ? this.filesOf(ws) : new Set()));
      if (set.has(file)) items.push({ ws, file });
      else this.forgetDiskFile(file);
    }
    await this.checkDiskFiles(items, fromDisk);
  }

  private dropCampaign(root: string): void {
    this.workspaces.delete(root);
    this.outside.delete(root);
    this.rootCache.clear();
    for (const [file, report] of [...this.disk]) if (report.root === root) this.forgetDiskFile(file);
  }

  /** Files changed on disk (`workspace/didChangeWatchedFiles`, or the server's own watcher). */
  async watchedFilesChanged(events: FileEvent[]): Promise<void> {
    const changes = events
      .map((e) => ({ file: uriToFile(e.uri), change: (e.type === FileChangeType.Created ? 'created' : e.type === FileChangeType.Deleted ? 'deleted' : 'changed') as FileChange }))
      .filter((c): c is { file: string; change: FileChange } => c.file !== undefined);
    await this.filesChanged(changes);
  }

  private async filesChanged(changes: { file: string; change: FileChange }[]): Promise<void> {
    await this.indexing;
    const openRecheck = new Set<string>();
    const diskRecheck = new Set<string>();
    const touched = new Set<string>();
    for (const { file, change } of changes) {
      this.rootCache.clear();
      if (isCampaignFileName(file)) {
        const root = path.dirname(file);
        if (change === 'deleted') {
          this.dropCampaign(root);
          this.revalidateOpen([...this.documents.values()].filter((d) => d.file && isInside(d.file, root)).map((d) => d.uri));
          continue;
        }
        if (!this.workspaces.has(root)) {
          await this.indexRoots([root]);
          this.revalidateOpen([...this.documents.values()].filter((d) => d.file && isInside(d.file, root)).map((d) => d.uri));
          touched.add(root);
          continue;
        }
      }
      for (const [root, pending] of [...this.workspaces]) {
        const ws = await pending;
        if (!ws) continue;
        // a file outside every campaign may still be named by one (a shared registry export)
        const owner = await this.rootOf(file);
        if (owner && owner !== root) continue;
        const before = this.filesOf(ws);
        const { recheck } = await ws.fileChanged(file, change);
        const outsideChanged = this.refreshOutside(ws);
        const targets = recheck === 'all' ? [...new Set([...before, ...this.filesOf(ws)])] : [...new Set([...recheck, ...outsideChanged])];
        if (targets.length > 0) touched.add(root);
        for (const f of targets) {
          const open = this.openUriOf(f);
          if (open) openRecheck.add(open);
          else diskRecheck.add(f);
        }
        if (recheck === 'all') {
          for (const d of this.documents.values()) if (d.file && isInside(d.file, root)) openRecheck.add(d.uri);
        }
      }
    }
    this.revalidateOpen(openRecheck);
    await this.recheckDiskFiles([...diskRecheck], false);
    if (openRecheck.size > 0 || diskRecheck.size > 0) this.afterDiskChange();
    for (const root of touched) this.campaignChangedSoon(root);
  }

  /** After the index changed: pull clients ask again (and a waiting workspace pull answers). */
  private afterDiskChange(): void {
    if (this.pull && this.canRefreshDiagnostics) this.deps.client.refreshDiagnostics();
    if (this.canRefreshLenses) this.deps.client.refreshCodeLenses();
    this.wake();
  }

  /**
   * `workspace/diagnostic`: reports of the records that are not open and changed since the client's
   * last results. When nothing changed the request waits until something does (the client
   * re-asks every few seconds otherwise), or until it is cancelled.
   */
  async workspaceDiagnostics(previous: { uri: string; value: string }[], token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    await this.indexing;
    const known = new Map(previous.map((p) => [uriToFile(p.uri) ?? p.uri, p.value]));
    for (;;) {
      cancelled(token);
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const [file, report] of this.disk) {
        if (this.isOpen(file) || known.get(file) === report.resultId) continue;
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: this.uriOf(file), version: null, resultId: report.resultId, items: report.diagnostics });
      }
      for (const file of this.gone) {
        if (known.has(file)) items.push({ kind: DocumentDiagnosticReportKind.Full, uri: this.uriOf(file), version: null, items: [] });
      }
      this.gone.clear();
      if (items.length > 0 || !token) return { items };
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Tells the client (debounced) that a campaign's figures may have changed. */
  private campaignChangedSoon(root: string): void {
    const prior = this.changedTimers.get(root);
    if (prior) clearTimeout(prior);
    this.changedTimers.set(
      root,
      setTimeout(() => {
        this.changedTimers.delete(root);
        this.deps.client.campaignChanged(fileToUri(root));
      }, CAMPAIGN_CHANGED_DELAY_MS),
    );
  }

  /** What the custom requests need: locale, settings, campaigns, problem counts, today. */
  requestHost(): RequestHost {
    return {
      locale: this.locale,
      settings: () => this.settings,
      campaignView: (root) => this.campaignView(root),
      campaignProblems: (root) => this.campaignProblems(root),
      today: () => this.deps.today(),
    };
  }

  /** The campaign view of a campaign folder (for the custom requests). */
  async campaignView(root: string): Promise<WorkspaceView | undefined> {
    await this.indexing;
    return this.campaign(path.resolve(root));
  }

  /** The text of a file: the editor's when it is open, else undefined. */
  openText(file: string): string | undefined {
    const uri = this.openUriOf(file);
    return uri ? this.documents.get(uri)?.text : undefined;
  }

  /** Problems of every file of a campaign (open ones at their current text), for summaries. */
  async campaignProblems(root: string): Promise<{ errors: number; warnings: number; filesWithErrors: number }> {
    await this.indexing;
    let errors = 0;
    let warnings = 0;
    let filesWithErrors = 0;
    // a veto hit or a 漏报 is a finding the figures already count; only errors in the data itself
    // (syntax, fields, dates, unreadable files) make the figures provisional
    const isFinding = (d: Diagnostic): boolean => /\((rule|registry)\)/.test(d.source ?? '');
    const count = (diagnostics: Diagnostic[]): void => {
      const e = diagnostics.filter((d) => d.severity === 1);
      errors += e.length;
      warnings += diagnostics.filter((d) => d.severity === 2).length;
      if (e.some((d) => !isFinding(d))) filesWithErrors++;
    };
    for (const [file, report] of this.disk) if (report.root === root && !this.isOpen(file)) count(report.diagnostics);
    for (const doc of this.documents.values()) {
      if (!doc.file || !isInside(doc.file, root)) continue;
      const checked = await this.checkedDocument(doc.uri);
      if (checked?.ctx.workspace?.root === root) count(checked.report.diagnostics);
    }
    return { errors, warnings, filesWithErrors };
  }

  private isOpen(file: string): boolean {
    return this.openUriOf(file) !== undefined;
  }

  private openUriOf(file: string): string | undefined {
    for (const doc of this.documents.values()) if (doc.file === file) return doc.uri;
    return undefined;
  }

  private uriOf(file: string): string {
    return this.openUriOf(file) ?? fileToUri(file);
  }
}

function isCampaignFileName(file: string): boolean {
  const base = path.basename(file);
  return base === 'campaign.yaml' || base === 'campaign.yml';
}

/** Whether `file` is `folder` or lies below it. */
function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

/** Throws the LSP cancellation error when the client cancelled the request. */
function cancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
