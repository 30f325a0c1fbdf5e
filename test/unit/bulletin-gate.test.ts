// The data gate before figures, from the command line: a campaign whose records have data errors or
// cannot be decided gets no bulletin (exit 1, each problem listed with file:line:column); asked
// with --allow-incomplete it gets a provisional one, marked in every format, the records with data
// errors left out of the figures; and a record a fact short (undecided) is listed as such.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { ZipEntries } from '../../server/src/core/registry/zipEntries';
import { rangeOfText } from './support/rangeOfText';

const REPO = path.resolve(__dirname, '..', '..');
/** The seed bulletin's figures for new media: 251 checked, 34 failed (shared domain notes, bulletins.md). */
const SEED_MEDIA = { checked: 251, failed: 34 };

/** The CLI in `cwd`, which the user allows (the sample's previous campaign lies beside it, outside it). */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: { INSPECTION_RECORDS_CACHE: 'off', INSPECTION_RECORDS_ALLOW: cwd } });
  return { code, stdout, stderr };
}

describe('the bulletin behind the data gate', function () {
  this.timeout(120000);
  let tmp: string;
  // a sampled account of the seed's 儋州市, written with a date the way people write it and a word for a boolean
  const broken = 'kind: media\nplatform: 微信公众号\nname: 儋州测试号\naccountId: dzcs0898\nsponsor: 儋州市测试局\nregion: 儋州市\ncheckDate: 2021/6/14\nsource: 抽查\nlastPost: 2021-06-10\ninteraction: { available: yes }\n';
  // a record without its last post: M-V2 cannot be decided
  const undecided = 'kind: media\nplatform: 抖音\nname: 儋州测试二号\naccountId: dzcs2\nsponsor: 儋州市测试局\nregion: 儋州市\ncheckDate: 2021-06-14\nsource: 抽查\ninteraction: { available: true }\n';

  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'ir-gate-'));
    cpSync(path.join(REPO, 'samples', 'hainan-2021q2'), path.join(tmp, 'hainan-2021q2'), { recursive: true, filter: (src) => path.basename(src) !== 'out' });
    cpSync(path.join(REPO, 'samples', 'hainan-2021q1'), path.join(tmp, 'hainan-2021q1'), { recursive: true });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the sample as it ships is whole: written, nothing provisional', async () => {
    const r = await cli(['bulletin', 'hainan-2021q2', '--formats', 'md', '--out', 'clean'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const md = readFileSync(path.join(tmp, 'clean', readdirSync(path.join(tmp, 'clean'))[0]), 'utf8');
    assert.doesNotMatch(md, /暂定稿/);
  });

  it('refuses a campaign with a data error (exit 1), listing it; --allow-incomplete writes it provisional in every format', async () => {
    const file = path.join(tmp, 'hainan-2021q2', 'media', '儋州市', 'zz-broken.yaml');
    writeFileSync(file, broken);
    try {
      const refused = await cli(['bulletin', 'hainan-2021q2', '--out', 'refused'], tmp);
      assert.equal(refused.code, 1);
      const at = (needle: string) => `${rangeOfText(broken, needle).start.line + 1}:${rangeOfText(broken, needle).start.character + 1}`;
      const lines = refused.stderr.trimEnd().split('\n');
      assert.deepEqual(lines.slice(0, 2).map((l) => l.split(' ').slice(0, 3).join(' ')), [
        `hainan-2021q2/media/儋州市/zz-broken.yaml:${at('2021/6/14')} 错误 IR3001`,
        `hainan-2021q2/media/儋州市/zz-broken.yaml:${at('yes')} 错误 IR2101`,
      ]);
      assert.match(lines[lines.length - 1], /^未生成通报：1 个文件有数据错误/);
      assert.ok(!existsSync(path.join(tmp, 'refused')) || readdirSync(path.join(tmp, 'refused')).length === 0, 'nothing may be written');

      const provisional = await cli(['bulletin', 'hainan-2021q2', '--out', 'provisional', '--allow-incomplete', '--format', 'json'], tmp);
      assert.equal(provisional.code, 0, provisional.stderr);
      const out = JSON.parse(provisional.stdout) as { provisional: string; leftOut: string[]; media: { checked: number; failed: number }; files: { format: string; file: string }[] };
      const sentence = '暂定稿：1 个文件有数据错误，其中 1 条记录未计入。修正后重新生成即为正式稿。';
      assert.equal(out.provisional, sentence);
      assert.deepEqual(out.leftOut, ['media/儋州市/zz-broken.yaml']);
      // the broken record is left out: the seed's figures stand
      assert.deepEqual([out.media.checked, out.media.failed], [SEED_MEDIA.checked, SEED_MEDIA.failed]);
      const written = (format: string) => path.join(tmp, out.files.find((f) => f.format === format)!.file);
      assert.ok(readFileSync(written('md'), 'utf8').startsWith(`<p align="center">${sentence}</p>\n`));
      const docx = new ZipEntries(readFileSync(written('docx'))).text('word/document.xml') ?? '';
      assert.ok(docx.indexOf(sentence) >= 0 && docx.indexOf(sentence) < docx.indexOf('关于2021年第二季度'), 'Word: the sentence above the title');
      const xlsx = new ZipEntries(readFileSync(written('xlsx')));
      const sheet = xlsx.text('xl/worksheets/sheet1.xml') ?? '';
      assert.match(sheet, /&amp;R&amp;B暂定稿/, 'Excel: 暂定稿 on every printed page');
      assert.ok((xlsx.text('xl/sharedStrings.xml') ?? '').includes(sentence), 'Excel: the sentence under the title');
    } finally {
      rmSync(file);
    }
  });

  it('refuses a record that cannot be decided, saying what it waits for', async () => {
    const file = path.join(tmp, 'hainan-2021q2', 'media', '儋州市', 'zz-undecided.yaml');
    writeFileSync(file, undecided);
    try {
      const refused = await cli(['bulletin', 'hainan-2021q2', '--out', 'undecided'], tmp);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^hainan-2021q2\/media\/儋州市\/zz-undecided\.yaml:1:1 警告 M-V2 无法判定 M-V2 内容不更新（账号）：未记录 lastPost$/m);
      assert.match(refused.stderr, /\n未生成通报：1 条记录因缺少事实无法判定/);
      const provisional = await cli(['bulletin', 'hainan-2021q2', '--out', 'undecided', '--allow-incomplete', '--formats', 'md', '--format', 'json'], tmp);
      const out = JSON.parse(provisional.stdout) as { provisional: string; media: { checked: number; undetermined: number } };
      assert.equal(out.provisional, '暂定稿：1 条记录因缺少事实无法判定，按合格计入。修正后重新生成即为正式稿。');
      assert.deepEqual([out.media.checked, out.media.undetermined], [SEED_MEDIA.checked + 1, 1]);
    } finally {
      rmSync(file);
    }
  });
});
