// A minimal LSP client for protocol tests: spawns the bundled server (`node dist/server.js --stdio`),
// answers the server's requests as a configurable client would, and records its notifications.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type PublishDiagnosticsParams,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'lsp');

/** A client that asks for diagnostics (VS Code): pull, refresh, dynamic watchers, progress, configuration. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  window: { workDoneProgress: true },
};

/** A client that only receives pushed diagnostics (Neovim 0.7): no pull, no watchers, no progress. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true },
  },
  workspace: { configuration: false, workspaceFolders: false },
};

/** Copies a fixture campaign to a fresh temporary folder (tests may change it on disk). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-lsp-'));
  const target = path.join(dir, name);
  cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** The position of `needle` in `text` (its start, or `offset` characters into it), never hand-counted. */
export function positionOf(text: string, needle: string, offset = 0): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in the document: ${needle}`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

export interface ServerRequestLog {
  method: string;
  params: unknown;
}

export class LspTestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly serverRequests: ServerRequestLog[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
  /** Every message from the server in the order it came: `publish <uri>`, or the method (and its message, if any). */
  readonly arrivals: string[] = [];
  private readonly listeners: (() => void)[] = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> = {};
  /** The action title the user "chooses" in window/showMessageRequest (null: dismissed). */
  answer: string | null = null;

  private constructor(readonly process: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.arrivals.push(`publish ${p.uri}`);
      this.diagnostics.set(p.uri, list);
      this.changed();
    });
    this.connection.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      const message = (params as { message?: unknown } | null)?.message;
      this.arrivals.push(typeof message === 'string' ? `${method} ${message}` : method);
      this.changed();
    });
    this.connection.onRequest((method: string, params: unknown) => {
      this.serverRequests.push({ method, params });
      this.changed();
      if (method === 'window/showMessageRequest') return this.answer === null ? null : { title: this.answer };
      if (method === 'workspace/configuration') return ((params as { items: unknown[] }).items ?? []).map(() => this.settings);
      if (method === 'window/workDoneProgress/create') {
        this.connection.onProgress(WorkDoneProgress.type, (params as { token: string | number }).token, (value) => {
          this.progress.push(value);
          this.changed();
        });
      }
      return null;
    });
    this.connection.listen();
  }

  /** Spawns the bundled server. */
  static start(): LspTestClient {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new LspTestClient(child);
  }

  async initialize(capabilities: ClientCapabilities, folder: string | undefined, initializationOptions: unknown = { locale: 'zh-cn' }): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? uriOf(folder) : null,
      workspaceFolders: folder ? [{ uri: uriOf(folder), name: path.basename(folder) }] : null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(file: string, text: string): string {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (an incremental change covering the document). */
  change(uri: string, oldText: string, newText: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const lines = oldText.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text: newText }],
    });
  }

  /** An incremental edit: replace `range` by `text`. */
  edit(uri: string, range: { start: Position; end: Position }, text: string): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The latest pushed diagnostics of a URI. */
  latest(uri: string): Diagnostic[] | undefined {
    const list = this.diagnostics.get(uri);
    return list ? list[list.length - 1].diagnostics : undefined;
  }

  /** Waits until `test` holds (re-evaluated on every message from the server). */
  waitFor<T>(test: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const v = test();
        if (v !== undefined && v !== false) {
          clearTimeout(timer);
          resolve(v);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners.splice(i, 1);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const listener = (): void => {
        if (check()) this.listeners.splice(this.listeners.indexOf(listener), 1);
      };
      if (!check()) this.listeners.push(listener);
    });
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) {
      await new Promise((r) => {
        const t = setTimeout(() => {
          this.process.kill();
          r(undefined);
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(t);
          r(undefined);
        });
      });
    }
  }
}

/** Removes a temporary copy made by `copyFixture`. */
export function removeCopy(folder: string): void {
  rmSync(path.dirname(folder), { recursive: true, force: true });
}
