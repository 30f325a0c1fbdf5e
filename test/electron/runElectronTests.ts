// Runs the extension's workbench tests in a desktop VS Code (Electron) with @vscode/test-electron:
// the same assertions as the code-server suite, through the extension API instead of the DOM. For
// machines that have VS Code (or can download it); see README.md. Not part of `npm test`.
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chooseScenario } from '../e2e/scenario';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The VS Code release the code-server suite runs (code-server 4.100.3). */
const DEFAULT_VERSION = '1.100.3';

async function main(): Promise<void> {
  // the suite runs inside VS Code's extension host: bundle it, leaving `vscode` and `mocha` to be
  // resolved there (mocha from this checkout's node_modules, above the output folder)
  const suiteOut = path.join(REPO_ROOT, '.test-artifacts', 'electron', 'suite');
  rmSync(suiteOut, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts'), path.join(__dirname, 'suite', 'workbench.test.ts')],
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  const run = mkdtempSync(path.join(os.tmpdir(), 'inspection-records-electron-'));
  const scenario = chooseScenario();
  const workspace = path.join(run, 'workspace');
  const campaign = path.join(workspace, path.basename(scenario.campaign));
  cpSync(scenario.campaign, campaign, { recursive: true, filter: (src) => path.basename(src) !== 'out' });
  const previous = scenario.previous && path.join(workspace, path.basename(scenario.previous));
  if (scenario.previous && previous) cpSync(scenario.previous, previous, { recursive: true, filter: (src) => path.basename(src) !== 'out' });
  const userData = path.join(run, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  // without a Chinese language pack VS Code runs in English: ask the server for Chinese explicitly
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'inspectionRecords.locale': 'zh-cn', 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }),
  );

  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      version: process.env.VSCODE_VERSION ?? DEFAULT_VERSION,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(suiteOut, 'index.js'),
      extensionTestsEnv: {
        E2E_CAMPAIGN_COPY: campaign,
        E2E_PREVIOUS_COPY: previous ?? '',
        E2E_STALE: JSON.stringify(scenario.stale),
      },
      launchArgs: [
        campaign,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', userData,
        '--extensions-dir', path.join(run, 'extensions'),
      ],
    });
  } finally {
    if (!process.env.E2E_KEEP) rmSync(run, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
