// The language server's behaviour, without the connection: the session binds three parts — the open
// documents (checked once per version), the campaigns held open (and what a change on disk makes
// stale), and the diagnostics index of files that are not open — to the LSP methods. The wiring
// (server.ts) forwards LSP messages here and implements `LspClient`; tests drive this class directly.
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  FileChangeType,
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
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { isInsideAny } from '../core/actions';
import { toLocale } from '../core/l10n';
import type { CoreDiagnostic, FileChange, IsoDate, Locale } from '../core/model';
import type { InitializationOptions, InspectionSettings } from '../../../shared/protocol';
import { CampaignViews, isInside } from './campaignViews';
import { EXPORT_SUPPLEMENT_COMMAND } from './codeActions';
import { isLspFinding, toLspDiagnostic } from './diagnostics';
import { cancelled, DiagnosticsIndex, type Report } from './diagnosticsIndex';
import type { DocumentContext } from './documentContext';
import { fileToUri, uriToFile } from './fileUri';
import { getLanguageService, type LanguageService } from './languageService';
import type { LspClient } from './lspClient';
import { Debouncer, OpenDocuments } from './openDocuments';
import { serviceText } from './serviceText';
import type { WorkspaceView } from './workspaceView';

/** How a campaign is opened: the locale of its messages and the user's overriding settings. */
export interface WorkspaceOptions {
  locale: Locale;
  settings?: Partial<InspectionSettings>;
}

/** What the session needs from the outside world (files, campaigns), injected for tests. */
export interface SessionDeps<V extends WorkspaceView = WorkspaceView> {
  client: LspClient;
  openWorkspace(root: string, opts: WorkspaceOptions): Promise<V>;
  /** A quick view of a campaign (settings and profile, no index): the open document is checked with it first. */
  previewWorkspace?(root: string, opts: WorkspaceOptions): Promise<WorkspaceView>;
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

/** An open document checked at one version. */
interface CheckedDocument {
  version: number;
  ctx: DocumentContext;
  report: Report;
}

const EMPTY_SETTINGS: InspectionSettings = { locale: 'auto', profile: '', registryMapping: '', outputFolder: '', allowedFolders: [] };

export class InspectionSession<V extends WorkspaceView = WorkspaceView> {
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

  private readonly documents = new OpenDocuments(uriToFile);
  private readonly checks = new Map<string, CheckedDocument>();
  /** The last report of each open document (its result id survives re-checks that change nothing). */
  private readonly lastReports = new Map<string, Report>();
  private readonly pushes = new Debouncer();
  private readonly changedCampaigns = new Debouncer();
  private readonly campaigns: CampaignViews<V>;
  private readonly index: DiagnosticsIndex;
  private readonly stopWatching: (() => void)[] = [];
  private indexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SessionDeps<V>,
    options: Partial<SessionOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.campaigns = new CampaignViews<V>({
      openWorkspace: (root) => deps.openWorkspace(root, { locale: this.locale, settings: this.settings }),
      previewWorkspace: deps.previewWorkspace && ((root) => deps.previewWorkspace!(root, { locale: this.locale, settings: this.settings })),
      // documents checked with the campaign's preview now get its registry and duplicate findings
      opened: (root) => this.revalidateOpen(this.documents.filter((f) => isInside(f, root)).map((d) => d.uri)),
      schemaOnly: deps.schemaOnly,
      findCampaignRoot: deps.findCampaignRoot,
      findCampaignRoots: deps.findCampaignRoots,
      locale: () => this.locale,
      openFailed: (root, e) => {
        const message = serviceText(this.locale, 'log.openFailed', { root, error: e instanceof Error ? e.message : String(e) });
        deps.client.log('error', message);
        deps.client.showMessage('error', message);
      },
    });
    this.index = new DiagnosticsIndex({
      client: deps.client,
      pulls: () => this.pull,
      isOpen: (file) => this.documents.isOpen(file),
      uriOf: (file) => this.uriOf(file),
      fileOf: uriToFile,
    });
  }

  get locale(): Locale {
    return this.settings.locale !== 'auto' ? this.settings.locale : toLocale(this.localeTag);
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
    // a request that comes while the settings are read (a status bar asking right after a restart)
    // waits for them and for the index, instead of opening a campaign with no settings yet
    const setup = (async () => {
      await this.readConfiguration();
      this.logSettings('initialize');
      if (this.canWatch) this.canWatch = await this.deps.client.watchFiles(WATCH_GLOBS);
    })();
    this.indexing = setup.catch(() => undefined);
    await setup;
    await this.indexRoots(this.campaigns.rootsOf(this.folders));
  }

