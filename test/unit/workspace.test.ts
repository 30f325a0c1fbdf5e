// CampaignWorkspace: one campaign held in memory — records checked with rules and registry, duplicates
// found across files (also at first load), file events re-checking exactly what they affect, analysis.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkPaths } from '../../server/src/core/actions';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { rangeOfText } from './support/rangeOfText';

const VALID = path.resolve(__dirname, '../fixtures/campaigns/valid');

describe('campaign workspace', () => {
  let dir: string;
  let dzjy: string;
  let copy: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-ws-'));
    cpSync(VALID, dir, { recursive: true });
    dzjy = path.join(dir, 'media/danzhou/dzjy.yaml');
    copy = path.join(dir, 'media/danzhou/dzjy-again.yaml');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a local profile with one unknown key gets exactly one diagnostic in the whole campaign', async () => {
    mkdirSync(path.join(dir, 'profiles'));
    const profile = 'kind: profile\nid: local\nname: { zh-cn: 本地, en: Local }\nextends: national-2019\noverrides:\n  M-V2:\n    kidn: warning\n';
    writeFileSync(path.join(dir, 'profiles/local.yaml'), profile);
    writeFileSync(path.join(dir, 'campaign.yaml'), readFileSync(path.join(dir, 'campaign.yaml'), 'utf8').replace(/^profile: .*$/m, '') + 'profile: profiles/local.yaml\n');
    const result = await checkPaths([dir], { cwd: dir, locale: 'zh-cn' });
    assert.deepEqual(
      result.diagnostics.map((d) => [path.relative(dir, d.file), d.diagnostic.code, d.diagnostic.range]),
      [[path.join('profiles', 'local.yaml'), 'IR2103', rangeOfText(profile, 'kidn')]],
    );
  });

  const codes = (ws: CampaignWorkspace, file: string): string[] => (ws.checked(file)?.diagnostics ?? []).map((d) => String(d.code));

  it('checks every record with its schema, rules and registry, and keeps no syntax tree', async () => {
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    assert.deepEqual(ws.recordFiles().map((f) => ws.relative(f)), ['campaign.yaml', 'media/danzhou/dzjy.yaml', 'websites/justice.yaml']);
    assert.deepEqual(codes(ws, dzjy), []);
    const stored = ws.checked(dzjy) as Record<string, unknown>;
    assert.equal(stored.parsed, undefined);
    assert.equal(ws.checked(dzjy)?.registry?.status, 'matched');
    assert.equal(ws.checked(dzjy)?.result?.verdict, 'pass');
  });

  it('gives a rule hit on the fact that breaks it, with the arithmetic', async () => {
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    const text = readFileSync(dzjy, 'utf8').replace('lastPost: 2021-06-10', 'lastPost: 2021-05-20');
    const check = ws.checkDocument(dzjy, text);
    const hit = check.diagnostics.find((d) => d.code === 'M-V2');
    assert.ok(hit, JSON.stringify(check.diagnostics));
    assert.deepEqual(hit.range, rangeOfText(text, '2021-05-20'));
    assert.match(hit.message, /2021-05-20.*2021-06-16.*27 天.*14 天/);
    assert.equal(check.result?.verdict, 'fail');
  });

  it('finds two records of one account at first load, on both files, and forgets it when one is deleted', async () => {
    writeFileSync(copy, readFileSync(dzjy, 'utf8'));
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    assert.ok(codes(ws, dzjy).includes('REG-DUPLICATE-RECORD'), codes(ws, dzjy).join());
    assert.ok(codes(ws, copy).includes('REG-DUPLICATE-RECORD'), codes(ws, copy).join());
    unlinkSync(copy);
    const { recheck } = await ws.fileChanged(copy, 'deleted');
    assert.deepEqual(recheck, [dzjy, copy].sort());
    assert.ok(!codes(ws, dzjy).includes('REG-DUPLICATE-RECORD'));
    assert.ok(!ws.hasFile(copy));
  });

  it('an edit that makes a record a duplicate re-checks the other record too', async () => {
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    writeFileSync(copy, readFileSync(dzjy, 'utf8').replace('dzjy0898', 'other-id').replace('儋州教育', '儋州发布'));
    let r = await ws.fileChanged(copy, 'created');
    assert.deepEqual(r.recheck, [copy]);
    assert.ok(!codes(ws, dzjy).includes('REG-DUPLICATE-RECORD'));
    writeFileSync(copy, readFileSync(dzjy, 'utf8'));
    r = await ws.fileChanged(copy, 'changed');
    assert.deepEqual(r.recheck, [dzjy, copy].sort());
    assert.ok(codes(ws, dzjy).includes('REG-DUPLICATE-RECORD'));
  });

  it('a registry change re-checks every record: an account dropped from the registry becomes 漏报', async () => {
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    writeFileSync(path.join(dir, 'registry/media.yaml'), '- { 平台: 微信公众号, 账号名称: 儋州发布, 账号ID: dzfb }\n');
    const r = await ws.fileChanged(path.join(dir, 'registry/media.yaml'), 'changed');
    assert.equal(r.recheck, 'all');
    assert.ok(codes(ws, dzjy).includes('REG-UNREGISTERED'), codes(ws, dzjy).join());
  });

  it('analyses the campaign: population from the campaign or the registry, each record with verdict and filing', async () => {
    const ws = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    const a = await ws.analyse();
    assert.deepEqual(a.population, { websites: 115, media: 1 });
    assert.deepEqual(
      a.records.map((r) => [r.file, r.result.verdict, r.registry.status]),
      [
        ['media/danzhou/dzjy.yaml', 'pass', 'matched'],
        ['websites/justice.yaml', 'pass', 'not-applicable'],
      ],
    );
  });

  it("follows the user's profile setting over campaign.yaml's, in the main thread and in workers alike", async () => {
    writeFileSync(
      path.join(dir, 'strict.yaml'),
      'kind: profile\nid: strict\nname: { zh-cn: 严格, en: Strict }\nextends: national-2019\noverrides:\n  M-V2:\n    conditions:\n      lastPost:\n        window: { length: 5 }\n',
    );
    // dzjy: last post 2021-06-10, checked 2021-06-16: 6 days, inside 14, outside 5
    const plain = await CampaignWorkspace.open(dir, { locale: 'zh-cn' });
    assert.ok(!codes(plain, dzjy).includes('M-V2'));
    const strict = await CampaignWorkspace.open(dir, { locale: 'zh-cn', profile: 'strict.yaml' });
    assert.ok(codes(strict, dzjy).includes('M-V2'), codes(strict, dzjy).join());
    assert.equal(strict.profile()?.id, 'strict');
    const [inWorker] = await CampaignWorkspace.checkDocuments(dir, 'zh-cn', [{ file: dzjy, text: readFileSync(dzjy, 'utf8') }], { profile: 'strict.yaml' });
    assert.ok(inWorker.diagnostics.some((d) => d.code === 'M-V2'));
  });
});
