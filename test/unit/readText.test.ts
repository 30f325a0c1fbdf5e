// Reading users' files: UTF-8 (with or without BOM), UTF-16 by BOM, GB18030/GBK with a warning and no
// mojibake, undecodable bytes located, binary and oversized files refused, I/O errors localised.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { Severity } from '../../server/src/core/model';
import { decodeUserBytes, FileStamper, firstInvalidUtf8, isGb18030, readError, readUserText } from '../../server/src/core/io/readText';

const TEXT = 'kind: media\nname: 儋州教育\n';
const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('readText', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-read-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Uint8Array | string) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it('reads UTF-8, stripping a BOM', async () => {
    assert.deepEqual(await readUserText(file('plain.yaml', TEXT), 'zh-cn'), { text: TEXT, encoding: 'utf-8', problems: [] });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    assert.deepEqual(await readUserText(file('bom.yaml', bom), 'zh-cn'), { text: TEXT, encoding: 'utf-8', problems: [] });
  });

  it('decodes UTF-16 by its BOM, with a warning', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')]);
    assert.deepEqual(decodeUserBytes(le, 'zh-cn'), {
      text: TEXT,
      encoding: 'utf-16le',
      problems: [{ range: AT_START, severity: Severity.Warning, code: 'IR4108', message: '文件是 UTF-16 LE 编码，已正确读取；建议另存为 UTF-8', source: 'io' }],
    });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]);
    const r = decodeUserBytes(be, 'en');
    assert.equal(r.text, TEXT);
    assert.equal(r.problems[0].message, 'The file is UTF-16 BE; it was read correctly, but saving it as UTF-8 is recommended');
  });

  it('decodes GBK files as GB18030 with a warning instead of mojibake', async () => {
    const r = await readUserText(file('gbk.yaml', iconv.encode(TEXT, 'gbk')), 'zh-cn');
    assert.equal(r.text, TEXT);
    assert.equal(r.encoding, 'gb18030');
    assert.deepEqual(r.problems, [
      {
        range: AT_START,
        severity: Severity.Warning,
        code: 'IR4107',
        message: '文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请在编辑器中另存为 UTF-8，以免其他工具读出乱码',
        source: 'io',
      },
    ]);
    // four-byte GB18030 sequences (characters outside GBK) are recognised too
    assert.equal(isGb18030(iconv.encode('𠀋€', 'gb18030')), true);
  });

  it('locates bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = Buffer.concat([Buffer.from('kind: media\nname: 儋州'), Buffer.from([0xff, 0x41]), Buffer.from('\n')]);
    const r = decodeUserBytes(bytes, 'zh-cn');
    assert.equal(r.text, undefined);
    assert.deepEqual(r.problems, [
      {
        range: { start: { line: 1, character: 'name: 儋州'.length }, end: { line: 1, character: 'name: 儋州'.length + 1 } },
        severity: Severity.Error,
        code: 'IR4109',
        message: '文件不是 UTF-8 编码，也不能按 GB18030（GBK）读取：此处有无法识别的字节 0xFF；请在编辑器中另存为 UTF-8',
        source: 'io',
      },
    ]);
  });

  it('finds the first byte that breaks UTF-8, including overlong forms and surrogates', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('abc儋州😀')), Buffer.from('abc儋州😀').length);
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80])), 1); // overlong NUL
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80])), 2); // UTF-16 surrogate
    assert.equal(firstInvalidUtf8(Buffer.from([0xe5, 0x84])), 0); // truncated sequence
  });

  it('refuses binary files and files over the limit', async () => {
    const nul = await readUserText(file('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00])), 'zh-cn');
    assert.deepEqual(nul.problems.map((p) => [p.code, p.severity]), [['IR4106', Severity.Error]]);
    assert.equal(nul.text, undefined);
    const big = await readUserText(file('big.yaml', 'x'.repeat(3000)), 'zh-cn', 1024);
    assert.deepEqual(big.problems.map((p) => [p.code, p.message]), [
      ['IR4105', '文件太大（3 KB），超过上限 1 KB，未读取；记录文件通常只有几 KB，请确认选对了文件'],
    ]);
    const huge = await readUserText(file('huge.yaml', Buffer.alloc(6 * 1024 * 1024, 0x61)), 'en');
    assert.equal(
      huge.problems[0].message,
      'The file is too large (6.0 MB, the limit is 5.0 MB) and was not read; a record file is usually a few KB, check that this is the right file',
    );
  });

  it('reports missing files, folders and permission errors in the user\'s language', async () => {
    const missing = await readUserText(path.join(dir, 'none.yaml'), 'zh-cn');
    assert.deepEqual(missing.problems.map((p) => [p.code, p.message]), [['IR4101', '文件不存在']]);
    const folder = await readUserText(dir, 'en');
    assert.deepEqual(folder.problems.map((p) => [p.code, p.message]), [['IR4103', 'This is a folder, not a file']]);
    // permissions cannot be denied to root (CI runs as root), so the mapping is checked directly
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    assert.deepEqual([readError(denied, 'zh-cn').code, readError(denied, 'zh-cn').message], ['IR4102', '没有读取这个文件的权限']);
    const other = Object.assign(new Error('io'), { code: 'EIO' });
    assert.equal(readError(other, 'en').message, 'The file cannot be read (EIO)');
  });

  describe('FileStamper', () => {
    /** Stats 200 files (and a missing one) with a stamper; what it gave and whether it went over to the callback API. */
    async function stamp(stamper: FileStamper): Promise<{ same: boolean; missing: unknown; parallel: boolean }> {
      const files = Array.from({ length: 200 }, (_, i) => file(`stamp-${i}.yaml`, `n: ${'x'.repeat(i)}\n`));
      let same = true;
      for (const f of files) {
        const s = await stamper.stat(f);
        const want = statSync(f);
        if (!s || s.size !== want.size || s.mtimeMs !== want.mtimeMs || s.ino !== want.ino) same = false;
      }
      return { same, missing: await stamper.stat(path.join(dir, 'no-such-file.yaml')), parallel: stamper.parallel };
    }

    it('stats files synchronously while the disk answers at once', async () => {
      assert.deepEqual(await stamp(new FileStamper()), { same: true, missing: undefined, parallel: false });
    });

    it('goes over to the callback API when most stats are slow, with the same answers', async () => {
      // every stat counts as slow
      assert.deepEqual(await stamp(new FileStamper(-1)), { same: true, missing: undefined, parallel: true });
    });
  });
});