  shutdown(): void {
    this.pushes.clear();
    this.changedCampaigns.clear();
    for (const stop of this.stopWatching.splice(0)) stop();
    this.index.stop();
    this.index.wake();
  }

  /** Settings changed: re-read them; a different locale or campaign setting reopens every campaign. */
  async configurationChanged(settings?: Partial<InspectionSettings>): Promise<void> {
    const before = JSON.stringify({ ...this.settings, locale: this.locale });
    if (settings) this.settings = { ...EMPTY_SETTINGS, ...settings };
    else await this.readConfiguration();
    this.logSettings(settings ? 'didChangeConfiguration' : 'workspace/configuration');
    if (JSON.stringify({ ...this.settings, locale: this.locale }) === before) return;
    const roots = this.campaigns.closeAll();
    this.checks.clear();
    await this.indexRoots(Promise.resolve(roots));
    this.revalidateOpen();
  }

  private async readConfiguration(): Promise<void> {
    if (!this.canConfigure) return;
    const s = await this.deps.client.configuration().catch(() => undefined);
    if (s) this.settings = { ...EMPTY_SETTINGS, ...s };
  }

  /** The settings in force, in the server's log (where they came from, what they name). */
  private logSettings(source: string): void {
    const s = this.settings;
    this.deps.client.log('info', serviceText(this.locale, 'log.settings', { source, profile: s.profile, allowed: s.allowedFolders.length, output: s.outputFolder }));
  }

  async workspaceFoldersChanged(added: string[], removed: string[]): Promise<void> {
    for (const folder of removed) {
      this.folders = this.folders.filter((f) => f !== folder);
      for (const root of this.campaigns.roots()) if (isInside(root, folder)) this.dropCampaign(root);
    }
    this.folders.push(...added);
    await this.indexRoots(this.campaigns.rootsOf(added));
  }

  // -------------------------------------------------------------------------------------------
  // Open documents
  // -------------------------------------------------------------------------------------------

  didOpen(uri: string, version: number, text: string): void {
    this.documents.open(uri, version, text);
    if (!this.pull) void this.validateAndPush(uri);
  }

  didChange(uri: string, version: number, text: string): void {
    const doc = this.documents.get(uri);
    if (!doc) return this.didOpen(uri, version, text);
    if (!this.documents.change(doc, version, text)) return;
    if (!this.pull) this.pushes.schedule(uri, this.options.pushDelayMs, () => void this.validateAndPush(uri));
    const file = doc.file;
    if (file) void this.campaigns.rootOf(file).then((root) => root && this.campaignChangedSoon(root));
  }

