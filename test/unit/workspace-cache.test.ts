// The result cache of CampaignWorkspace: a run that reuses cached results reports exactly what a
// run without the cache reports (every stored check, the problems outside records, the bulletin's
// Markdown), an edit re-checks exactly what depends on it, and a damaged cache is never trusted.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import { blobFileOf, CACHE_KEY_FILE, cacheFileOf, cacheFolder, readIndexValue, toolVersion, writeIndexValue } from '../../server/src/core/campaign/resultCache';
import { todayInChina } from '../../server/src/core/dates';
import { checkInWorkers } from '../../server/src/core/campaign/checkWorkers';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { main } from '../../server/src/cli/main';

const SAMPLES = path.resolve(__dirname, '../../samples');
/** Regions kept of the sample campaigns: enough for every kind of problem, few enough to stay fast. */
const REGIONS = new Set(['省直', '海口市', '三亚市']);

/** Copies both sample campaigns (q2 names q1 as `previous`) without their `out/` folders and most regions. */
function copySamples(dir: string): void {
  for (const campaign of ['hainan-2021q1', 'hainan-2021q2']) {
    const from = path.join(SAMPLES, campaign);
    cpSync(from, path.join(dir, campaign), {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(from, src).split(path.sep);
        if (rel[0] === 'out') return false;
        return !((rel[0] === 'media' || rel[0] === 'websites') && rel.length > 1 && !REGIONS.has(rel[1]));
      },
    });
  }
}

/** Every file below `dir` with its size and modification time. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => {
      const s = statSync(path.join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

interface Snapshot {
  ws: CampaignWorkspace;
  checks: [string, unknown][];
  outside: unknown;
  md: string;
}

/** Everything a run reports: each file's stored check, the problems outside records, the bulletin. */
async function snapshot(root: string, cache?: string): Promise<Snapshot> {
  // the previous campaign sits beside the campaign: the user allows the folder holding both
  const ws = await CampaignWorkspace.open(root, { locale: 'zh-cn', cache, allowed: [path.dirname(root)] });
  // analysed first: a cached result that does not decode is checked again, with the registry loaded
  const c = await ws.analyse();
  const checks = ws.recordFiles().map((f): [string, unknown] => [ws.relative(f), ws.checked(f)]);
  const outside = ws.outsideProblems().map((p) => ({ ...p, file: ws.relative(p.file) }));
  const s = resolveSettings(c.config.bulletin);
  // as the bulletin command does: the campaign gives no date, so the document is dated today
  s.date ||= todayInChina();
  const md = renderMarkdown(aggregateCampaign(c, s), loadTemplate(s, c.root, 'zh-cn'));
  return { ws, checks, outside, md };
}

function assertSame(actual: Snapshot, expected: Snapshot): void {
  assert.deepStrictEqual(actual.checks, expected.checks);
  assert.deepStrictEqual(actual.outside, expected.outside);
  assert.equal(actual.md, expected.md);
}

