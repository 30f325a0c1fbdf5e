// Should the tool itself ever trip over a record, the message names the record it was processing,
// and never blames a folder that could be written perfectly well. The fault is made on purpose: one
// evaluator of the indicator engine throws while the tests run.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { outputFailed } from '../../server/src/core/actions/actionError';
import { RecordProcessingError } from '../../server/src/core/campaign/workspace';
import { EVALUATORS } from '../../server/src/core/rules/evaluators';

const REPO = path.resolve(__dirname, '..', '..');

describe('internal errors name the record, never an innocent folder', function () {
  this.timeout(60000);
  let tmp: string;
  const original = EVALUATORS.staleness;

  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'ir-internal-'));
    cpSync(path.join(REPO, 'test', 'fixtures', 'campaigns', 'valid'), tmp, { recursive: true });
  });
  afterEach(() => {
    EVALUATORS.staleness = original;
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('a fault while checking a record is reported with that record’s path', async () => {
    EVALUATORS.staleness = () => {
      throw new TypeError("Cannot read properties of null (reading 'normalize')");
    };
    let stderr = '';
    const code = await main(['bulletin', '.', '--formats', 'md'], { stdout: () => undefined, stderr: (s) => (stderr += s), cwd: tmp, env: { INSPECTION_RECORDS_CACHE: 'off' } });
    assert.equal(code, 2);
    const first = stderr.split('\n')[0];
    // the first record the engine evaluates, by the campaign scan's order
    assert.match(first, /^内部错误：处理 (media\/danzhou\/dzjy\.yaml|websites\/justice\.yaml) 时出错（这是工具的缺陷，不是记录的问题，请报告）：Cannot read properties of null \(reading 'normalize'\)$/);
    assert.doesNotMatch(stderr, /无法写入/);
  });

  it('only what the file system says is about the output folder', () => {
    const bug = new TypeError('x is undefined');
    assert.throws(() => outputFailed(bug, '/some/folder', 'zh-cn'), (e: unknown) => e === bug);
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC', path: '/some/folder/a.md' });
    const refused = outputFailed(full, '/some/folder', 'zh-cn');
    assert.equal(refused.kind, 'output');
    assert.equal(refused.subject, '/some/folder/a.md');
  });

  it('the record’s fault keeps what went wrong (message and stack)', () => {
    const cause = new RangeError('too deep');
    const e = new RecordProcessingError('media/a.yaml', cause, 'en');
    assert.equal(e.message, 'Failed while processing media/a.yaml (a fault of the tool, not of the record; please report it): too deep');
    assert.equal(e.cause, cause);
    assert.match(e.stack ?? '', /RangeError: too deep/);
  });
});
