// The catalogue of bad inputs (test/fixtures/bad/cases.yaml): every case goes through the real
// pipeline — a single file through read → parse → validate (and the indicator engine on whatever
// value it yields), a campaign case through CampaignWorkspace and its analysis, some through the
// built CLI as well — and must give exactly the diagnostics the catalogue lists, at the place it
// names, without an exception and within its time bound. Nothing may pollute Object.prototype.
// Hostile campaigns (`run` cases) go only through the built CLI, in a child process bounded to 30 s
// and 1 GiB (support/boundedRun.ts), beside a folder of canaries they must neither read nor change.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { checkFile } from '../../server/src/core/campaign/checkFile';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { Severity, type CoreDiagnostic } from '../../server/src/core/model';
import { evaluateRecord } from '../../server/src/core/rules/engine';
import { loadProfile } from '../../server/src/core/rules/profile';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';
import { boundedRun, HOSTILE_LIMITS, type BoundedResult } from './support/boundedRun';
import { cacheOf, CANARY, HOSTILE_GENERATORS, outsideOf, writeCanaries } from './support/hostileCampaigns';

const REPO = path.resolve(__dirname, '..', '..');
const BAD = path.join(REPO, 'test', 'fixtures', 'bad');
const BASE = path.join(BAD, 'campaign-base');
const CLI = path.join(REPO, 'dist', 'cli.js');
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
/** The unprivileged account a root test run reads as, so that file permissions apply. */
const NOBODY = 65534;

interface Expected {
  file?: string;
  code: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
  at?: string;
  line?: number;
  column?: number;
}

/** A hostile campaign run through the built CLI in a bounded child process. */
interface Run {
  /** Arguments of the CLI, run in the campaign folder; `{outside}` stands for the canaries' folder. */
  command: string[];
  exit: number;
  /** Texts the output (stdout and stderr) must hold: the message naming the file. */
  says?: string[];
  /** Texts it must not hold. */
  never?: string[];
}

interface Case {
  id: string;
  category: string;
  file?: string;
  generate?: string;
  campaign?: { place?: Record<string, string>; generate?: string | string[] };
  cli?: 'json' | 'text';
  value?: Record<string, string>;
  registryRows?: { media?: number; websites?: number };
  maxMs?: number;
  run?: Run;
  expect?: Expected[];
}

const SEVERITY: Record<Expected['severity'], Severity> = { error: Severity.Error, warning: Severity.Warning, information: Severity.Information };

const manifest = parseYaml(readFileSync(path.join(BAD, 'cases.yaml'), 'utf8'));
const cases = (manifest.value ?? []) as Case[];

/** One produced diagnostic in comparable form. */
interface Got {
  file?: string;
  code: string;
  severity: Severity;
  line: number;
  character: number;
  message: string;
}