  didClose(uri: string): void {
    const doc = this.documents.close(uri);
    this.checks.delete(uri);
    this.lastReports.delete(uri);
    this.pushes.cancel(uri);
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
      const view = await this.campaigns.viewFor(file);
      if (view.root) {
        await view.fileChanged(file, 'deleted');
        this.campaignChangedSoon(view.root);
      }
      this.index.forget(file);
      if (!this.pull) this.deps.client.publishDiagnostics(uri, []);
    } else {
      await this.recheckDiskFiles([file], true);
      // the client last saw the editor's diagnostics for this URI: replace them even when the saved
      // text's report is the one already indexed
      if (!this.pull) this.index.push(file, this.index.get(file)?.diagnostics ?? [], true);
    }
    this.afterDiskChange();
  }

  private async validateAndPush(uri: string): Promise<void> {
    const checked = await this.checkedDocument(uri);
    if (!checked) return;
    this.deps.client.publishDiagnostics(uri, checked.report.diagnostics, checked.version);
  }

  private revalidateOpen(uris: Iterable<string> = this.documents.uris()): void {
    for (const uri of [...uris]) {
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
      const view = doc.file ? await this.campaigns.viewNow(doc.file) : this.campaigns.schemaOnly();
      // the text may have changed while the campaign was opening: check the newest
      if (this.documents.get(uri)?.version !== version) continue;
      const file = doc.file ?? uri;
      let check = view.checkDocument(file, doc.text);
      const outside = view.root ? this.campaigns.outsideOf(view.root, file) : [];
      if (outside.length) check = { ...check, diagnostics: [...outside, ...check.diagnostics] };
      const ctx = this.service.context(uri, file, check, view.root ? view : undefined, this.locale);
      const report = this.index.report(this.lastReports.get(uri), this.service.doValidation(ctx).diagnostics);
      this.lastReports.set(uri, report);
      const checked: CheckedDocument = { version, ctx, report };
      this.checks.set(uri, checked);
      return checked;
    }
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
      const disk = file ? this.index.get(file) : undefined;
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
  // The index of files that are not open
  // -------------------------------------------------------------------------------------------

  /** Opens campaigns and checks their files into the index, with progress. */
  private indexRoots(pendingRoots: Promise<string[]>): Promise<void> {
    const run = async (): Promise<void> => {
      await previous;
      const roots = await pendingRoots;
      if (roots.length === 0) return;
      const started = Date.now();
      const progress = await this.deps.client.progress(serviceText(this.locale, 'progress.indexing'));
      let total = 0;
      try {
        const items: { view: WorkspaceView; file: string }[] = [];
        for (const root of roots) {
          const view = await this.campaigns.campaign(root);
          if (!view) continue;
          if (!this.canWatch && this.deps.watchFolder) {
            this.stopWatching.push(this.deps.watchFolder(root, (file, change) => void this.filesChanged([{ file, change }])));
          }
          this.campaigns.refreshOutside(view);
          for (const file of this.campaigns.filesOf(view)) items.push({ view, file });
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
    };
    const previous = this.indexing;
    this.indexing = run();
    return this.indexing;
  }

  /**
   * Checks files that are not open into the index, one after the other (checking is CPU work:
   * concurrency would only add overhead), yielding now and then so that requests are answered.
   */
  private async checkDiskFiles(items: { view: WorkspaceView; file: string }[], fromDisk: boolean, onEach?: (done: number) => void): Promise<void> {
    let sliceStart = Date.now();
    for (let done = 0; done < items.length; ) {
      const { view, file } = items[done];
      await this.checkDiskFile(view, file, fromDisk);
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
  private async checkDiskFile(view: WorkspaceView, file: string, fromDisk: boolean): Promise<void> {
    if (this.documents.isOpen(file)) return;
    const outside = this.campaigns.outsideOf(view.root, file);
    const yaml = /\.ya?ml$/i.test(file);
    let diagnostics: Diagnostic[] | undefined;
    const stored = !fromDisk && yaml ? view.checked?.(file) : undefined;
    const storedText = stored ? view.textOf?.(file) : undefined;
    if (stored && storedText !== undefined) {
      const merged = outside.length > 0 ? { ...stored, diagnostics: [...outside, ...stored.diagnostics] } : stored;
      diagnostics = this.service.validateStored(merged, storedText, this.locale).diagnostics;
    } else if (yaml && (fromDisk || !view.checked)) {
      // a view that keeps checks and has none for a file knows it as unreadable (an outside problem)
      const read = await this.deps.readText(file, this.locale);
      if (read.text !== undefined) {
        const check = view.checkDocument(file, read.text);
        const merged = { ...check, diagnostics: [...read.problems, ...outside, ...check.diagnostics] };
        diagnostics = this.service.validateStored(merged, read.text, this.locale).diagnostics;
      } else {
        diagnostics = [...read.problems, ...outside].map(toLspDiagnostic);
      }
    }
    this.index.set(file, view.root, diagnostics ?? outside.map(toLspDiagnostic));
  }

  /** Checks files again (or forgets those no campaign holds any more). */
  private async recheckDiskFiles(files: string[], fromDisk: boolean): Promise<void> {
    const known = new Map<WorkspaceView, Set<string>>();
    const items: { view: WorkspaceView; file: string }[] = [];
    for (const file of files) {
      const view = await this.campaigns.viewFor(file);
      let set = known.get(view);
      if (!set) known.set(view, (set = view.root ? this.campaigns.filesOf(view) : new Set()));
      if (set.has(file)) items.push({ view, file });
      else this.index.forget(file);
    }
    await this.checkDiskFiles(items, fromDisk);
  }

  private dropCampaign(root: string): void {
    this.campaigns.drop(root);
    this.index.forgetCampaign(root);
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
    const effect = await this.campaigns.filesChanged(changes);
    const inside = (root: string) => this.documents.filter((f) => isInside(f, root)).map((d) => d.uri);
    for (const root of effect.dropped) {
      this.index.forgetCampaign(root);
      this.revalidateOpen(inside(root));
    }
    if (effect.opened.length > 0) {
      await this.indexRoots(Promise.resolve(effect.opened));
      for (const root of effect.opened) {
        this.revalidateOpen(inside(root));
        effect.touched.add(root);
      }
    }
    const openRecheck = new Set<string>();
    const diskRecheck: string[] = [];
    for (const f of effect.files) {
      const open = this.documents.uriOfFile(f);
      if (open) openRecheck.add(open);
      else diskRecheck.push(f);
    }
    for (const root of effect.wholeCampaigns) for (const uri of inside(root)) openRecheck.add(uri);
    this.revalidateOpen(openRecheck);
    await this.recheckDiskFiles(diskRecheck, false);
    if (openRecheck.size > 0 || diskRecheck.length > 0) this.afterDiskChange();
    for (const root of effect.touched) this.campaignChangedSoon(root);
  }

  /** After the index changed: pull clients ask again (and a waiting workspace pull answers). */
  private afterDiskChange(): void {
    if (this.pull && this.canRefreshDiagnostics) this.deps.client.refreshDiagnostics();
    if (this.canRefreshLenses) this.deps.client.refreshCodeLenses();
    this.index.wake();
  }

  /** `workspace/diagnostic`: see DiagnosticsIndex.workspaceDiagnostics. */
  async workspaceDiagnostics(previous: { uri: string; value: string }[], token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    await this.indexing;
    return this.index.workspaceDiagnostics(previous, token);
  }

  /** Tells the client (debounced) that a campaign's figures may have changed. */
  private campaignChangedSoon(root: string): void {
    this.changedCampaigns.schedule(root, CAMPAIGN_CHANGED_DELAY_MS, () => this.deps.client.campaignChanged(fileToUri(root)));
  }

  // -------------------------------------------------------------------------------------------
  // What the custom requests need
  // -------------------------------------------------------------------------------------------

  /** Locale, settings, campaigns, problem counts, today. */
  requestHost(): { locale: Locale; settings(): InspectionSettings; campaign(root: string): Promise<V | undefined>; campaignProblems(root: string): Promise<{ errors: number; warnings: number; filesWithErrors: number }>; today(): IsoDate; mayUse(file: string): Promise<boolean> } {
    return {
      locale: this.locale,
      settings: () => this.settings,
      // a request may name what the user opened (workspace folders, campaigns already open) or allowed
      mayUse: async (file) => this.campaigns.has(file) || (await isInsideAny(file, [...this.folders, ...this.settings.allowedFolders])),
      campaign: (root) => this.campaignView(root),
      campaignProblems: (root) => this.campaignProblems(root),
      today: () => this.deps.today(),
    };
  }

  /** The campaign view of a campaign folder, once the index is built. */
  async campaignView(root: string): Promise<V | undefined> {
    await this.indexing;
    return this.campaigns.campaign(root);
  }

  /** Problems of every file of a campaign (open ones at their current text), for summaries. */
  async campaignProblems(root: string): Promise<{ errors: number; warnings: number; filesWithErrors: number }> {
    await this.indexing;
    let errors = 0;
    let warnings = 0;
    let filesWithErrors = 0;
    // a veto hit or a 漏报 is a finding the figures already count (and never an error); only errors
    // in the data itself (syntax, fields, dates, unreadable files) make the figures provisional
    const count = (diagnostics: Diagnostic[]): void => {
      const e = diagnostics.filter((d) => d.severity === 1 && !isLspFinding(d));
      errors += e.length;
      warnings += diagnostics.filter((d) => d.severity === 2 && !isLspFinding(d)).length;
      if (e.length > 0) filesWithErrors++;
    };
    for (const [file, report] of this.index.entries()) if (report.root === root && !this.documents.isOpen(file)) count(report.diagnostics);
    for (const doc of this.documents.filter((f) => isInside(f, root))) {
      const checked = await this.checkedDocument(doc.uri);
      if (checked?.ctx.workspace?.root === root) count(checked.report.diagnostics);
    }
    return { errors, warnings, filesWithErrors };
  }

  private uriOf(file: string): string {
    return this.documents.uriOfFile(file) ?? fileToUri(file);
  }
}
