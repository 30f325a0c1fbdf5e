// A minimal LSP client over stdio for benchmarks: spawns a language server, frames JSON-RPC by
// hand (no client library between the clock and the pipe), answers the server's requests
// (workspace/configuration …), and times didChange → diagnostics, pushed or pulled. The same
// driver speaks to our server and to yaml-language-server, so the two figures are comparable.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface LspServerSpec {
  /** Shown in reports. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  /** Answers to workspace/configuration, by section (`yaml`, `inspectionRecords` …). */
  settings?: Record<string, unknown>;
  /** Advertise pull diagnostics (textDocument/diagnostic); default true. Without it servers push. */
  pull?: boolean;
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: string | number;
  severity?: number;
}

type Json = Record<string, unknown>;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  method: string;
}

/** A running language server and the JSON-RPC connection to it. */
export class LspClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly listeners = new Set<(method: string, params: Json) => void>();
  private exited: { code: number | null; signal: string | null } | undefined;
  private stderrTail = '';
  capabilities: Json = {};

  private constructor(readonly spec: LspServerSpec, readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    proc.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const p of this.pending.values()) p.reject(new Error(`${spec.name} exited (${code ?? signal}) during ${p.method}: ${this.stderrTail}`));
      this.pending.clear();
    });
  }

  /** Spawns the server and completes initialize/initialized for one workspace folder. */
  static async start(spec: LspServerSpec, rootUri: string): Promise<LspClient> {
    const proc = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(spec, proc);
    const result = (await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: spec.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...(spec.pull === false ? {} : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
        },
        window: { workDoneProgress: true },
      },
    })) as { capabilities?: Json };
    client.capabilities = result?.capabilities ?? {};
    client.notify('initialized', {});
    if (spec.settings) client.notify('workspace/didChangeConfiguration', { settings: spec.settings });
    return client;
  }

  /** Whether the server offers pull diagnostics (textDocument/diagnostic). */
  get pullsDiagnostics(): boolean {
    return this.capabilities.diagnosticProvider !== undefined;
  }

  request(method: string, params: unknown, timeoutMs = 120_000): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(`${this.spec.name} has exited: ${this.stderrTail}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.spec.name}: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification the predicate accepts (registered before the action that causes it). */
  waitFor<T = Json>(method: string, accept: (params: Json) => boolean, timeoutMs = 60_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`${this.spec.name}: no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (m: string, params: Json) => {
        if (m !== method || !accept(params)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(params as T);
      };
      this.listeners.add(listener);
    });
  }

  /** Resident and peak resident memory of the server process (Linux /proc), in bytes. */
  memory(): { rss: number; peak: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then kills the process if it lingers. */
  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await this.request('shutdown', null, 10_000);
      this.notify('exit', null);
    } catch {
      // a server that cannot shut down cleanly is killed below
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(message: Json): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`${this.spec.name}: bad LSP header ${JSON.stringify(header)}`);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Json);
    }
  }

  private dispatch(msg: Json): void {
    if (typeof msg.id === 'number' && !('method' in msg)) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${this.spec.name}: ${p.method} failed: ${JSON.stringify(msg.error)}`));
      else p.resolve(msg.result);
      return;
    }
    const method = String(msg.method);
    if ('id' in msg) {
      // a request from the server: answer what a plain editor would
      let result: unknown = null;
      if (method === 'workspace/configuration') {
        const items = ((msg.params as Json)?.items as { section?: string }[]) ?? [];
        result = items.map((i) => (i.section ? (this.spec.settings?.[i.section.split('.')[0]] ?? null) : (this.spec.settings ?? null)));
      } else if (method === 'workspace/workspaceFolders') {
        result = [];
      }
      this.send({ jsonrpc: '2.0', id: msg.id as number, result });
      return;
    }
    for (const l of [...this.listeners]) l(method, (msg.params as Json) ?? {});
  }
}

/** One document edit and the time until the server's diagnostics for it. */
export interface EditTiming {
  ms: number;
  diagnostics: number;
}

/**
 * Opens a document, then applies each text in turn as a full-content change and times until the
 * diagnostics for that version: pushed (publishDiagnostics) or, when the server offers it and
 * `mode` allows, pulled (textDocument/diagnostic sent right after the change).
 */
export async function timeEdits(
  client: LspClient,
  uri: string,
  texts: readonly string[],
  options: { mode?: 'auto' | 'push' | 'pull'; languageId?: string; timeoutMs?: number } = {},
): Promise<{ open: EditTiming; edits: EditTiming[]; mode: 'push' | 'pull' }> {
  const mode = options.mode === 'push' || (options.mode !== 'pull' && !client.pullsDiagnostics) ? 'push' : 'pull';
  const timeout = options.timeoutMs ?? 60_000;
  const languageId = options.languageId ?? 'yaml';
  const pushed = (version: number) =>
    client.waitFor<{ diagnostics: Diagnostic[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && (p.version === undefined || p.version === version),
      timeout,
    );
  const pull = async () => (await client.request('textDocument/diagnostic', { textDocument: { uri } }, timeout)) as { items?: Diagnostic[] };

  const measure = async (version: number, act: () => void): Promise<EditTiming> => {
    const waiting = mode === 'push' ? pushed(version) : undefined;
    const start = process.hrtime.bigint();
    act();
    const diags = mode === 'push' ? (await waiting!).diagnostics : ((await pull()).items ?? []);
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, diagnostics: diags.length };
  };

  let version = 1;
  const open = await measure(version, () => client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text: texts[0] } }));
  const edits: EditTiming[] = [];
  for (let i = 1; i < texts.length; i++) {
    version++;
    const text = texts[i];
    const v = version;
    edits.push(await measure(v, () => client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] })));
  }
  client.notify('textDocument/didClose', { textDocument: { uri } });
  return { open, edits, mode };
}