/** Where `needle` starts in `text` (0-based line, UTF-16 column); fails when it is not there. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `not in the document: ${JSON.stringify(needle)}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

/** Compares produced diagnostics with the catalogue's: same codes, severities and places, messages containing the text. */
function assertDiagnostics(got: Got[], expected: Expected[], textOf: (file?: string) => string | undefined): void {
  const want = expected.map((e) => {
    let place: { line: number; character: number } | 'any';
    if (e.at === 'any') place = 'any';
    else if (e.at !== undefined) {
      const text = textOf(e.file);
      assert.ok(text !== undefined, `no text to locate ${JSON.stringify(e.at)} in`);
      place = positionOf(text, e.at);
    } else place = { line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 };
    return { ...e, place };
  });
  const key = (x: { file?: string; code: string }): string => `${x.file ?? ''} ${x.code}`;
  assert.deepEqual(
    got.map((g) => `${key(g)} ${g.severity}`).sort(),
    want.map((w) => `${key(w)} ${SEVERITY[w.severity]}`).sort(),
    `diagnostics: ${JSON.stringify(got.map((g) => [g.file, g.code, g.line + 1, g.character + 1, g.message]))}`,
  );
  for (const w of want) {
    const candidates = got.filter((g) => key(g) === key(w));
    const match = candidates.find(
      (g) => g.message.includes(w.message) && (w.place === 'any' || (g.line === w.place.line && g.character === w.place.character)),
    );
    assert.ok(
      match,
      `${key(w)}: expected at ${w.place === 'any' ? 'any place' : `${w.place.line + 1}:${w.place.character + 1}`} containing “${w.message}”, got ${JSON.stringify(candidates.map((g) => [g.line + 1, g.character + 1, g.message]))}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Generators: inputs too large, binary or file-system-bound to keep as fixtures
// ---------------------------------------------------------------------------------------------

const RECORD_HEAD = 'kind: media\nplatform: 抖音\nname: 定安发布\ncheckDate: 2021-06-16\n';
/** A complete record of an account the base campaign's registry lists, not yet recorded. */
const DANZHOU = readFileSync(path.join(BAD, 'dates', 'outside-window.yaml'), 'utf8')
  .replace('checkDate: 2021-07-02', 'checkDate: 2021-06-16')
  .replace('lastPost: 2021-06-30', 'lastPost: 2021-06-10');

/** Single-file generators: write the input into `dir` and return its path. */
const FILE_GENERATORS: Record<string, (dir: string) => string> = {
  'nested-flow-sequence': (dir) => write(dir, 'deep.yaml', `${RECORD_HEAD}note: ${'['.repeat(10000)}${']'.repeat(10000)}\n`),
  'nested-flow-mapping': (dir) => write(dir, 'deep.yaml', `${RECORD_HEAD}note: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`),
  'nested-block-sequence': (dir) => write(dir, 'deep.yaml', `${RECORD_HEAD}note:\n${'- '.repeat(10000)}1\n`),
  'nested-block-mapping': (dir) =>
    write(dir, 'deep.yaml', `${RECORD_HEAD}note:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`),
  'random-bytes': (dir) => {
    // a fixed linear congruential sequence: the same 64 KB every run
    const bytes = new Uint8Array(65536);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    bytes[100] = 0;
    const file = path.join(dir, 'random.yaml');
    writeFileSync(file, bytes);
    return file;
  },
};

/** Campaign generators: change the copied campaign in `dir`. */
const CAMPAIGN_GENERATORS: Record<string, (dir: string) => void> = {
  'huge-record': (dir) => {
    // 40 MB exactly (as the message counts: MiB)
    const head = Buffer.from('kind: media\nnote: ');
    const body = Buffer.alloc(40 * 1024 * 1024 - head.length, 'x');
    writeFileSync(path.join(dir, 'media', 'export.yaml'), Buffer.concat([head, body]));
  },
  'symlink-loop': (dir) => symlinkSync('..', path.join(dir, 'media', 'loop')),
  'symlink-self': (dir) => symlinkSync('self.yaml', path.join(dir, 'media', 'self.yaml')),
  'symlink-dangling': (dir) => symlinkSync('nothing.yaml', path.join(dir, 'media', 'gone.yaml')),
  'unreadable-file': (dir) => {
    const file = path.join(dir, 'media', 'secret.yaml');
    writeFileSync(file, DANZHOU);
    chmodSync(file, 0o000);
  },
  'unreadable-folder': (dir) => {
    mkdirSync(path.join(dir, 'media', 'locked'));
    writeFileSync(path.join(dir, 'media', 'locked', 'a.yaml'), DANZHOU);
    chmodSync(path.join(dir, 'media', 'locked'), 0o000);
  },
  fifo: (dir) => execFileSync('mkfifo', [path.join(dir, 'media', 'pipe.yaml')]),
  'directory-named-yaml': (dir) => mkdirSync(path.join(dir, 'media', 'folder.yaml')),
  'websites-registry': (dir) => appendText(path.join(dir, 'campaign.yaml'), '  websites: registry/websites.xlsx\n'),
  'empty-websites-xlsx': (dir) => writeFileSync(path.join(dir, 'registry', 'websites.xlsx'), ''),
  'registry-1mb-cell': (dir) => appendText(path.join(dir, 'registry', 'media.csv'), `3,海口市,抖音,${'长'.repeat(1024 * 1024)},hk_fb,海口市融媒体中心,正常\n`),
  'registry-gbk': (dir) => {
    const file = path.join(dir, 'registry', 'media.csv');
    writeFileSync(file, iconv.encode(readFileSync(file, 'utf8'), 'gbk'));
  },
  ...HOSTILE_GENERATORS,
  'long-near-match-name': (dir) => {
    // 30,000 characters that nearly match the profile's ^(定安+)+$ (a backtracking engine never returns)
    const file = path.join(dir, 'media', 'dingan.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 定安发布', `name: ${'定安'.repeat(15000)}x`));
  },
  'registry-formulas': (dir) => {
    // formula-like cells stay text: the record of the same account matches its row exactly
    appendText(path.join(dir, 'registry', 'media.csv'), '3,海口市,抖音,"=HYPERLINK(""http://x"",""点我"")",hk_fb,@海口市融媒体中心,正常\n');
    writeFileSync(
      path.join(dir, 'media', 'haikou.yaml'),
      readFileSync(path.join(BASE, 'media', 'dingan.yaml'), 'utf8')
        .replace('name: 定安发布', `name: '=HYPERLINK("http://x","点我")'`)
        .replace('accountId: dingan_fb', 'accountId: hk_fb')
        .replace('sponsor: 定安县融媒体中心', "sponsor: '@海口市融媒体中心'")
        .replace('region: 定安县', 'region: 海口市')
        .replace('ownerLevel: 县级', 'ownerLevel: 市级'),
    );
  },
};

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function appendText(file: string, text: string): void {
  writeFileSync(file, readFileSync(file, 'utf8') + text);
}

/** A temporary folder readable by everyone (a root run reads some cases as `nobody`). */
function tempFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-bad-'));
  chmodSync(dir, 0o755);
  return dir;
}

function removeFolder(dir: string): void {
  // restore permissions first, else the folder cannot be removed by a non-root run
  for (const sub of ['media/locked', 'media/secret.yaml']) {
    const p = path.join(dir, sub);
    try {
      chmodSync(p, 0o755);
    } catch {
      // not part of this case
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------------------------

const national = loadProfile('national-2019', REPO, { locale: 'zh-cn' }).profile;

/** Every diagnostic of an opened campaign, keyed by file relative to its root. */
function campaignDiagnostics(ws: CampaignWorkspace): Got[] {
  const out: Got[] = [];
  const add = (file: string, d: CoreDiagnostic): void => {
    out.push({ file: ws.relative(file), code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message });
  };
  for (const f of ws.recordFiles()) for (const d of ws.checked(f)?.diagnostics ?? []) add(f, d);
  for (const p of ws.outsideProblems()) add(p.file, p.diagnostic);
  return out;
}

const gotKey = (g: Got): string => `${g.file}|${g.code}|${g.line}|${g.character}`;

/** What the unchanged base campaign reports: every campaign case adds to it. */
let baseline: Got[] = [];

/** Removes the base campaign's own diagnostics (each once) from a case's list. */
function withoutBaseline(got: Got[]): Got[] {
  const remaining = new Map<string, number>();
  for (const b of baseline) remaining.set(gotKey(b), (remaining.get(gotKey(b)) ?? 0) + 1);
  return got.filter((g) => {
    const n = remaining.get(gotKey(g)) ?? 0;
    if (n === 0) return true;
    remaining.set(gotKey(g), n - 1);
    return false;
  });
}

/** `node dist/cli.js check …` in a child process (as `uid` when given); its exit code and output. */
function runCli(args: string[], cwd: string, uid?: number): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(uid === undefined ? {} : { uid, gid: uid }) });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CliJson {
  diagnostics: { file: string; line: number; column: number; severity: string; code: string; message: string }[];
}

/** Every expected diagnostic is in the CLI's JSON report, at the same place. */
function assertCliJson(json: CliJson, expected: Expected[], textOf: (file?: string) => string | undefined): void {
  for (const e of expected) {
    const place = e.at && e.at !== 'any' ? positionOf(textOf(e.file)!, e.at) : { line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 };
    const found = json.diagnostics.find(
      (d) =>
        d.file === e.file &&
        d.code === e.code &&
        d.severity === e.severity &&
        d.message.includes(e.message) &&
        (e.at === 'any' || (d.line === place.line + 1 && d.column === place.character + 1)),
    );
    assert.ok(found, `CLI: ${e.file} ${e.code} missing from ${JSON.stringify(json.diagnostics.map((d) => [d.file, d.code, d.line, d.column]))}`);
  }
}

/** Control characters a terminal would act on (tab and line feed are output's own). */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

async function runFileCase(c: Case, dir: string): Promise<void> {
  const file = c.file ? path.join(BAD, c.file) : FILE_GENERATORS[c.generate!](dir);
  const expect = c.expect ?? [];
  const result = await checkFile(file, 'zh-cn');
  const text = result.read.text;
  const got: Got[] = result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message }));
  assertDiagnostics(got, expect, () => text);
  for (const d of result.diagnostics) assertInside(d, text);
  const value = result.checked?.parsed.value as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(c.value ?? {})) assert.equal(value?.[k], v, `decoded ${k}`);
  // the indicator engine takes whatever value a broken record yields without throwing
  if (value && typeof value === 'object' && national) evaluateRecord(value, national, 'zh-cn');
  if (c.cli === 'text') {
    const r = runCli(['check', file], dir);
    assert.equal(r.status, expect.some((e) => e.severity === 'error') ? 1 : 0, r.stderr);
    assert.ok(!TERMINAL_CONTROLS.test(r.stdout + r.stderr), `control characters reach the terminal: ${JSON.stringify(r.stdout)}`);
    for (const e of expect) assert.ok(r.stdout.includes(` ${e.code} `), `${e.code} in ${r.stdout}`);
  }
}

/** A diagnostic's range lies inside the document (an undecodable file: the bytes' lines, not checked here). */
function assertInside(d: CoreDiagnostic, text: string | undefined): void {
  if (text === undefined) {
    assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0);
    return;
  }
  const lines = text.split('\n');
  for (const p of [d.range.start, d.range.end]) {
    assert.ok(p.line >= 0 && p.line < Math.max(1, lines.length), `line ${p.line} outside the document`);
    assert.ok(p.character >= 0 && p.character <= (lines[p.line]?.length ?? 0) + 1, `character ${p.character} outside line ${p.line}`);
  }
}

async function runCampaignCase(c: Case, dir: string): Promise<void> {
  const root = path.join(dir, 'campaign');
  cpSync(BASE, root, { recursive: true });
  for (const [to, from] of Object.entries(c.campaign?.place ?? {})) {
    mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    cpSync(path.join(BAD, from), path.join(root, to));
  }
  const generators = c.campaign?.generate === undefined ? [] : ([] as string[]).concat(c.campaign.generate);
  for (const g of generators) CAMPAIGN_GENERATORS[g](root);
  const textOf = (file?: string): string | undefined => (file ? readFileSync(path.join(root, file), 'utf8') : undefined);

  const ws = await CampaignWorkspace.open(root, { locale: 'zh-cn' });
  const got = withoutBaseline(campaignDiagnostics(ws));
  const unreadableAsRoot = IS_ROOT && generators.some((g) => g.startsWith('unreadable-'));
  if (unreadableAsRoot) {
    // root reads any file whatever its mode: the honest in-process result is a record read as usual;
    // the permission problem is asserted below by the CLI running as an unprivileged account
    assert.deepEqual(got, [], 'root reads the unreadable file as any other');
  } else {
    assertDiagnostics(got, c.expect ?? [], textOf);
  }
  if (c.registryRows) {
    for (const [kind, rows] of Object.entries(c.registryRows)) assert.equal(ws.registryRows(kind === 'media' ? 'media' : 'website').length, rows, `${kind} registry rows`);
  }
  // the bulletin's aggregation takes the campaign as it is
  const analysed = await ws.analyse();
  assert.ok(Array.isArray(analysed.records));

  if (c.cli === 'json' || unreadableAsRoot) {
    let r: ReturnType<typeof runCli>;
    try {
      r = runCli(['check', '.', '--format', 'json'], root, unreadableAsRoot ? NOBODY : undefined);
    } catch (e) {
      // a container may deny root the switch to another account: the root behaviour above stands alone
      if (unreadableAsRoot && (e as NodeJS.ErrnoException).code === 'EPERM') return;
      throw e;
    }
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    assertCliJson(JSON.parse(r.stdout) as CliJson, c.expect ?? [], textOf);
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile campaigns: the built CLI in a bounded child process, beside a folder of canaries
// ---------------------------------------------------------------------------------------------

/** What a folder holds, to compare before and after a run: each entry's type, size, link target and content hash. */
function treeOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      const rel = path.relative(dir, full);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${readlinkSync(full)}`);
      else if (st.isDirectory()) {
        out.push(`${rel}/`);
        walk(full);
      } else out.push(`${rel} ${st.size} ${st.isFile() ? createHash('sha1').update(readFileSync(full)).digest('hex') : 'special'}`);
    }
  };
  walk(dir);
  return out;
}

