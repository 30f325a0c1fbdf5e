// The bounds every hostile input meets, one by one and in-process: only regular files read, within
// their kind's size; paths a campaign names contained on their real path; templates bounded in
// nesting, pieces and characters; profile patterns on a linear-time engine; registry archives and
// tables bounded; stdio frames bounded. (The catalogue's `run` cases drive the same through the CLI.)
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BoundedFrames, type DroppedInput } from '../../server/src/boundedInput';
import { checkTemplate, renderBounded, TemplateLimitError, TEMPLATE_LIMITS } from '../../server/src/core/bulletin/boundedTemplate';
import { allowedFolders, resolveContained, resolveContainedSync } from '../../server/src/core/io/containment';
import { readLimit, readRegular, readRegularSync, readUserText } from '../../server/src/core/io/readText';
import { parseCsv } from '../../server/src/core/registry/csvParse';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { readXlsx, XmlDoctypeError } from '../../server/src/core/registry/xlsxRead';
import { ZipEntries, ZipLimitError } from '../../server/src/core/registry/zipEntries';
import { compileUserPattern, UserPatternError } from '../../server/src/core/rules/userPattern';
import { zipOf } from './support/hostileCampaigns';

const REPO = path.resolve(__dirname, '..', '..');

describe('limits', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-limits-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('reading: regular files only, within the size of their kind', () => {
    it('a named pipe is refused at once, asynchronously and synchronously, and nothing blocks', async () => {
      const fifo = path.join(dir, 'pipe.yaml');
      execFileSync('mkfifo', [fifo]);
      assert.deepEqual(await readRegular(fifo, 100), { refused: { reason: 'notRegular', type: 'fifo' } });
      assert.deepEqual(readRegularSync(fifo, 100), { refused: { reason: 'notRegular', type: 'fifo' } });
      const read = await readUserText(fifo, 'en');
      assert.deepEqual(read.problems.map((p) => [p.code, p.message]), [['IR4111', 'This is not a regular file (a named pipe); it was not read']]);
    });

    it('a device and a folder are refused by what the opened descriptor is', async () => {
      assert.deepEqual(await readRegular('/dev/zero', 100), { refused: { reason: 'notRegular', type: 'device' } });
      assert.deepEqual(readRegularSync(dir, 100), { refused: { reason: 'notRegular', type: 'directory' } });
    });

    it('a file above the limit is refused by its size, a sparse 10 GB one at once', async () => {
      const sparse = path.join(dir, 'sparse.csv');
      execFileSync('truncate', ['-s', '10G', sparse]);
      const started = performance.now();
      assert.deepEqual(await readRegular(sparse, readLimit('registry')), { refused: { reason: 'tooLarge', size: 10 * 1024 ** 3, limit: readLimit('registry') } });
      assert.ok(performance.now() - started < 1000);
      rmSync(sparse);
      writeFileSync(path.join(dir, 'eleven.txt'), '0123456789A');
      assert.deepEqual(await readRegular(path.join(dir, 'eleven.txt'), 10), { refused: { reason: 'tooLarge', size: 11, limit: 10 } });
      const ok = await readRegular(path.join(dir, 'eleven.txt'), 11);
      assert.ok('bytes' in ok && ok.bytes.toString() === '0123456789A' && !ok.changed);
    });

    it('a file whose bytes are not what its descriptor said (written while read) is read, with a warning on it', async () => {
      // a file of the kernel's says 0 bytes and holds more: what a file being written looks like to fstat
      const moving = '/proc/version';
      const r = await readRegular(moving, 1000);
      assert.ok('bytes' in r && r.bytes.length > 0 && r.changed === true);
      const sync = readRegularSync(moving, 1000);
      assert.ok('bytes' in sync && sync.changed === true);
      const read = await readUserText(moving, 'zh-cn');
      assert.deepEqual(read.problems.map((p) => [p.code, p.severity, p.message]), [['IR4112', 2, '文件在读取时被其他程序改动，检查结果可能不完整，请保存后重新检查']]);
      // a file left alone says nothing of the kind
      writeFileSync(path.join(dir, 'still.yaml'), 'name: 定安发布\n');
      assert.deepEqual((await readUserText(path.join(dir, 'still.yaml'), 'zh-cn')).problems, []);
    });

    it('the limits per kind: a record 5 MiB, campaign.yaml 1 MiB, a registry export 100 MiB', () => {
      assert.deepEqual([readLimit('record'), readLimit('campaign'), readLimit('profile'), readLimit('template'), readLimit('registry')], [5 * 2 ** 20, 2 ** 20, 2 * 2 ** 20, 2 ** 20, 100 * 2 ** 20]);
    });
  });

  describe('containment: on real paths, the campaign and the allowed folders only', () => {
    let root: string;
    let outside: string;
    before(() => {
      root = path.join(dir, 'campaign');
      outside = path.join(dir, 'outside');
      mkdirSync(path.join(root, 'registry'), { recursive: true });
      mkdirSync(outside, { recursive: true });
      writeFileSync(path.join(root, 'registry', 'media.csv'), 'x');
      writeFileSync(path.join(outside, 'secret.txt'), 'x');
      symlinkSync('../outside', path.join(root, 'out-link'));
      symlinkSync('registry', path.join(root, 'in-link'));
    });

    const c = (allowed: string[] = []) => ({ root, allowed });

    it('inside, through a link inside, and a file not there yet whose folder is inside', async () => {
      assert.equal((await resolveContained('registry/media.csv', root, c())).status, 'inside');
      assert.equal((await resolveContained('in-link/media.csv', root, c())).status, 'inside');
      assert.deepEqual(await resolveContained('registry/new.csv', root, c()), { status: 'missing', path: path.join(root, 'registry', 'new.csv'), code: 'ENOENT' });
    });

    it('outside: `..`, an absolute path, a link leading out, a folder to be made below such a link', async () => {
      for (const rel of ['../outside/secret.txt', path.join(outside, 'secret.txt'), 'out-link/secret.txt', 'out-link/created/by/tool', '/dev/zero', 'a\0b']) {
        assert.equal((await resolveContained(rel, root, c())).status, 'outside', rel);
        assert.equal(resolveContainedSync(rel, root, c()).status, 'outside', rel);
      }
    });

    it('a folder the user allowed is as good as the campaign, through links too', async () => {
      assert.equal((await resolveContained('../outside/secret.txt', root, c([outside]))).status, 'inside');
      assert.equal(resolveContainedSync('out-link/secret.txt', root, c([outside])).status, 'inside');
      assert.equal((await resolveContained('/etc/passwd', root, c([outside]))).status, 'outside');
    });

    it('the allowed folders come from the user: INSPECTION_RECORDS_ALLOW and --allow, relative to the working folder', () => {
      assert.deepEqual(allowedFolders({ INSPECTION_RECORDS_ALLOW: ['/a', '', ' rel '].join(path.delimiter) }, '/work', ['b', '/a']), ['/a', '/work/rel', '/work/b']);
      assert.deepEqual(allowedFolders({}, '/work'), []);
    });
  });

  describe('templates: nesting, pieces rendered and characters produced', () => {
    const shipped = readFileSync(path.join(REPO, 'templates', 'bulletin.zh-cn.mustache'), 'utf8');

    it('the shipped template is well within the limits', () => {
      assert.doesNotThrow(() => checkTemplate(shipped));
    });

    it('sections nested beyond the limit are refused before anything is rendered', () => {
      const deep = (n: number): string => `${'{{#a}}'.repeat(n)}x${'{{/a}}'.repeat(n)}`;
      assert.doesNotThrow(() => checkTemplate(deep(TEMPLATE_LIMITS.maxDepth)));
      assert.throws(() => checkTemplate(deep(TEMPLATE_LIMITS.maxDepth + 1)), (e: unknown) => e instanceof TemplateLimitError && e.limit === 'depth');
    });

    it('a few bytes that multiply: stopped at the pieces limit, fast', () => {
      const list = Array.from({ length: 40 }, (_, i) => i);
      const started = performance.now();
      assert.throws(() => renderBounded(`${'{{#l}}'.repeat(6)}x${'{{/l}}'.repeat(6)}`, { l: list }, String), (e: unknown) => e instanceof TemplateLimitError && e.limit === 'steps');
      assert.ok(performance.now() - started < 3000);
    });

    it('text beyond the characters limit is stopped before it is held', () => {
      const long = 'x'.repeat(100_000);
      assert.throws(() => renderBounded('{{#l}}{{#l}}{{t}}{{/l}}{{/l}}', { l: Array.from({ length: 10 }, () => 0), t: long }, String), (e: unknown) => e instanceof TemplateLimitError && e.limit === 'size');
      assert.equal(renderBounded('{{#l}}{{t}}{{/l}}', { l: [1, 2], t: 'ab' }, String), 'abab');
    });
  });

  describe('profile patterns: a linear-time engine', () => {
    it('patterns that backtrack for minutes elsewhere answer at once on a long near-match', () => {
      const text = `${'a'.repeat(50_000)}b`;
      const started = performance.now();
      for (const source of ['^(a|a)*$', '^(.*a){12}$', '^(a+)+$', '(x+x+)+y']) assert.equal(compileUserPattern(source).test(text), false, source);
      assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms`);
    });

    it('the shipped profile’s patterns keep their meaning (unanchored like RegExp.test, Unicode)', () => {
      const site = compileUserPattern('^(\\d{10}|bm\\d{8})$');
      assert.deepEqual(['4600000012', 'bm12345678', '460000001', 'x4600000012'].map((s) => site.test(s)), [true, true, false, false]);
      const url = compileUserPattern('^https?://[^/:?#]+\\.(gov\\.cn|政务|xn--zfr164b)\\.?(:\\d+)?([/?#].*)?$');
      assert.deepEqual(['http://www.hainan.gov.cn/x', 'https://例子.政务', 'http://example.com'].map((s) => url.test(s)), [true, true, false]);
      assert.equal(compileUserPattern('定安').test('海南定安发布'), true);
    });

    it('lookaround and backreferences are reported as unsupported, with the engine’s words', () => {
      assert.throws(() => compileUserPattern('(?=a)b'), (e: unknown) => e instanceof UserPatternError && /\(\?=/.test(e.message));
      assert.throws(() => compileUserPattern('(a)\\1'), UserPatternError);
    });
  });

  describe('registry exports: archives, XML and tables bounded', () => {
    it('an archive entry declaring 4 GB, or compressed 1000:1, is refused before it is inflated', () => {
      const declared = new ZipEntries(zipOf([{ name: 'a.xml', data: Buffer.from('<a/>'), declared: 0xffffffff }]));
      assert.throws(() => declared.read('a.xml'), (e: unknown) => e instanceof ZipLimitError && e.limit === 'size' && e.size === 0xffffffff);
      const bomb = new ZipEntries(zipOf([{ name: 'b.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) }]));
      assert.throws(() => bomb.read('b.xml'), (e: unknown) => e instanceof ZipLimitError && e.limit === 'ratio');
      // an entry that inflates beyond what it declares stops at the declared size
      const liar = new ZipEntries(zipOf([{ name: 'c.xml', data: Buffer.alloc(64 * 1024, 0x41), declared: 100 }]));
      assert.throws(() => liar.read('c.xml'), /c\.xml/);
    });

    it('a DOCTYPE or entity declaration in a part is refused, never expanded', () => {
      const workbook = zipOf([
        { name: 'xl/workbook.xml', data: Buffer.from('<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><workbook><sheets/></workbook>') },
      ]);
      assert.throws(() => readXlsx(workbook), (e: unknown) => e instanceof XmlDoctypeError && e.entry === 'xl/workbook.xml');
    });

    it('a cell referenced far to the right does not make a row of millions of cells', () => {
      const xml = (s: string): Buffer => Buffer.from(s);
      const workbook = zipOf([
        { name: 'xl/workbook.xml', data: xml('<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>') },
        { name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
        { name: 'xl/worksheets/sheet1.xml', data: xml('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="ZZZZZZZZ1" t="inlineStr"><is><t>远</t></is></c></row></sheetData></worksheet>') },
      ]);
      const rows = [...readXlsx(workbook)[0].rows()];
      assert.deepEqual(rows, [{ row: 1, cells: ['名称'] }]);
    });

    it('CSV: records and fields bounded; an export with too many rows is not used at all', async () => {
      const csv = parseCsv('a,b,c,d\n1,2,3,4\n5,6,7,8\n', ',', { maxRecords: 2, maxFields: 3 });
      assert.deepEqual(csv.records.map((r) => r.fields), [['a', 'b', 'c'], ['1', '2', '3']]);
      assert.equal(csv.truncated, true);
      const head = '序号,地区,平台,账号名称,账号ID,主办单位,状态\n';
      const rows = Array.from({ length: 500_001 }, (_, i) => `${i},海口市,抖音,账号${i},id${i},某局,正常\n`).join('');
      const imported = await importRegistry(Buffer.from(head + rows), { kind: 'media', file: 'registry/media.csv', locale: 'zh-cn' });
      assert.equal(imported.rows.length, 0);
      assert.deepEqual(imported.problems.map((p) => p.message), ['registry/media.csv 的数据超过 500000 行，未导入；全国的备案数据也远少于这个数，请确认选对了文件。']);
    });
  });

  describe('stdio frames', () => {
    /** Feeds chunks through the transform; what came out and what was dropped. */
    function frames(chunks: (string | Buffer)[], max = 100): { out: string; dropped: DroppedInput[] } {
      const dropped: DroppedInput[] = [];
      const t = new BoundedFrames((d) => dropped.push(d), max);
      const out: Buffer[] = [];
      t.on('data', (b: Buffer) => out.push(b));
      for (const c of chunks) t.write(typeof c === 'string' ? Buffer.from(c) : c);
      return { out: Buffer.concat(out).toString(), dropped };
    }
    const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

    it('passes frames through as they are, split anywhere', () => {
      const text = frame('{"a":1}') + frame('{"b":"定安"}');
      const split = [...text].map((ch) => ch);
      assert.deepEqual(frames(split), { out: text, dropped: [] });
    });

    it('skips a message above the limit as it streams, and keeps the next one', () => {
      const big = `Content-Length: 1000\r\n\r\n${'x'.repeat(1000)}`;
      const r = frames([big.slice(0, 500), big.slice(500), frame('{"ok":1}')]);
      assert.deepEqual(r, { out: frame('{"ok":1}'), dropped: [{ reason: 'tooLarge', bytes: 1000 }] });
    });

    it('drops what is no header and resumes on the next one', () => {
      const r = frames(['Content-Length: abc\r\n\r\n', 'garbage\r\n\r\n', frame('{"ok":2}')]);
      assert.equal(r.out, frame('{"ok":2}'));
      assert.deepEqual(r.dropped.map((d) => d.reason), ['badHeader', 'badHeader']);
    });

    it('a body longer than its length said runs into the next header: resumed at that header', () => {
      // bytes of another writer slipped into a message shift its end: what is left of it precedes the next frame
      const r = frames([`Content-Length: 3\r\n\r\n{"a"}}}${frame('{"ok":3}')}`]);
      assert.equal(r.out, `Content-Length: 3\r\n\r\n{"a${frame('{"ok":3}')}`);
      assert.deepEqual(r.dropped, [{ reason: 'badHeader', header: '"}}}' }]);
    });
  });
});
