// Runs a real VS Code (code-server 4.100.3, the VS Code 1.100.3 workbench) for the end-to-end tests:
// installs the built .vsix into throw-away user-data and extensions folders, starts the server on a
// free 127.0.0.1 port in its own process group, and stops that group afterwards. Everything it
// writes (settings, logs, caches, temp files) stays in one temporary run folder.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** publisher.name of our extension. */
export const EXTENSION_ID = 'inspection-records.inspection-records';

/** Installs code-server into its cache when needed (scripts/ensure-code-server.sh); returns its entry script. */
export function ensureCodeServer(): string {
  const out = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const entry = out.trim().split('\n').pop() ?? '';
  if (!existsSync(entry)) throw new Error(`ensure-code-server.sh gave no code-server entry (${entry})`);
  return entry;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunFolders {
  root: string;
  extensions: string;
  userData: string;
  workspace: string;
  browserProfile: string;
}

/** Creates the run folder's layout under `root`. */
export function runFolders(root: string): RunFolders {
  const f = {
    root,
    extensions: path.join(root, 'extensions'),
    userData: path.join(root, 'user-data'),
    workspace: path.join(root, 'workspace'),
    browserProfile: path.join(root, 'chromium-profile'),
  };
  for (const dir of [...Object.values(f), ...['xdg-config', 'xdg-data', 'xdg-cache', 'tmp'].map((d) => path.join(root, d))]) {
    mkdirSync(dir, { recursive: true });
  }
  return f;
}

/** Environment that keeps code-server (and what it starts) inside the run folder. */
function runEnv(root: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
    TMPDIR: path.join(root, 'tmp'),
  };
}

/** Workbench settings for a quiet, offline, deterministic session. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'security.workspace.trust.enabled': false,
};

/**
 * Installs the extensions (.vsix files) and writes the user settings. With `zhCnPack` (the folder
 * of an installed language pack contributing `zh-cn`), registers it the way VS Code's language-pack
 * service does (user-data/languagepacks.json), so `--locale zh-cn` takes effect at the first start.
 */
export function installExtensions(entry: string, f: RunFolders, vsixFiles: string[], settings: Record<string, unknown>, machineSettings: Record<string, unknown> = {}): void {
  const args = [entry, '--extensions-dir', f.extensions, '--user-data-dir', f.userData];
  for (const vsix of vsixFiles) args.push('--install-extension', vsix);
  execFileSync(process.execPath, args, { env: runEnv(f.root), stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(path.join(f.userData, 'User'), { recursive: true });
  writeFileSync(path.join(f.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  // machine-scoped settings of a remote window (code-server is one) are the remote machine's own
  // settings: VS Code stops applying them from the user settings once the configuration is read again
  mkdirSync(path.join(f.userData, 'Machine'), { recursive: true });
  writeFileSync(path.join(f.userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
}

/** Registers an installed language pack for its languages (what VS Code does after an interactive install). */
export function registerLanguagePack(f: RunFolders, extensionId: string): void {
  const folder = readdirSync(f.extensions).find((d) => d.toLowerCase().startsWith(`${extensionId.toLowerCase()}-`));
  if (!folder) throw new Error(`language pack ${extensionId} not installed`);
  const location = path.join(f.extensions, folder);
  const manifest = JSON.parse(readFileSync(path.join(location, 'package.json'), 'utf8')) as {
    version: string;
    contributes: { localizations: { languageId: string; localizedLanguageName?: string; translations: { id: string; path: string }[] }[] };
  };
  const packs: Record<string, unknown> = {};
  for (const loc of manifest.contributes.localizations) {
    const translations: Record<string, string> = {};
    for (const t of loc.translations) translations[t.id] = path.join(location, t.path);
    packs[loc.languageId] = {
      hash: createHash('md5').update(extensionId).update(manifest.version).digest('hex'),
      extensions: [{ extensionIdentifier: { id: extensionId }, version: manifest.version }],
      translations,
      label: loc.localizedLanguageName ?? loc.languageId,
    };
  }
  writeFileSync(path.join(f.userData, 'languagepacks.json'), JSON.stringify(packs));
}

export interface CodeServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts code-server on a free port in its own process group and waits for /healthz. */
export async function startCodeServer(entry: string, f: RunFolders, folder: string, locale: string): Promise<CodeServer> {
  const port = await freePort();
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--locale', locale,
    '--extensions-dir', f.extensions,
    '--user-data-dir', f.userData,
    folder,
  ];
  const child = spawn(process.execPath, args, { env: runEnv(f.root), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: the server, its extension host, our language server
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, process: child, output: () => log, stop };
}

/** All files below `dir` whose path satisfies `accept`, oldest first. */
export function findFiles(dir: string, accept: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && accept(file)) out.push(file);
  }
  return out.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** The extension host's log (activation and activation errors) and our output channel's log. */
export function extensionLogs(f: RunFolders): { host: string; ours: string } {
  const logs = path.join(f.userData, 'logs');
  const read = (files: string[]) => files.map((p) => readFileSync(p, 'utf8')).join('\n');
  return {
    host: read(findFiles(logs, (p) => path.basename(p) === 'remoteexthost.log')),
    // a log output channel writes <logs>/<session>/exthost1/<extension id>/<channel name>.log
    ours: read(findFiles(logs, (p) => path.basename(path.dirname(p)) === EXTENSION_ID && p.endsWith('.log'))),
  };
}