describe('workspace result cache', function () {
  this.timeout(60000);
  let dir: string;
  let cache: string;
  let root: string;
  let files: number;
  let uncached: Snapshot;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-cache-'));
    copySamples(dir);
    root = path.join(dir, 'hainan-2021q2');
    uncached = await snapshot(root);
    files = uncached.ws.recordFiles().length;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    cache = mkdtempSync(path.join(tmpdir(), 'ir-cache-store-'));
  });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  it('reports the same with a cold cache, a warm cache and no cache, and writes nothing into the campaign', async () => {
    // the copy is a real campaign: records with problems, registry figures and a bulletin
    assert.ok(files > 40, String(files));
    assert.ok(uncached.checks.some(([, c]) => (c as { diagnostics: unknown[] }).diagnostics.length > 0));
    assert.match(uncached.md, /抽查情况/);
    const before = listing(dir);
    const cold = await snapshot(root, cache);
    assert.deepEqual(cold.ws.lastLoad(), { reused: 0, checked: files, workers: 0 });
    assertSame(cold, uncached);
    const warm = await snapshot(root, cache);
    assert.deepEqual(warm.ws.lastLoad(), { reused: files, checked: 0, workers: 0 });
    assertSame(warm, uncached);
    assert.deepEqual(listing(dir), before);
    // an index and its blob file per campaign (this one and its previous), in the cache folder
    const indexes = [cacheFileOf(cache, root), cacheFileOf(cache, path.join(dir, 'hainan-2021q1'))];
    assert.deepEqual(readdirSync(cache).sort(), [...indexes, ...indexes.map(blobFileOf)].map((f) => path.basename(f)).concat(CACHE_KEY_FILE).sort());
  });

  it('imports the registry exports of a fully cached run only when rows are asked for', async () => {
    await CampaignWorkspace.open(root, { locale: 'zh-cn', cache });
    const warm = await CampaignWorkspace.open(root, { locale: 'zh-cn', cache });
    assert.deepEqual(warm.registryRows('media'), []);
    await warm.loadRegistry();
    const rows = uncached.ws.registryRows('media');
    assert.ok(rows.length > 800, String(rows.length));
    assert.deepStrictEqual(warm.registryRows('media'), rows);
    assert.deepStrictEqual(warm.registryRows('website'), uncached.ws.registryRows('website'));
  });

  it('re-checks only an edited record, and reports it as a run without cache does', async () => {
    await snapshot(root, cache);
    const record = uncached.ws.recordFiles().find((f) => f.includes(`${path.sep}media${path.sep}`))!;
    const text = readFileSync(record, 'utf8');
    try {
      writeFileSync(record, `${text.trimEnd()}\nunknownKeyAddedByTest: 1\n`);
      const warm = await snapshot(root, cache);
      assert.deepEqual(warm.ws.lastLoad(), { reused: files - 1, checked: 1, workers: 0 });
      const fresh = await snapshot(root);
      assertSame(warm, fresh);
      assert.notDeepStrictEqual(warm.ws.checked(record)?.diagnostics, uncached.ws.checked(record)?.diagnostics);
    } finally {
      writeFileSync(record, text);
    }
    // back to the old text: the cache holds the edited result now, so the record is checked again
    const back = await snapshot(root, cache);
    assert.deepEqual(back.ws.lastLoad(), { reused: files - 1, checked: 1, workers: 0 });
    assertSame(back, uncached);
  });

  for (const [what, file, edit] of [
    // a registry row removed: records of that account are no longer matched
    ['a registry export', 'registry/media.csv', (b: Buffer) => { const lines = b.toString('latin1').split('\n'); lines.splice(1, 1); return Buffer.from(lines.join('\n'), 'latin1'); }],
    ['the profile', 'profiles/hainan-2021.yaml', (b: Buffer) => Buffer.concat([b, Buffer.from('\n# edited by the test\n')])],
    ['campaign.yaml', 'campaign.yaml', (b: Buffer) => Buffer.concat([b, Buffer.from('\n# edited by the test\n')])],
  ] as const) {
    it(`re-checks every record when ${what} changes`, async () => {
      await snapshot(root, cache);
      const abs = path.join(root, file);
      const original = readFileSync(abs);
      try {
        writeFileSync(abs, edit(original));
        const warm = await snapshot(root, cache);
        assert.deepEqual(warm.ws.lastLoad(), { reused: 0, checked: files, workers: 0 });
        assertSame(warm, await snapshot(root));
        const again = await snapshot(root, cache);
        assert.deepEqual(again.ws.lastLoad(), { reused: files, checked: 0, workers: 0 });
      } finally {
        writeFileSync(abs, original);
      }
    });
  }

  it('a registry edit changes the results the cache then gives', async () => {
    await snapshot(root, cache);
    const abs = path.join(root, 'registry/media.csv');
    const original = readFileSync(abs);
    try {
      // every data row gone: the accounts of the records are all unregistered
      writeFileSync(abs, original.subarray(0, original.indexOf(0x0a) + 1));
      const warm = await snapshot(root, cache);
      assertSame(warm, await snapshot(root));
      assert.notEqual(warm.md, uncached.md);
    } finally {
      writeFileSync(abs, original);
    }
  });

  it('ignores a damaged or forged cache, one of another version and one of another folder, and replaces it', async () => {
    await snapshot(root, cache);
    const file = cacheFileOf(cache, root);
    const good = readFileSync(file);
    const value = (await readIndexValue(file)) as Record<string, unknown>;
    const magic = good.subarray(0, good.indexOf(0x0a) + 1);
    // what a forger without the user's key can write: the layout's header, any MAC, any content
    const forged = Buffer.concat([magic, Buffer.alloc(32, 7), v8.serialize({ ...value, entries: new Map() })]);
    const damaged: [string, Buffer | Record<string, unknown>, string | undefined][] = [
      ['garbage', Buffer.from('not a cache at all'), '结果缓存已损坏，已忽略并重新生成'],
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), '结果缓存未通过校验（不是本机本用户写入的，或已被改动），已忽略并重新生成'],
      ['empty', Buffer.alloc(0), '结果缓存已损坏，已忽略并重新生成'],
      ['forged', forged, '结果缓存未通过校验（不是本机本用户写入的，或已被改动），已忽略并重新生成'],
      ['another version', { ...value, toolVersion: `${toolVersion()}-other` }, undefined],
      ['another folder', { ...value, root: path.join(dir, 'elsewhere') }, undefined],
      ['not an object', 42 as unknown as Record<string, unknown>, '结果缓存已损坏，已忽略并重新生成'],
    ];
    for (const [what, content, notice] of damaged) {
      if (Buffer.isBuffer(content)) writeFileSync(file, content);
      else await writeIndexValue(file, content);
      const ws = await CampaignWorkspace.open(root, { locale: 'zh-cn', cache, withPrevious: false });
      assert.deepEqual(ws.lastLoad(), { reused: 0, checked: files, workers: 0 }, what);
      assert.equal(ws.cacheNotice(), notice, what);
      assert.deepStrictEqual(ws.recordFiles().map((f): [string, unknown] => [ws.relative(f), ws.checked(f)]), uncached.checks, what);
      // rewritten whole
      const again = await CampaignWorkspace.open(root, { locale: 'zh-cn', cache, withPrevious: false });
      assert.deepEqual(again.lastLoad(), { reused: files, checked: 0, workers: 0 }, what);
      assert.equal(again.cacheNotice(), undefined, what);
    }
  });

  describe('index: unchanged files are not read', () => {
    /** Moves the last run's scan a minute later, as if the files had been written long before it. */
    const ageIndex = async (): Promise<void> => {
      const file = cacheFileOf(cache, root);
      const value = (await readIndexValue(file)) as { scannedAt: number };
      await writeIndexValue(file, { ...value, scannedAt: value.scannedAt + 60_000 });
    };

    it('a warm run trusts size, times and inode of files written well before the last run, and reports the same', async () => {
      await snapshot(root, cache);
      await ageIndex();
      const warm = await snapshot(root, cache);
      assert.deepEqual(warm.ws.lastLoad(), { reused: files, checked: 0, workers: 0 });
      assert.equal(warm.ws.lastIndex().unread, files);
      assertSame(warm, uncached);
    });

    it('a record changed to the same size with its modification time put back is read and checked again', async () => {
      const record = uncached.ws.recordFiles().find((f) => f.includes(`${path.sep}media${path.sep}`))!;
      const original = readFileSync(record);
      // a whole second, which every file system keeps exactly
      const then = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
      utimesSync(record, then, then);
      const before = statSync(record);
      await snapshot(root, cache);
      await ageIndex();
      const text = original.toString('utf8');
      const at = text.indexOf('checkDate: ') + 'checkDate: '.length;
      // one digit of the check date: the same length, another date
      const digit = text[at + 9] === '1' ? '2' : '1';
      const edited = `${text.slice(0, at + 9)}${digit}${text.slice(at + 10)}`;
      try {
        writeFileSync(record, edited);
        utimesSync(record, then, then);
        assert.equal(statSync(record).size, before.size);
        assert.equal(statSync(record).mtimeMs, before.mtimeMs);
        const warm = await snapshot(root, cache);
        assert.deepEqual(warm.ws.lastLoad(), { reused: files - 1, checked: 1, workers: 0 });
        assert.equal(warm.ws.lastIndex().unread, files - 1);
        assertSame(warm, await snapshot(root));
      } finally {
        writeFileSync(record, original);
      }
    });

    it('a record edited within the clock slack of the last run is read, though its stamp looks unchanged', async () => {
      const record = uncached.ws.recordFiles().find((f) => f.includes(`${path.sep}websites${path.sep}`))!;
      const original = readFileSync(record);
      await snapshot(root, cache);
      // the index says it read this stamp; the file was written (and could be again) in the same tick
      const file = cacheFileOf(cache, root);
      const value = (await readIndexValue(file)) as { scannedAt: number; entries: Map<string, { stamp?: { mtimeMs: number } }> };
      const entry = value.entries.get(path.relative(root, record).split(path.sep).join('/'))!;
      assert.ok(entry.stamp);
      await writeIndexValue(file, { ...value, scannedAt: entry.stamp.mtimeMs + 1000 });
      const warm = await snapshot(root, cache);
      assert.ok(warm.ws.lastIndex().unread < files);
      assertSame(warm, uncached);
      assert.deepEqual(readFileSync(record), original);
    });

    it('a damaged result blob, or a blob file of another write, is checked again rather than trusted', async () => {
      await snapshot(root, cache);
      const file = cacheFileOf(cache, root);
      const blobFile = blobFileOf(file);
      const value = (await readIndexValue(file)) as { entries: Map<string, { rest: { offset: number; length: number }; keys: string[] }> };
      const [, entry] = [...value.entries].find(([, e]) => e.keys.length > 0)!;
      const blobs = readFileSync(blobFile);
      const good = Buffer.from(blobs);
      blobs.fill(0xff, entry.rest.offset, entry.rest.offset + entry.rest.length);
      writeFileSync(blobFile, blobs);
      assertSame(await snapshot(root, cache), uncached);
      // another write's blob file (its token differs): every record checked again
      await snapshot(root, cache);
      writeFileSync(blobFile, Buffer.concat([Buffer.from('x'.repeat(24)), good.subarray(24)]));
      assertSame(await snapshot(root, cache), uncached);
      rmSync(blobFile);
      assertSame(await snapshot(root, cache), uncached);
    });
  });

  it('checks in worker threads exactly what it checks in one thread, and caches their results', async () => {
    const options = { locale: 'zh-cn' as const, cache, workers: { minimumDocuments: 1, count: 2 } };
    const ws = await CampaignWorkspace.open(root, options);
    assert.deepEqual(ws.lastLoad(), { reused: 0, checked: files, workers: 2 });
    assert.deepStrictEqual(ws.recordFiles().map((f): [string, unknown] => [ws.relative(f), ws.checked(f)]), uncached.checks);
    const warm = await snapshot(root, cache);
    assert.deepEqual(warm.ws.lastLoad(), { reused: files, checked: 0, workers: 0 });
    assertSame(warm, uncached);
  });

  it('sends records to the workers a few at a time while the folder is read, with the same results', async () => {
    // chunks of one record: the pool starts at the first and the records go to whichever worker has less to do
    const options = { locale: 'zh-cn' as const, workers: { minimumDocuments: 1, count: 2, chunk: 1 } };
    const ws = await CampaignWorkspace.open(root, options);
    assert.deepEqual(ws.lastLoad(), { reused: 0, checked: files, workers: 2 });
    assert.deepStrictEqual(ws.recordFiles().map((f): [string, unknown] => [ws.relative(f), ws.checked(f)]), uncached.checks);
  });

  it('says so when a worker fails, so that the load checks in its own thread', async () => {
    const file = path.join(root, 'media', 'broken.yaml');
    // a text that is no string makes the worker's parser throw
    assert.equal(await checkInWorkers({ root, locale: 'zh-cn' }, [{ file, text: 42 as unknown as string }], 1), undefined);
    const ok = await checkInWorkers({ root, locale: 'zh-cn' }, [{ file, text: 'kind: media\n' }], 1);
    assert.equal(ok?.length, 1);
    assert.equal(ok[0].check.kind, 'media');
  });

  it('deletes cache files unused for the configured days when writing one, and nothing else', async () => {
    const days = (JSON.parse(readFileSync(path.resolve(__dirname, '../../server/src/core/campaign/resultCache.json'), 'utf8')) as { pruneAfterDays: number }).pruneAfterDays;
    const stale = cacheFileOf(cache, path.join(dir, 'moved-away'));
    const recent = cacheFileOf(cache, path.join(dir, 'used-yesterday'));
    const other = path.join(cache, 'notes.txt');
    const ago = (d: number): Date => new Date(Date.now() - d * 86_400_000);
    // blob files go with their index: the stale one's too, the recent one's though not written for long
    const staleBlobs = blobFileOf(stale);
    const recentBlobs = blobFileOf(recent);
    for (const f of [stale, recent, other, staleBlobs, recentBlobs]) writeFileSync(f, 'x');
    utimesSync(staleBlobs, ago(days + 1), ago(days + 1));
    utimesSync(recentBlobs, ago(days + 5), ago(days + 5));
    utimesSync(stale, ago(days + 1), ago(days + 1));
    utimesSync(recent, ago(days - 1), ago(days - 1));
    utimesSync(other, ago(days + 1), ago(days + 1));
    await CampaignWorkspace.open(root, { locale: 'zh-cn', cache, withPrevious: false });
    assert.deepEqual(readdirSync(cache).sort(), [recent, recentBlobs, other, cacheFileOf(cache, root), blobFileOf(cacheFileOf(cache, root))].map((f) => path.basename(f)).concat(CACHE_KEY_FILE).sort());
    // a run that only reads its cache marks it used
    const mine = cacheFileOf(cache, root);
    utimesSync(mine, ago(days - 1), ago(days - 1));
    await CampaignWorkspace.open(root, { locale: 'zh-cn', cache, withPrevious: false });
    assert.ok(Date.now() - statSync(mine).mtimeMs < 60_000);
  });

  it('finds its folder in the environment, and none when switched off or without a home', () => {
    const home = path.resolve('/home/someone');
    assert.equal(cacheFolder({ HOME: home }, 'linux'), path.join(home, '.cache', 'inspection-records'));
    assert.equal(cacheFolder({ HOME: home, XDG_CACHE_HOME: path.join(home, 'xdg') }, 'linux'), path.join(home, 'xdg', 'inspection-records'));
    assert.equal(cacheFolder({ HOME: home, XDG_CACHE_HOME: 'relative' }, 'linux'), path.join(home, '.cache', 'inspection-records'));
    assert.equal(cacheFolder({ HOME: home, INSPECTION_RECORDS_CACHE: path.join(home, 'mine') }, 'linux'), path.join(home, 'mine'));
    assert.equal(cacheFolder({ HOME: home, INSPECTION_RECORDS_CACHE: 'off' }, 'linux'), undefined);
    assert.equal(cacheFolder({ HOME: home, INSPECTION_RECORDS_CACHE: 'OFF' }, 'linux'), undefined);
    assert.equal(cacheFolder({}, 'linux'), undefined);
    assert.equal(cacheFolder({ LOCALAPPDATA: path.join(home, 'AppData', 'Local') }, 'win32'), path.join(home, 'AppData', 'Local', 'inspection-records'));
    assert.equal(cacheFolder({ HOME: home }, 'win32'), undefined);
  });

  describe('command line', () => {
    async function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
      let stdout = '';
      let stderr = '';
      const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir, env });
      return { code, stdout, stderr };
    }
    /** The output without the elapsed time, which differs from run to run. */
    const steady = (s: string): string => s.replace(/用时 \d+ 毫秒/g, '').replace(/\d+ ms/g, '');

    it('check caches by default, not with --no-cache or INSPECTION_RECORDS_CACHE=off, and prints the same', async () => {
      const env = { INSPECTION_RECORDS_CACHE: cache };
      const off = await cli(['check', '--no-cache', 'hainan-2021q2'], env);
      assert.deepEqual(readdirSync(cache), []);
      const offByEnv = await cli(['check', 'hainan-2021q2'], { HOME: cache, INSPECTION_RECORDS_CACHE: 'off' });
      assert.deepEqual(readdirSync(cache), []);
      const cold = await cli(['check', 'hainan-2021q2'], env);
      assert.deepEqual(readdirSync(cache).sort(), [blobFileOf(cacheFileOf(cache, root)), cacheFileOf(cache, root)].map((f) => path.basename(f)).concat(CACHE_KEY_FILE).sort());
      const warm = await cli(['check', 'hainan-2021q2'], env);
      // the sample's records are correct: its failing sites are findings, which do not fail `check`
      assert.equal(off.code, 0);
      assert.match(off.stdout, /个检查发现（\d+ 条记录不合格）/);
      for (const run of [offByEnv, cold, warm]) {
        assert.equal(run.code, off.code);
        assert.equal(steady(run.stdout), steady(off.stdout));
        assert.equal(run.stderr, off.stderr);
      }
    });

    it('bulletin writes the same Markdown cold, warm and with --no-cache', async () => {
      // the previous campaign beside it is read because the user allows the folder holding both
      const env = { INSPECTION_RECORDS_CACHE: cache, INSPECTION_RECORDS_ALLOW: dir };
      const mds: string[] = [];
      for (const [i, extra] of [['--no-cache'], [], []].entries()) {
        const out = path.join(cache, `out${i}`);
        const run = await cli(['bulletin', 'hainan-2021q2', '--formats', 'md', '--out', out, ...extra], env);
        assert.equal(run.code, 0, run.stderr);
        const written = readdirSync(out).filter((f) => f.endsWith('.md'));
        assert.equal(written.length, 1);
        mds.push(readFileSync(path.join(out, written[0]), 'utf8'));
      }
      assert.equal(mds[0], uncached.md);
      assert.equal(mds[1], mds[0]);
      assert.equal(mds[2], mds[0]);
    });
  });
});