/** Regular files below `dir` (links not followed) that hold the canary word. */
function canaryFiles(dir: string): string[] {
  const found: string[] = [];
  const needle = Buffer.from(CANARY);
  const walk = (d: string, depth: number): void => {
    if (depth > 40) return;
    // a tree deeper than PATH_MAX cannot be walked by absolute paths: what lies beyond is not looked at
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full, depth + 1);
      else if (st.isFile() && st.size < 128 * 1024 * 1024 && readFileSync(full).includes(needle)) found.push(path.relative(dir, full));
    }
  };
  walk(dir, 0);
  return found;
}

/** Figures of each hostile run (printed after the catalogue): exit, time, peak RSS. */
const hostileFigures: { id: string; exit: number | null; ms: number; mib: number }[] = [];

/** Makes the campaign of a hostile case, runs the CLI on it within the bounds and checks the outcome. */
async function runHostileCase(c: Case, dir: string): Promise<void> {
  const run = c.run!;
  const root = path.join(dir, 'campaign');
  cpSync(BASE, root, { recursive: true });
  writeCanaries(root);
  for (const [to, from] of Object.entries(c.campaign?.place ?? {})) {
    mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    cpSync(path.join(BAD, from), path.join(root, to));
  }
  for (const g of ([] as string[]).concat(c.campaign?.generate ?? [])) CAMPAIGN_GENERATORS[g](root);
  const outside = outsideOf(root);
  const before = treeOf(outside);
  const args = run.command.map((a) => a.replace('{outside}', outside));
  const r: BoundedResult = await boundedRun(CLI, args, { cwd: root, env: { INSPECTION_RECORDS_CACHE: cacheOf(root), INSPECTION_RECORDS_LANG: 'zh-cn' } });
  hostileFigures.push({ id: c.id, exit: r.status, ms: Math.round(r.ms), mib: Math.round(r.peakRss / (1024 * 1024)) });
  const output = `${r.stdout}${r.stderr}`;
  if (process.env.IR_DUMP) writeFileSync(path.join(process.env.IR_DUMP, `${c.id}.txt`), output.slice(0, 4000));
  // long lines (a 30,000-character name) cut for the failure message
  const shown = output.split('\n').map((l) => (l.length > 300 ? `${l.slice(0, 150)} … ${l.slice(-150)}` : l)).join('\n').slice(0, 6000);
  assert.equal(r.killed, undefined, `killed: over ${r.killed} (${Math.round(r.ms)} ms, ${Math.round(r.peakRss / 2 ** 20)} MiB)`);
  assert.ok(r.ms < HOSTILE_LIMITS.ms, `${Math.round(r.ms)} ms`);
  assert.ok(r.peakRss > 0 && r.peakRss < HOSTILE_LIMITS.rssBytes, `peak RSS ${Math.round(r.peakRss / 2 ** 20)} MiB`);
  assert.equal(r.status, run.exit, shown);
  assert.doesNotMatch(output, /内部错误|RangeError|TypeError|Maximum call stack/, shown);
  for (const text of run.says ?? []) assert.ok(output.includes(text), `missing ${JSON.stringify(text)} in:\n${shown}`);
  for (const text of run.never ?? []) assert.ok(!output.includes(text), `${JSON.stringify(text)} in:\n${shown}`);
  // nothing read from outside reached an output, nothing there changed, nothing appeared beside
  assert.ok(!output.includes(CANARY), `the canary reached the output:\n${shown}`);
  assert.deepEqual(canaryFiles(root), [], 'a file of the campaign holds the canary');
  assert.deepEqual(treeOf(outside), before, 'the folder outside the campaign changed');
  assert.deepEqual(readdirSync(dir).filter((n) => !['campaign', 'outside', 'cache'].includes(n)), [], 'written beside the campaign');
}

