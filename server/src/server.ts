// The language server's entry point (bundled to dist/server.js; `node dist/server.js --stdio`).
// Thin wiring only: each LSP method is bound to the session, and the session's calls back to the
// client (`LspClient`) are implemented here with the connection, as no-ops where the client lacks
// the capability. Everything else lives in service/.
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  createConnection,
  type ClientCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BoundedFrames, MAX_MESSAGE_BYTES, type DroppedInput } from './boundedInput';
import { allowedFolders, cacheFolder, findCampaignRoot, findCampaignRootsBelow, language, openCampaign, previewCampaign, type Campaign } from './core/actions';
import {
  CampaignChangedNotification,
  CampaignSummaryRequest,
  ExportSupplementRequest,
  GenerateBulletinRequest,
  NewRecordSkeletonRequest,
  ProbeWebsiteRequest,
  RecheckPreviousRequest,
  RegistryEntriesRequest,
  type InspectionSettings,
} from '../../shared/protocol';
import { EXPORT_SUPPLEMENT_COMMAND } from './service/codeActions';
import {
  campaignSummary,
  exportSupplementCommand,
  exportSupplementRequest,
  generateBulletinRequest,
  newRecordSkeleton,
  recheckPreviousRequest,
  registryEntriesRequest,
} from './service/customRequests';
import { uriToFile } from './service/fileUri';
import { InspectionSession, type WorkspaceOptions } from './service/inspectionSession';
import { probeWebsite } from './service/probeRequest';
import type { LspClient, ProgressReporter } from './service/lspClient';

// Over stdio the input is framed and bounded first (boundedInput.ts): an oversized or malformed
// message is dropped, said in the log, and the connection goes on. IPC (VS Code) passes whole objects.
let dropped: (d: DroppedInput) => void = () => undefined;
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new BoundedFrames((d) => dropped(d))), process.stdout)
  : createConnection(ProposedFeatures.all);
dropped = (d) => connection.console.warn(d.reason === 'tooLarge' ? `dropped a message of ${d.bytes} bytes (limit ${MAX_MESSAGE_BYTES})` : `dropped input that is no LSP header: ${JSON.stringify(d.header)}`);
const documents = new TextDocuments(TextDocument);

