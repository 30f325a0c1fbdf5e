// The open file first: a document opened while its campaign is being indexed gets its own problems
// (syntax, schema, dates, rules with the campaign's profile) at once; what needs the whole campaign
// follows when the index is ready. Asserted by the order of the server's messages, not by time.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LspTestClient, PUSH_CLIENT, REPO } from './lspHarness';

/** The YAML records below a folder. */
function records(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = path.join(dir, n);
    return statSync(f).isDirectory() ? records(f) : /\.yaml$/.test(n) && n !== 'campaign.yaml' ? [f] : [];
  });
}

describe('language server over stdio: the open file first', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspTestClient;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ir-open-first-'));
    // big enough that indexing takes far longer than checking one document
    execFileSync(process.execPath, [path.join(REPO, 'dist', 'gen.js'), '--websites', '150', '--media', '850', '--out', path.join(dir, 'campaign')], { stdio: 'ignore' });
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the open document’s own problems before the campaign index is done, then its campaign’s', async () => {
    const campaign = path.join(dir, 'campaign');
    const file = records(path.join(campaign, 'media'))[0];
    // a date typo (the document's own problem) in an account the registry does not know (the campaign's)
    const text = readFileSync(file, 'utf8').replace(/^checkDate: .*$/m, 'checkDate: 2021/6/14').replace(/^name: (.*)$/m, 'name: 测试用的未登记账号');
    client = LspTestClient.start();
    await client.initialize(PUSH_CLIENT, campaign);
    const uri = client.open(file, text);
    const indexed = (): number => client.arrivals.findIndex((m) => m.startsWith('window/logMessage') && m.includes('已索引'));
    await client.waitFor(() => indexed() >= 0, 'the index', 100_000);
    await client.waitFor(() => (client.diagnostics.get(uri)?.length ?? 0) >= 2, 'the document checked again with its campaign', 20_000);
    const first = client.arrivals.indexOf(`publish ${uri}`);
    assert.ok(first >= 0 && first < indexed(), `the document's diagnostics came after the index:\n${client.arrivals.slice(0, 12).join('\n')}`);
    // its own problem at once; the registry's finding, which needs the campaign's exports, after
    const [own, withCampaign] = [client.diagnostics.get(uri)![0], client.latest(uri)!];
    assert.deepEqual(own.diagnostics.filter((d) => /^(IR3001|REG-)/.test(String(d.code))).map((d) => d.code), ['IR3001']);
    assert.ok(withCampaign.some((d) => /^REG-/.test(String(d.code))), withCampaign.map((d) => d.code).join(' '));
  });
});