/** Removes a hostile case's folder, deep trees too (beyond PATH_MAX only `rm` can). */
function removeDeep(dir: string): void {
  try {
    removeFolder(dir);
  } catch {
    execFileSync('rm', ['-rf', dir]);
  }
}

describe('bad inputs: the catalogue', function () {
  this.timeout(60000);
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  before(async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    const dir = tempFolder();
    try {
      cpSync(BASE, path.join(dir, 'campaign'), { recursive: true });
      baseline = campaignDiagnostics(await CampaignWorkspace.open(path.join(dir, 'campaign'), { locale: 'zh-cn' }));
    } finally {
      removeFolder(dir);
    }
  });

  it('holds at least 60 cases with unique ids, each with a category and an input', () => {
    assert.deepEqual([...manifest.doc.errors, ...manifest.doc.warnings].map((e) => e.message), [], 'cases.yaml reads cleanly');
    assert.ok(cases.length >= 60, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.id)).size, cases.length);
    for (const c of cases) {
      assert.ok(c.category, c.id);
      assert.equal([c.file, c.generate, c.campaign].filter((x) => x !== undefined).length, 1, `${c.id}: one of file, generate, campaign`);
      if (c.file) assert.ok(existsSync(path.join(BAD, c.file)), `${c.id}: ${c.file}`);
      if (c.generate) assert.ok(FILE_GENERATORS[c.generate], `${c.id}: generator ${c.generate}`);
      for (const g of ([] as string[]).concat(c.campaign?.generate ?? [])) assert.ok(CAMPAIGN_GENERATORS[g], `${c.id}: generator ${g}`);
      assert.ok(c.run ? c.campaign && c.run.command.length > 0 && [0, 1, 2].includes(c.run.exit) : c.expect, `${c.id}: a run on a campaign, or expected diagnostics`);
    }
  });

  for (const c of cases.filter((x) => x.run)) {
    it(`${c.category}: ${c.id} (CLI, bounded)`, async function () {
      this.timeout(HOSTILE_LIMITS.ms * 3);
      const dir = tempFolder();
      try {
        await runHostileCase(c, dir);
      } finally {
        removeDeep(dir);
      }
    });
  }

  after(() => {
    if (hostileFigures.length === 0) return;
    const lines = hostileFigures.map((f) => `    ${f.id.padEnd(40)} exit ${f.exit}  ${String(f.ms).padStart(6)} ms  ${String(f.mib).padStart(5)} MiB`);
    console.log(`\n  hostile campaigns (bounds: ${HOSTILE_LIMITS.ms} ms, ${HOSTILE_LIMITS.rssBytes / 2 ** 20} MiB):\n${lines.join('\n')}`);
  });

  for (const c of cases.filter((x) => !x.run)) {
    it(`${c.category}: ${c.id}`, async () => {
      const dir = tempFolder();
      const started = performance.now();
      try {
        if (c.campaign) await runCampaignCase(c, dir);
        else await runFileCase(c, dir);
      } finally {
        removeFolder(dir);
      }
      const ms = performance.now() - started;
      assert.ok(ms < (c.maxMs ?? 5000), `${c.id} took ${Math.round(ms)} ms`);
    });
  }

  it('no case polluted Object.prototype', () => {
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
    const probe: Record<string, unknown> = {};
    assert.equal(probe.polluted, undefined);
    assert.equal(Object.getPrototypeOf(probe), Object.prototype);
  });
});
