// Faults while the tool works: a record deleted or renamed while the campaign is indexed, the
// registry or campaign.yaml disappearing, and a full disk or read-only folder while the bulletin or
// the 补报 list is written. The workspace stays consistent, the commands answer with a clear Chinese
// error, and no output is ever left half-written (no partial target, no temporary file, an earlier
// file untouched).
import { strict as assert } from 'node:assert';
import * as fsModule from 'node:fs';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { writeFileAtomic, writeNewSet } from '../../server/src/core/io/atomicWrite';
import { CampaignConfigError, CampaignWorkspace } from '../../server/src/core/campaign/workspace';

const REPO = path.resolve(__dirname, '..', '..');
const BASE = path.join(REPO, 'test', 'fixtures', 'bad', 'campaign-base');
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** A copy of the base campaign (or a sample) in a fresh temporary folder. */
function copyCampaign(from = BASE): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-faults-'));
  cpSync(from, path.join(dir, 'campaign'), { recursive: true });
  return path.join(dir, 'campaign');
}

function removeCopy(root: string): void {
  rmSync(path.dirname(root), { recursive: true, force: true });
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: {} });
  return { code, stdout, stderr };
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code, errno: -1, syscall: 'write' });
}

/**
 * Runs `fn` with the file system failing for files opened for writing below `folder`: `ENOSPC`
 * after half the data is written (a full disk), or `EROFS` when the file is created (a read-only
 * folder). Only opens below `folder` are touched; everything else works as usual.
 */
