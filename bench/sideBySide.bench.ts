// Side by side on the same record: redhat's yaml-language-server validating it against our
// published record schema, and our language server, both driven over stdio by bench/lspDriver.ts
// (didChange → diagnostics); plus both validators called in process, which is the per-record
// validation cost without the protocol.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { packageRoot } from '../server/src/core/resources';
import { validateDocument } from '../server/src/core/validate/validateDocument';
import { parseYaml } from '../server/src/core/yaml/yamlDocument';
import type { BenchResult, Figure } from './figures';
import { LspClient, timeEdits, type LspServerSpec } from './lspDriver';
import { median, percentile } from './stats';

/** yaml-language-server validating records against our published schema of `kind`, as an editor would configure it. */
export function ylsSpec(kind: 'website' | 'media'): LspServerSpec {
  const schemaUri = pathToFileURL(path.join(packageRoot(), 'schemas', `${kind}-record.schema.json`)).href;
  return {
    name: 'yaml-language-server', command: process.execPath, args: [ylsPaths().bin, '--stdio'], pull: false,
    settings: { yaml: { schemas: { [schemaUri]: ['*.yaml'] }, schemaStore: { enable: false }, validate: true, hover: false, completion: false, format: { enable: false } } },
  };
}

/** Where the yaml-language-server dev dependency lives. */
function ylsPaths(): { bin: string; main: string; settings: string } {
  const base = path.join(packageRoot(), 'node_modules', 'yaml-language-server');
  return { bin: path.join(base, 'bin', 'yaml-language-server'), main: path.join(base, 'out', 'server', 'src', 'index.js'), settings: path.join(base, 'out', 'server', 'src', 'yamlSettings.js') };
}

// loaded at run time from node_modules: bundling the other server into dist/bench.js is not wanted
const load = createRequire(__filename);

/** The debounce yaml-language-server waits after each change before validating (its SettingsState default). */
function ylsDebounceMs(): number {
  try {
    const mod = load(ylsPaths().settings) as { SettingsState: new () => { validationDelayMs: number } };
    return new mod.SettingsState().validationDelayMs;
  } catch {
    return 200;
  }
}

/** The texts of an edit session: the record, then alternately an invalid and a valid check date. */
export function editTexts(record: string, edits: number): string[] {
  const texts = [record];
  for (let i = 1; i <= edits; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    // odd edits break the date (month 13: a schema error for both servers), even edits mend it
    texts.push(record.replace(/^checkDate: .*$/m, `checkDate: ${i % 2 ? `2021-13-${day}` : `2021-06-${day}`}`));
  }
  return texts;
}

/** The distinct diagnostic counts after invalid-date and after valid-date edits, for the notes. */
function diagnosticCounts(edits: readonly { diagnostics: number }[]): string {
  const invalid = new Set<number>();
  const valid = new Set<number>();
  // edit n (1-based) is odd → an impossible date (see editTexts)
  edits.forEach((e, i) => ((i + 1) % 2 ? invalid : valid).add(e.diagnostics));
  const list = (s: Set<number>) => [...s].sort((a, b) => a - b).join('/');
  return `after an impossible date: ${list(invalid)}, after a valid one: ${list(valid)}`;
}

export interface SideBySideInput {
  /** The record's text, its kind, and the campaign.yaml to put beside it for our server. */
  record: string;
  kind: 'website' | 'media';
  campaignYaml: string;
  /** Our bundled server (dist/server.js), if built. */
  serverJs?: string;
  edits?: number;
  ylsEdits?: number;
}

async function lspSession(spec: LspServerSpec, root: string, file: string, texts: string[], mode: 'pull' | 'push') {
  const client = await LspClient.start(spec, pathToFileURL(root).href);
  try {
    const timing = await timeEdits(client, pathToFileURL(file).href, texts, { mode });
    return { ...timing, memory: client.memory() };
  } finally {
    await client.stop();
  }
}

