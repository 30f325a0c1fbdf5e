// Neovim 0.7 (Debian's `neovim`), headless, with its built-in LSP client: diagnostics (pushed),
// hover and completion arrive. Fails (does not skip) when nvim is missing: CI installs it.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyFixture, positionOf, removeCopy, REPO, SERVER } from './lspHarness';

describe('Neovim built-in LSP client', function () {
  this.timeout(60000);

  it('receives diagnostics, hover and completion from the server', () => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    let version: string;
    try {
      version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    } catch {
      assert.fail('nvim is not installed (Debian: apt-get install neovim); this test needs it');
    }
    assert.match(version, /^NVIM v0\.(7|8|9|1\d)\./);

    const folder = copyFixture('campaign-basic');
    try {
      const record = path.join(folder, 'media', 'danzhou', 'edu.yaml');
      const text = readFileSync(record, 'utf8');
      const out = path.join(path.dirname(folder), 'nvim-result.json');
      const hover = positionOf(text, 'platform');
      const complete = positionOf(text, '县级');
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO, 'test', 'nvim', 'lsp-check.lua')}`], {
        env: {
          ...process.env,
          IR_SERVER: SERVER,
          IR_ROOT: folder,
          IR_RECORD: record,
          IR_HOVER: `${hover.line},${hover.character}`,
          IR_COMPLETE: `${complete.line},${complete.character}`,
          IR_OUT: out,
        },
        timeout: 50000,
        encoding: 'utf8',
      });
      assert.ok(existsSync(out), `Neovim wrote no result (status ${run.status}): ${run.stderr}`);
      const result = JSON.parse(readFileSync(out, 'utf8')) as {
        diagnosticsArrived: boolean;
        diagnostics: { lnum: number; col: number; code: string; message: string; severity: number }[];
        hover?: string;
        completion: string[];
        errors: Record<string, string>;
      };
      assert.deepEqual(result.errors, {});
      assert.equal(result.diagnosticsArrived, true);
      const at = positionOf(text, '2021/6/10');
      assert.deepEqual(result.diagnostics.map((d) => [d.code, d.lnum, d.col, d.severity]), [['IR3001', at.line, at.character, 1]]);
      assert.equal(result.diagnostics[0].message, '“最近发布日期”（lastPost）须写作 YYYY-MM-DD：“2021/6/10”应写作 2021-06-10');
      assert.match(result.hover ?? '', /^\*\*平台\*\* `platform`\n\n账号所在的平台/);
      assert.deepEqual(result.completion, ['国务院部门', '省级', '市级', '县级', '乡镇级']);
    } finally {
      removeCopy(folder);
    }
  });
});