async function withWriteFault<T>(folder: string, fault: 'ENOSPC' | 'EROFS', fn: () => Promise<T>, after = 0): Promise<T> {
  const promises = fsModule.promises as unknown as { open: typeof fsModule.promises.open };
  const realOpen = promises.open;
  let opened = 0;
  promises.open = (async (file: fsModule.PathLike, flags?: string | number, mode?: fsModule.Mode) => {
    const inside = path.resolve(String(file)).startsWith(path.resolve(folder) + path.sep);
    const writing = typeof flags === 'string' && /[wa]/.test(flags);
    if (!inside || !writing || opened++ < after) return realOpen(file, flags, mode);
    if (fault === 'EROFS') throw errnoError('EROFS', `read-only file system, open '${String(file)}'`);
    const handle = await realOpen(file, flags, mode);
    return new Proxy(handle, {
      get(target, prop, receiver) {
        if (prop === 'writeFile') {
          return async (data: string | Uint8Array) => {
            const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
            await target.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
            throw errnoError('ENOSPC', 'no space left on device, write');
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }) as typeof promises.open;
  try {
    return await fn();
  } finally {
    promises.open = realOpen;
  }
}

/** Files of a folder, temporary ones included (names starting with a dot). */
function listing(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

describe('faults', function () {
  this.timeout(60000);

  describe('a campaign changing under the workspace', () => {
    let root: string;
    let ws: CampaignWorkspace;
    beforeEach(async () => {
      root = copyCampaign();
      ws = await CampaignWorkspace.open(root, { locale: 'zh-cn' });
    });
    afterEach(() => removeCopy(root));

    const codes = (file: string): string[] => (ws.checked(file)?.diagnostics ?? []).map((d) => d.code);

    it('a record deleted while indexed leaves the campaign, and the analysis counts one fewer', async () => {
      const file = path.join(root, 'media', 'dingan.yaml');
      const before = (await ws.analyse()).records.length;
      rmSync(file);
      const { recheck } = await ws.fileChanged(file, 'deleted');
      assert.deepEqual(recheck, [file]);
      assert.equal(ws.recordFiles().includes(file), false);
      assert.equal(ws.checked(file), undefined);
      assert.equal((await ws.analyse()).records.length, before - 1);
    });

    it('a record renamed (deleted, then created) keeps its diagnostics under the new name, with no duplicate', async () => {
      const old = path.join(root, 'websites', 'justice.yaml');
      const renamed = path.join(root, 'websites', '海南司法行政网.yaml');
      const diagnostics = ws.checked(old)!.diagnostics;
      renameSync(old, renamed);
      await ws.fileChanged(old, 'deleted');
      await ws.fileChanged(renamed, 'created');
      assert.deepEqual(ws.checked(renamed)!.diagnostics, diagnostics);
      assert.equal(ws.checked(old), undefined);
      assert.equal(ws.recordFiles().filter((f) => f.startsWith(path.join(root, 'websites'))).length, 1);
    });

    it('the events of a rename in the other order: a duplicate while both exist, none once the old one is gone', async () => {
      const old = path.join(root, 'media', 'dingan.yaml');
      const copy = path.join(root, 'media', 'dingan-renamed.yaml');
      writeFileSync(copy, readFileSync(old));
      const first = await ws.fileChanged(copy, 'created');
      assert.deepEqual(first.recheck, [old, copy].sort());
      assert.deepEqual(codes(copy), ['REG-DUPLICATE-RECORD']);
      assert.deepEqual(codes(old), ['REG-DUPLICATE-RECORD']);
      rmSync(old);
      const second = await ws.fileChanged(old, 'deleted');
      assert.deepEqual(second.recheck, [old, copy].sort());
      assert.deepEqual(codes(copy), []);
    });

    it('a change event for a file already gone is reported on the file, and the campaign keeps working', async () => {
      const file = path.join(root, 'media', 'dingan.yaml');
      rmSync(file);
      await ws.fileChanged(file, 'changed');
      assert.equal(ws.checked(file), undefined);
      const problems = ws.outsideProblems().filter((p) => p.file === file);
      assert.deepEqual(problems.map((p) => [p.diagnostic.code, p.diagnostic.message]), [['IR4101', '文件不存在']]);
      assert.ok((await ws.analyse()).records.every((r) => r.file !== 'media/dingan.yaml'));
    });

    it('the registry export deleted: an error on campaign.yaml, and no record becomes unregistered because of it', async () => {
      const registry = path.join(root, 'registry', 'media.csv');
      rmSync(registry);
      const { recheck } = await ws.fileChanged(registry, 'deleted');
      assert.equal(recheck, 'all');
      const campaignFile = path.join(root, 'campaign.yaml');
      const lines = readFileSync(campaignFile, 'utf8').split('\n');
      // besides the national profile's note on its `profile` key (it gives no points: portals pass on vetoes alone)
      assert.deepEqual(
        ws.checked(campaignFile)!.diagnostics.map((d) => [d.code, d.range.start.line, d.code === 'IR5201' ? '' : d.message]),
        [
          ['IR5201', lines.findIndex((l) => l.startsWith('profile:')), ''],
          ['REG-IMPORT-FILE', lines.findIndex((l) => l.includes('registry/media.csv')), '找不到登记数据文件 registry/media.csv。'],
        ],
      );
      assert.deepEqual(codes(path.join(root, 'media', 'dingan.yaml')), []);
    });

    it('campaign.yaml deleted: the analysis refuses with the campaign file’s own error', async () => {
      const campaignFile = path.join(root, 'campaign.yaml');
      rmSync(campaignFile);
      await ws.fileChanged(campaignFile, 'deleted');
      await assert.rejects(ws.analyse(), (e: unknown) => e instanceof CampaignConfigError && e.diagnostics.some((d) => d.code === 'IR4101'));
      // the records are still checked (against the schema) meanwhile
      assert.ok(ws.checked(path.join(root, 'media', 'dingan.yaml')));
    });
  });

  describe('atomic writes', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'ir-atomic-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('a full disk leaves neither a partial target nor a temporary file', async () => {
      const target = path.join(dir, '通报.md');
      await assert.rejects(withWriteFault(dir, 'ENOSPC', () => writeFileAtomic(target, '一'.repeat(10000))), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
      assert.deepEqual(listing(dir), []);
    });

    it('a full disk while replacing (--force) keeps the earlier file as it was', async () => {
      const target = path.join(dir, '通报.md');
      writeFileSync(target, '上一版\n');
      await assert.rejects(withWriteFault(dir, 'ENOSPC', () => writeFileAtomic(target, '新版'.repeat(5000), { overwrite: true })));
      assert.deepEqual(listing(dir), ['通报.md']);
      assert.equal(readFileSync(target, 'utf8'), '上一版\n');
    });

    it('a read-only folder: refused before anything is written', async () => {
      const target = path.join(dir, '通报.md');
      await assert.rejects(withWriteFault(dir, 'EROFS', () => writeFileAtomic(target, '内容')), (e: NodeJS.ErrnoException) => e.code === 'EROFS');
      assert.deepEqual(listing(dir), []);
    });

    it('a set of outputs moves to the next number as a whole when one of its names is taken', async () => {
      writeFileSync(path.join(dir, '通报.docx'), 'another program’s file');
      const set = (tag: string) => ['md', 'docx', 'xlsx'].map((ext) => ({ file: path.join(dir, `通报.${ext}`), data: `${tag}.${ext}` }));
      const written = await writeNewSet(set('A'), false);
      assert.deepEqual(written.map((w) => [path.basename(w.file), w.renamed]), [['通报 (2).md', true], ['通报 (2).docx', true], ['通报 (2).xlsx', true]]);
      assert.deepEqual(listing(dir), ['通报 (2).docx', '通报 (2).md', '通报 (2).xlsx', '通报.docx']);
      assert.equal(readFileSync(path.join(dir, '通报.docx'), 'utf8'), 'another program’s file');
    });

    it('sets written at the same moment: each whole under one number, none mixed with another', async () => {
      const tags = ['A', 'B', 'C', 'D', 'E', 'F'];
      const sets = await Promise.all(tags.map((tag) => writeNewSet(['md', 'docx', 'xlsx'].map((ext) => ({ file: path.join(dir, `通报.${ext}`), data: `${tag}.${ext}` })), false)));
      const numbers = new Set<string>();
      for (const [i, set] of sets.entries()) {
        const number = path.basename(set[0].file).replace(/\.md$/, '');
        numbers.add(number);
        for (const w of set) {
          assert.equal(path.basename(w.file).replace(/\.(md|docx|xlsx)$/, ''), number, 'one number for the whole set');
          assert.equal(readFileSync(w.file, 'utf8'), `${tags[i]}${path.extname(w.file)}`, 'each file holds what its own run wrote');
        }
      }
      assert.equal(numbers.size, tags.length);
      assert.equal(listing(dir).length, tags.length * 3, 'no temporary file and nothing given up left behind');
    });

    it('a folder without write permission (as an unprivileged user; root writes anyway)', async function () {
      const locked = path.join(dir, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o555);
      try {
        const attempt = writeFileAtomic(path.join(locked, '通报.md'), '内容');
        if (IS_ROOT) {
          // root ignores the mode: the honest result is a written file (the fault is injected above)
          await attempt;
          assert.deepEqual(listing(locked), ['通报.md']);
        } else {
          await assert.rejects(attempt, (e: NodeJS.ErrnoException) => e.code === 'EACCES');
          assert.deepEqual(listing(locked), []);
        }
      } finally {
        chmodSync(locked, 0o755);
      }
    });
  });

  describe('the commands on a full disk or a read-only output folder', () => {
    let root: string;
    before(() => {
      // the base campaign and an account missing from its registry: a 补报 list to write
      root = copyCampaign();
      const dingan = readFileSync(path.join(root, 'media', 'dingan.yaml'), 'utf8');
      writeFileSync(path.join(root, 'media', 'wild.yaml'), dingan.replace('name: 定安发布', 'name: 定安旅游').replace('accountId: dingan_fb', 'accountId: dingan_ly').replace('source: 抽查', 'source: 库外发现'));
    });
    after(() => removeCopy(root));
    afterEach(() => rmSync(path.join(root, 'out'), { recursive: true, force: true }));

    const out = (): string => path.join(root, 'out');

    it('bulletin: a full disk at the second file — a Chinese error naming it; the first file whole, nothing half-written', async () => {
      const r = await withWriteFault(out(), 'ENOSPC', () => cli(['bulletin', '.'], root), 1);
      assert.equal(r.code, 1, r.stderr);
      const files = listing(out());
      assert.equal(files.length, 1, `only the first file is written: ${files.join(', ')}`);
      assert.ok(files[0].endsWith('.md') && !files[0].startsWith('.'), files[0]);
      assert.ok(readFileSync(path.join(out(), files[0]), 'utf8').includes('通报'));
      assert.match(r.stderr, /^out\/.+\.docx: 无法写入：磁盘空间不足/);
      assert.doesNotMatch(r.stderr, /ENOSPC|no space|internal|内部错误/i);
    });

    it('bulletin --force over an earlier bulletin on a full disk: the earlier files stay as they were', async () => {
      mkdirSync(out());
      const first = await cli(['bulletin', '.', '--formats', 'md'], root);
      assert.equal(first.code, 0, first.stderr);
      const [md] = listing(out());
      const earlier = readFileSync(path.join(out(), md));
      const r = await withWriteFault(out(), 'ENOSPC', () => cli(['bulletin', '.', '--formats', 'md', '--force'], root));
      assert.equal(r.code, 1);
      assert.deepEqual(listing(out()), [md]);
      assert.deepEqual(readFileSync(path.join(out(), md)), earlier);
    });

    it('bulletin into a read-only folder: a Chinese error, nothing written', async () => {
      const r = await withWriteFault(out(), 'EROFS', () => cli(['bulletin', '.'], root));
      assert.equal(r.code, 1);
      assert.match(r.stderr, /无法写入：.*只读/);
      assert.deepEqual(listing(out()), []);
    });

    it('supplement on a full disk: a Chinese error, no list half-written', async () => {
      const r = await withWriteFault(out(), 'ENOSPC', () => cli(['supplement', '.'], root));
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /磁盘空间不足/);
      assert.doesNotMatch(r.stderr, /ENOSPC|no space/i);
      assert.deepEqual(listing(out()), []);
    });

    it('supplement into a read-only folder: a Chinese error, nothing written', async () => {
      const r = await withWriteFault(out(), 'EROFS', () => cli(['supplement', '.'], root));
      assert.equal(r.code, 1);
      assert.match(r.stderr, /只读/);
      assert.deepEqual(listing(out()), []);
    });
  });

  describe('runs at the same time, files changing during a check, a cache that cannot be written', () => {
    const CLI = path.join(REPO, 'dist', 'cli.js');
    let root: string;
    let cache: string;
    beforeEach(() => {
      root = copyCampaign();
      cache = path.join(path.dirname(root), 'cache');
    });
    afterEach(() => removeCopy(root));

    /** `node dist/cli.js …` in the campaign, as a child process; its exit code and output. */
    function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...process.env, INSPECTION_RECORDS_CACHE: cache, ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }
    const steady = (s: string): string => s.replace(/用时 \d+ 毫秒/g, '').replace(/共 \d+ 毫秒|用时 \d+ 毫秒/g, '');

    it('two bulletins at once: two complete sets of files, under two names', async () => {
      const [a, b] = await Promise.all([run(['bulletin', '.']), run(['bulletin', '.'])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const files = listing(path.join(root, 'out'));
      // md, docx and the workbook, each under its name and its free name ` (2)`
      assert.equal(files.length, 6, files.join(', '));
      assert.equal(files.filter((f) => f.includes(' (2)')).length, 3, files.join(', '));
      // each run names its own three files, all under one number: the sets are not mixed
      const numbersOf = (stdout: string): string[] => [...stdout.matchAll(/^ {2}out\/.*?( \(2\))?\.(md|docx|xlsx)/gm)].map((m) => m[1] ?? '');
      const [na, nb] = [numbersOf(a.stdout), numbersOf(b.stdout)];
      assert.equal(na.length, 3, a.stdout);
      assert.equal(nb.length, 3, b.stdout);
      assert.equal(new Set(na).size, 1, a.stdout);
      assert.equal(new Set(nb).size, 1, b.stdout);
      assert.notEqual(na[0], nb[0]);
      const mds = files.filter((f) => f.endsWith('.md')).map((f) => readFileSync(path.join(root, 'out', f), 'utf8'));
      assert.equal(mds[0], mds[1]);
      for (const f of files.filter((x) => /\.(docx|xlsx)$/.test(x))) {
        // a complete Office file: a zip whose central directory is there
        const bytes = readFileSync(path.join(root, 'out', f));
        assert.ok(bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])), `${f} is whole`);
      }
    });

    it('two checks at once on one cache: both report the same, and the cache they leave is used without complaint', async () => {
      const [a, b] = await Promise.all([run(['check', '.']), run(['check', '.'])]);
      assert.equal(a.code, b.code);
      assert.equal(steady(a.stdout), steady(b.stdout));
      const again = await run(['check', '.']);
      assert.equal(steady(again.stdout), steady(a.stdout));
      assert.doesNotMatch(a.stderr + b.stderr + again.stderr, /注意|内部错误/);
    });

    it('records rewritten, cut short and deleted while checks run: every run ends with a report, none crashes', async () => {
      const media = path.join(root, 'media');
      const record = readFileSync(path.join(media, 'dingan.yaml'), 'utf8');
      for (let i = 0; i < 40; i++) writeFileSync(path.join(media, `r${i}.yaml`), record.replace('accountId: dingan_fb', `accountId: r${i}`));
      // a writer in another process, for two seconds: whole texts, half texts, garbage, gone and back
      const writer = spawn(process.execPath, ['-e', `
        const fs = require('fs'); const path = require('path');
        const dir = ${JSON.stringify(media)}; const text = ${JSON.stringify(record)};
        const end = Date.now() + 2000; let n = 0;
        while (Date.now() < end) {
          const f = path.join(dir, 'r' + (n % 40) + '.yaml');
          const k = n++ % 4;
          try {
            if (k === 0) fs.writeFileSync(f, text.slice(0, (n * 7) % text.length));
            else if (k === 1) fs.writeFileSync(f, Buffer.from([0xff, 0x00, 0x41]));
            else if (k === 2) fs.rmSync(f, { force: true });
            else fs.writeFileSync(f, text.replace('dingan_fb', 'r' + n));
          } catch {}
        }`]);
      const written = new Promise((r) => writer.once('close', r));
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await run(['check', '.']));
      await written;
      for (const r of runs) {
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
        assert.match(r.stdout, /检查了 \d+ 个文件/);
        assert.doesNotMatch(r.stderr, /内部错误|Error/);
      }
    });

    it('a cache folder that cannot be made: the check runs as without a cache, and says nothing of it', async () => {
      writeFileSync(cache, 'a file where the cache folder should be');
      const withoutCache = await run(['check', '.'], { INSPECTION_RECORDS_CACHE: 'off' });
      const r = await run(['check', '.'], { INSPECTION_RECORDS_CACHE: path.join(cache, 'inside') });
      assert.equal(r.code, withoutCache.code);
      assert.equal(steady(r.stdout), steady(withoutCache.stdout));
      assert.equal(r.stderr, '');
    });
  });
});
