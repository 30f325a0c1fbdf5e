// Bundles the extension client, the language server, the CLI and the benchmarks with esbuild.
// Entry points that do not exist yet are skipped so that each part can be built on its own.
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  // the command: a small launcher (cli.js) loading the CLI bundle (cli-main.js) with a V8 code cache
  { in: 'server/src/cli/launch.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/cli/main.ts', out: 'cli-main' },
  // started by the CLI and the server to check big campaigns in worker threads
  { in: 'server/src/core/campaign/checkWorkerMain.ts', out: 'checkWorker' },
  { in: 'bench/main.ts', out: 'bench' },
  { in: 'scripts/gen.ts', out: 'gen' },
  { in: 'client/src/webview/dashboardView.mts', out: 'webview', platform: 'browser', format: 'iife', target: 'chrome120' },
];

const started = Date.now();
// the schemas' validators, compiled ahead of time and bundled (see scripts/compileSchemas.ts)
await build({
  entryPoints: ['scripts/compileSchemas.ts'], outfile: 'dist/compileSchemas.js', bundle: true, platform: 'node', target: 'node20',
  format: 'cjs', external: ['./generated/schemaValidators.js'], logLevel: 'warning', legalComments: 'none',
});
execFileSync(process.execPath, ['dist/compileSchemas.js'], { stdio: 'inherit' });
for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({
    entryPoints: [e.in],
    outfile: `dist/${e.out}.js`,
    bundle: true,
    platform: e.platform ?? 'node',
    target: e.target ?? 'node20',
    format: e.format ?? 'cjs',
    sourcemap: production ? false : 'linked',
    minify: production,
    external: e.external ?? [],
    banner: e.banner ? { js: e.banner } : undefined,
    logLevel: 'warning',
    legalComments: 'none',
  });
  if (e.banner) chmodSync(`dist/${e.out}.js`, 0o755);
}
console.log(`build: ${Date.now() - started} ms${production ? ' (production)' : ''}`);