// A failure in one background task (a debounced check, a file event) is logged and the server goes
// on: exiting would drop every open document, and an editor stops restarting a server that keeps
// crashing.
process.on('uncaughtException', (e) => connection.console.error(`uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
let capabilities: ClientCapabilities = {};

const silentProgress: ProgressReporter = { report: () => undefined, done: () => undefined };

const client: LspClient = {
  publishDiagnostics: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
  refreshDiagnostics: () => {
    if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
  },
  refreshCodeLenses: () => {
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  },
  progress: async (title) => {
    if (!capabilities.window?.workDoneProgress) return silentProgress;
    const reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
    if (!reporter) return silentProgress;
    reporter.begin(title, 0, undefined, false);
    return { report: (percentage, message) => (message === undefined ? reporter.report(percentage) : reporter.report(percentage, message)), done: () => reporter.done() };
  },
  log: (level, message) => connection.console[level](message),
  showMessage: (level, message) => {
    const type = level === 'error' ? MessageType.Error : level === 'warn' ? MessageType.Warning : MessageType.Info;
    void connection.sendNotification(ShowMessageNotification.type, { type, message });
  },
  ask: async (level, message, actions) => {
    const items = actions.map((title) => ({ title }));
    const show = level === 'error' ? connection.window.showErrorMessage : level === 'warn' ? connection.window.showWarningMessage : connection.window.showInformationMessage;
    const chosen = await show.call(connection.window, message, ...items).catch(() => undefined);
    return chosen?.title;
  },
  configuration: async () => {
    if (!capabilities.workspace?.configuration) return undefined;
    const value = (await connection.workspace.getConfiguration('inspectionRecords')) as Partial<InspectionSettings> | null;
    return value ?? undefined;
  },
  watchFiles: async (globs) => {
    if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return false;
    try {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) });
      return true;
    } catch {
      return false;
    }
  },
  campaignChanged: (campaignUri) => void connection.sendNotification(CampaignChangedNotification, { campaignUri }),
};

/** How the server opens a campaign: the editor's locale, and its settings overriding campaign.yaml (empty: the campaign's own). */
const campaignOptions = (opts: WorkspaceOptions) => ({
  locale: opts.locale,
  profile: opts.settings?.profile || undefined,
  registryMapping: opts.settings?.registryMapping || undefined,
  // the user's own allowance only: their setting and the environment, never a workspace's files
  allowed: allowedFolders(process.env, '/', opts.settings?.allowedFolders ?? []),
});

const session = new InspectionSession<Campaign>({
  client,
  openWorkspace: async (root, opts) => {
    // the result cache makes reopening a large campaign fast; the registry is loaded even when every
    // record came from the cache, since completion and every later check need its rows
    const campaign = await openCampaign(root, { ...campaignOptions(opts), cache: cacheFolder(process.env) });
    await campaign.loadRegistry();
    return campaign;
  },
  previewWorkspace: (root, opts) => previewCampaign(root, campaignOptions(opts)),
  schemaOnly: (locale) => ({
    root: '',
    recordFiles: () => [],
    checkDocument: (file, text) => language.checkStandalone(file, text, locale),
    fileChanged: async () => ({ recheck: [] }),
    registryRows: () => [],
    profile: () => undefined,
  }),
  findCampaignRoot,
  findCampaignRoots: findCampaignRootsBelow,
  readText: language.readDocument,
  fileExists: language.fileExists,
  today: () => language.todayInChina(),
  watchFolder: language.watchFolder,
});

connection.onInitialize((params) => {
  capabilities = params.capabilities;
  return session.initialize(params);
});
connection.onInitialized(() => {
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const files = (list: { uri: string }[]): string[] => list.map((f) => uriToFile(f.uri)).filter((f): f is string => f !== undefined);
      void session.workspaceFoldersChanged(files(e.added), files(e.removed));
    });
  }
  void session.initialized().catch((e: unknown) => connection.console.error(String(e instanceof Error ? e.stack : e)));
});
connection.onShutdown(() => session.shutdown());

documents.onDidOpen((e) => session.didOpen(e.document.uri, e.document.version, e.document.getText()));
documents.onDidChangeContent((e) => session.didChange(e.document.uri, e.document.version, e.document.getText()));
documents.onDidClose((e) => session.didClose(e.document.uri));

connection.languages.diagnostics.on((p, token) => session.documentDiagnostics(p.textDocument.uri, p.previousResultId, token));
connection.languages.diagnostics.onWorkspace((p, token) => session.workspaceDiagnostics(p.previousResultIds, token));
connection.onHover((p, token) => session.hover(p.textDocument.uri, p.position, token));
connection.onCompletion((p, token) => session.completion(p.textDocument.uri, p.position, token));
connection.onCodeAction((p, token) => session.codeActions(p.textDocument.uri, p.context.diagnostics, token));
connection.onDocumentSymbol((p, token) => session.documentSymbols(p.textDocument.uri, token));
connection.onCodeLens((p, token) => session.codeLenses(p.textDocument.uri, token));
connection.onDidChangeWatchedFiles((p) => void session.watchedFilesChanged(p.changes));
connection.onDidChangeConfiguration((p) => {
  const pushed = (p.settings as { inspectionRecords?: Partial<InspectionSettings> } | null)?.inspectionRecords;
  void session.configurationChanged(pushed);
});
connection.onExecuteCommand(async (p) => {
  if (p.command === EXPORT_SUPPLEMENT_COMMAND && typeof p.arguments?.[0] === 'string') await exportSupplementCommand(session.requestHost(), client, p.arguments[0]);
});
connection.onRequest(CampaignSummaryRequest, (p) => campaignSummary(session.requestHost(), p));
connection.onRequest(GenerateBulletinRequest, (p) => generateBulletinRequest(session.requestHost(), p));
connection.onRequest(RegistryEntriesRequest, (p) => registryEntriesRequest(session.requestHost(), p));
connection.onRequest(NewRecordSkeletonRequest, (p) => newRecordSkeleton(session.requestHost(), p));
connection.onRequest(ExportSupplementRequest, (p) => exportSupplementRequest(session.requestHost(), p));
connection.onRequest(RecheckPreviousRequest, (p) => recheckPreviousRequest(session.requestHost(), p));
connection.onRequest(ProbeWebsiteRequest, (p) => probeWebsite(session.requestHost(), p, documents.get(p.uri)));

documents.listen(connection);
connection.listen();
