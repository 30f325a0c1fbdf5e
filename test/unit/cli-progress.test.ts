// The CLI's progress line: on stderr only when it is a terminal (the I/O gives a `progress` writer),
// never with --format json, shown only after the first second, redrawn in place at most every 100 ms,
// wiped before the results are printed, in the user's language.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { initialContext, type CliContext } from '../../server/src/cli/args';
import { main } from '../../server/src/cli/main';
import { progressLine } from '../../server/src/cli/progress';

const SAMPLE = path.resolve(__dirname, '../../samples/hainan-2021q2');

function context(format: 'text' | 'json', locale: 'zh-cn' | 'en', written: string[] | undefined): CliContext {
  const ctx = initialContext({ stdout: () => undefined, stderr: () => undefined, cwd: SAMPLE, env: {} });
  return { ...ctx, format, locale, progress: written && ((s: string) => void written.push(s)) };
}

describe('cli progress', () => {
  it('shows nothing in the first second, then the line redrawn in place, and wipes it at the end', () => {
    const written: string[] = [];
    let clock = 0;
    const line = progressLine(context('text', 'zh-cn', written), () => clock);
    line.load({ phase: 'read', done: 10, total: 100 });
    clock = 999;
    line.load({ phase: 'read', done: 50, total: 100 });
    assert.deepEqual(written, []);
    clock = 1000;
    line.load({ phase: 'read', done: 60, total: 100 });
    assert.deepEqual(written, ['\r读取文件 60/100']);
    // within 100 ms: not redrawn, unless the phase is complete
    clock = 1050;
    line.load({ phase: 'read', done: 70, total: 100 });
    line.load({ phase: 'read', done: 100, total: 100 });
    clock = 1300;
    line.load({ phase: 'check', done: 5, total: 7 });
    assert.deepEqual(written.slice(1), ['\r读取文件 100/100', '\r检查记录 5/7    ']);
    line.done();
    // each CJK character takes two columns: 读取文件 100/100 was 16 columns, 检查记录 5/7 is 12
    assert.equal(written[written.length - 1], `\r${' '.repeat(12)}\r`);
  });

  it('speaks English with --lang en', () => {
    const written: string[] = [];
    let clock = 0;
    const line = progressLine(context('text', 'en', written), () => clock);
    clock = 2000;
    line.load({ phase: 'check', done: 3, total: 9 });
    line.step('progress.write');
    assert.deepEqual(written, ['\rChecking records 3/9', '\rWriting the bulletin…']);
  });

  it('is quiet with --format json and when stderr is no terminal', () => {
    const written: string[] = [];
    const json = context('json', 'zh-cn', written);
    // no terminal: the I/O has no progress writer, and the line writes to stderr none the less never
    const piped = { ...context('text', 'zh-cn', undefined), stderr: (s: string) => void written.push(s) };
    for (const ctx of [json, piped]) {
      let clock = 0;
      const line = progressLine(ctx, () => clock);
      clock = 5000;
      line.load({ phase: 'read', done: 1, total: 2 });
      line.step('progress.write');
      line.done();
    }
    assert.deepEqual(written, []);
  });

  it('check prints the same results with a terminal watching, and nothing on it in JSON', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'ir-progress-'));
    const run = async (args: string[], tty: boolean): Promise<{ stdout: string; progress: string }> => {
      let stdout = '';
      let progress = '';
      await main(args, { stdout: (s) => (stdout += s), stderr: () => undefined, progress: tty ? (s) => (progress += s) : undefined, cwd: SAMPLE, env: { INSPECTION_RECORDS_CACHE: cache } });
      return { stdout: stdout.replace(/\d+ 毫秒|\d+ ms|"elapsedMs": \d+/g, ''), progress };
    };
    const plain = await run(['check', '.'], false);
    const watched = await run(['check', '.'], true);
    assert.equal(watched.stdout, plain.stdout);
    // whatever was drawn was wiped: the line ends blank
    if (watched.progress) assert.match(watched.progress, /\r *\r$/);
    const json = await run(['check', '.', '--format', 'json'], true);
    assert.equal(json.progress, '');
    rmSync(cache, { recursive: true, force: true });
  });
});