/** Runs both servers and both in-process validators on one record. */
export async function benchSideBySide(input: SideBySideInput): Promise<BenchResult> {
  const title = `Side by side on one ${input.kind} record (${input.record.split('\n').length} lines): yaml-language-server vs ours`;
  const yls = ylsPaths();
  if (!existsSync(yls.bin)) return { name: 'side-by-side', title, skipped: 'yaml-language-server is not installed (dev dependency yaml-language-server@1.19.2)' };
  const schemaFile = path.join(packageRoot(), 'schemas', `${input.kind}-record.schema.json`);
  const schemaUri = pathToFileURL(schemaFile).href;
  const root = mkdtempSync(path.join(os.tmpdir(), 'bench-side-'));
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    mkdirSync(path.join(root, `${input.kind}s`));
    const file = path.join(root, `${input.kind}s`, 'record.yaml');
    writeFileSync(file, input.record);
    writeFileSync(path.join(root, 'campaign.yaml'), input.campaignYaml);

    // --- in process: the same text validated by each library, parse included ---
    const { ours, theirs } = await inProcess(input.record, schemaUri, yls.main);
    figures.push(
      { key: 'inproc.ours.p50', label: 'in process, ours (parseYaml + validateDocument) p50', value: median(ours), unit: 'ms', note: `${ours.length} calls, interleaved` },
      { key: 'inproc.ours.p95', label: 'in process, ours p95', value: percentile(ours, 95), unit: 'ms' },
      { key: 'inproc.yls.p50', label: 'in process, yaml-language-server doValidation p50', value: median(theirs), unit: 'ms' },
      { key: 'inproc.yls.p95', label: 'in process, yaml-language-server p95', value: percentile(theirs, 95), unit: 'ms' },
      { key: 'inproc.ratio', label: 'in process: yaml-language-server ÷ ours (p50)', value: median(theirs) / median(ours), unit: 'ratio' },
    );

    // --- over stdio ---
    const debounce = ylsDebounceMs();
    const ylsTexts = editTexts(input.record, input.ylsEdits ?? 40);
    const y = await lspSession(ylsSpec(input.kind), root, file, ylsTexts, 'push');
    const yEdits = y.edits.map((e) => e.ms - debounce);
    const yDiag = diagnosticCounts(y.edits);
    figures.push(
      { key: 'lsp.yls.p50', label: 'yaml-language-server didChange → diagnostics p50', value: median(yEdits), unit: 'ms', note: `excluding its ${debounce} ms debounce; ${yEdits.length} edits` },
      { key: 'lsp.yls.p95', label: 'yaml-language-server didChange → diagnostics p95', value: percentile(yEdits, 95), unit: 'ms' },
      { key: 'lsp.yls.rss', label: 'yaml-language-server RSS', value: (y.memory?.rss ?? NaN) / 2 ** 20, unit: 'MiB' },
    );
    notes.push(`yaml-language-server diagnostics ${yDiag} (the schema error must come and go)`);

    if (!input.serverJs || !existsSync(input.serverJs)) {
      notes.push('our server: skipped (dist/server.js is not built)');
    } else {
      const ourTexts = editTexts(input.record, input.edits ?? 200);
      const spec = (pull: boolean): LspServerSpec => ({
        name: 'inspection-records', command: process.execPath, args: [input.serverJs!, '--stdio'], pull,
        initializationOptions: { diagnosticsDelayMs: 0, locale: 'zh-cn' },
        settings: { inspectionRecords: {} },
      });
      for (const mode of ['pull', 'push'] as const) {
        const o = await lspSession(spec(mode === 'pull'), root, file, ourTexts, mode);
        const ms = o.edits.map((e) => e.ms);
        figures.push(
          { key: `lsp.ours.${mode}.p50`, label: `ours (${mode}) didChange → diagnostics p50`, value: median(ms), unit: 'ms', note: `${ms.length} edits${mode === 'push' ? ', push delay set to 0' : ''}` },
          { key: `lsp.ours.${mode}.p95`, label: `ours (${mode}) didChange → diagnostics p95`, value: percentile(ms, 95), unit: 'ms' },
        );
        if (mode === 'pull') {
          figures.push(
            { key: 'lsp.ratio.p50', label: 'yaml-language-server ÷ ours (pull), p50', value: median(yEdits) / median(ms), unit: 'ratio' },
            { key: 'lsp.ratio.p95', label: 'yaml-language-server ÷ ours (pull), p95', value: percentile(yEdits, 95) / percentile(ms, 95), unit: 'ratio' },
            { key: 'lsp.ours.rss', label: 'our server RSS (one-record workspace)', value: (o.memory?.rss ?? NaN) / 2 ** 20, unit: 'MiB' },
          );
          notes.push(`our diagnostics ${diagnosticCounts(o.edits)} (ours also runs the indicator rules and date checks against checkDate)`);
        }
      }
    }
    return { name: 'side-by-side', title, figures, notes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface YamlLanguageService {
  configure(settings: unknown): void;
  doValidation(doc: TextDocument, isKubernetes: boolean): Promise<unknown[]>;
}

/**
 * Per-call times (ms) of each validator on the record's edit texts, after a warm-up of both. Calls
 * are interleaved (ours, theirs, ours, …) so that both see the same load on a shared machine.
 */
async function inProcess(record: string, schemaUri: string, ylsMain: string): Promise<{ ours: number[]; theirs: number[] }> {
  const texts = editTexts(record, 300).slice(1);
  const mod = load(ylsMain) as { getLanguageService(params: unknown): YamlLanguageService };
  const ls = mod.getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).href },
    clientCapabilities: {},
  });
  ls.configure({ validate: true, customTags: [], yamlVersion: '1.2', schemas: [{ uri: schemaUri, fileMatch: ['*.yaml'] }] });
  // a fresh version per call: its document cache must not spare it the parse
  let version = 0;
  const theirs = async (t: string) => ls.doValidation(TextDocument.create('file:///bench/record.yaml', 'yaml', ++version, t), false);
  const ours = (t: string) => validateDocument(parseYaml(t), 'zh-cn');
  for (const t of texts.slice(0, 50)) {
    ours(t);
    await theirs(t);
  }
  const out = { ours: [] as number[], theirs: [] as number[] };
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    ours(t);
    const t1 = process.hrtime.bigint();
    await theirs(t);
    const t2 = process.hrtime.bigint();
    out.ours.push(Number(t1 - t0) / 1e6);
    out.theirs.push(Number(t2 - t1) / 1e6);
  }
  return out;
}
