// The CLI's code cache (core/io/codeCache.ts): a bundle loads the same with and without it, a cache
// is used only for the very bundle file and runtime that made it and only when it is the user's own,
// and the built command keeps one per subcommand in the cache folder (none with the cache off).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeCacheFileOf } from '../../server/src/core/io/codeCache';

const REPO = path.resolve(__dirname, '../..');

/** A bundle exporting `answer` (and a function compiled only when called). */
function bundleText(answer: string): string {
  return `#!/usr/bin/env node\nexports.answer = () => ${JSON.stringify(answer)};\nexports.main = require.main === module;\nexports.dir = __dirname;\nexports.path = require('node:path').basename(__filename);\n`;
}

describe('code cache of the CLI bundle', function () {
  this.timeout(60000);
  let dir: string;
  let cache: string;
  let bundle: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-codecache-'));
    cache = path.join(dir, 'cache');
    bundle = path.join(dir, 'bundle.js');
    writeFileSync(bundle, bundleText('first'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Loads the bundle in a process of its own (V8 reuses what one process compiled whatever the cache
   * says), calls what it exports (so that the cache holds it) and writes the cache.
   */
  function load(folder: string | null = cache): { answer: string; cache: string; exports: Record<string, unknown> } {
    const script = `
      const { loadWithCodeCache } = require(${JSON.stringify(path.join(REPO, 'server/src/core/io/codeCache.ts'))});
      const loaded = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(folder ?? undefined)}, 'check');
      const answer = loaded.exports.answer();
      loaded.save();
      process.stdout.write(JSON.stringify({ answer, cache: loaded.cache, exports: loaded.exports }));`;
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { answer: string; cache: string; exports: Record<string, unknown> };
  }

  it('loads the bundle as a module of its own, then from the cache it wrote, private to the user', () => {
    const first = load();
    assert.equal(first.cache, 'absent');
    assert.equal(first.answer, 'first');
    assert.equal(first.exports.main, false, 'the caller runs the bundle, not its own main test');
    assert.equal(first.exports.dir, dir);
    assert.equal(first.exports.path, 'bundle.js');
    const file = codeCacheFileOf(cache, bundle, 'check');
    assert.ok(existsSync(file));
    if (process.platform !== 'win32') {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(cache).mode & 0o777, 0o700);
    }
    const second = load();
    assert.equal(second.cache, 'used');
    assert.equal(second.answer, 'first');
  });

  it('does not use the cache of another text of the same length (V8 itself compares lengths only)', () => {
    load();
    writeFileSync(bundle, bundleText('other'));
    // a rewrite changes the modification time (set well apart here, for file systems with coarse times)
    const later = new Date(Date.now() + 5000);
    utimesSync(bundle, later, later);
    const changed = load();
    assert.equal(changed.cache, 'absent');
    assert.equal(changed.answer, 'other');
    assert.equal(load().cache, 'used');
  });

  it('ignores a cache someone else may write, and a damaged one, and still loads', function () {
    load();
    const file = codeCacheFileOf(cache, bundle, 'check');
    if (process.platform !== 'win32') {
      chmodSync(file, 0o666);
      const shared = load();
      assert.equal(shared.cache, 'absent');
      assert.equal(shared.answer, 'first');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'made again, private');
    }
    // the header is right, V8's part is not: V8 refuses it, the bundle is compiled
    const bytes = readFileSync(file);
    const header = bytes.indexOf(0x0a) + 1;
    bytes.fill(0x5a, header);
    writeFileSync(file, bytes, { mode: 0o600 });
    const damaged = load();
    assert.equal(damaged.cache, 'rejected');
    assert.equal(damaged.answer, 'first');
    assert.equal(load().cache, 'used');
  });

  it('writes nothing when switched off', () => {
    const off = load(null);
    assert.equal(off.cache, 'off');
    assert.equal(off.answer, 'first');
    assert.ok(!existsSync(cache));
  });

  it('the built command keeps one cache per subcommand, and none with INSPECTION_RECORDS_CACHE=off', function () {
    this.timeout(60000);
    const cli = path.join(REPO, 'dist', 'cli.js');
    assert.ok(existsSync(cli), 'dist/cli.js is missing: run `npm run build` first');
    const run = (env: string, ...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, INSPECTION_RECORDS_CACHE: env, INSPECTION_RECORDS_LANG: '' } });
    mkdirSync(cache);
    const first = run(cache, '--version');
    const again = run(cache, '--version');
    assert.equal(first.status, 0, first.stderr);
    assert.equal(again.stdout, first.stdout);
    run(cache, 'check', '--help');
    const files = readdirSync(cache).filter((f) => f.startsWith('code-')).sort();
    assert.equal(files.length, 2, files.join(', '));
    assert.ok(files.some((f) => f.endsWith('-check.bin')) && files.some((f) => f.endsWith('-other.bin')), files.join(', '));
    rmSync(cache, { recursive: true });
    const off = run('off', '--version');
    assert.equal(off.stdout, first.stdout);
    assert.ok(!existsSync(cache));
  });
});
