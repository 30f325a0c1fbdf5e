// inspection/probeWebsite served by the bundled server over stdio, against the fixture web: the
// facts come back as an edit of the open document whose every change is annotated for confirmation
// (so VS Code previews it), conflicts as lines, and applying the edit gives the record those facts.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnnotatedTextEdit, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { ProbeWebsiteRequest } from '../../shared/protocol';
import { fixtureCampaign } from '../web/fixtureCampaign';
import { startFixtureWeb, type FixtureWeb } from '../web/fixtureWeb';
import { LspTestClient, PULL_CLIENT, SERVER, uriOf } from './lspHarness';

describe('language server over stdio: probe this website', function () {
  this.timeout(60_000);
  let web: FixtureWeb;
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
    web = await startFixtureWeb({ only: ['portal', 'county'] });
    dir = fixtureCampaign(web, (r) => r === 'websites/portal.yaml' || r === 'websites/county.yaml');
    client = LspTestClient.start();
    await client.initialize(PULL_CLIENT, dir);
  });
  after(async () => {
    await client?.stop();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the facts as an annotated edit of the open document, and the conflict as a line', async () => {
    const file = path.join(dir, 'websites', 'portal.yaml');
    // the editor's text differs from the file: the probe works on what the inspector sees
    const text = readFileSync(file, 'utf8').replace('inspector: 李敏', 'inspector: 李敏、王强');
    const uri = client.open(file, text);
    const result = await client.connection.sendRequest(ProbeWebsiteRequest, { uri });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.conflicts, ['! 栏目“政策解读” 最近更新日期：记录为 2021-05-20，网页显示 2021-05-25（冲突，未修改）']);
    assert.ok(result.observations.some((o) => o.includes('/hdjl/（HTTP 404')), result.observations.join('\n'));
    assert.equal(result.added, 6);
    const change = result.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.uri, uri);
    assert.equal(change.textDocument.version, 1);
    const annotations = result.edit!.changeAnnotations!;
    for (const e of change.edits as AnnotatedTextEdit[]) {
      assert.equal(annotations[e.annotationId].needsConfirmation, true);
    }
    assert.ok(Object.values(annotations).some((a) => a.label === '首页 最近更新日期：2021-06-11'), JSON.stringify(annotations));
    const applied = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), change.edits as AnnotatedTextEdit[]);
    assert.ok(applied.includes('inspector: 李敏、王强'));
    const v = parse(applied) as { homepage: { lastUpdate: string }; columns: { name: string; lastUpdate?: string; blank?: boolean }[] };
    assert.equal(v.homepage.lastUpdate, '2021-06-11');
    assert.equal(v.columns.find((c) => c.name === '政策解读')!.lastUpdate, '2021-05-20');
    assert.equal(v.columns.find((c) => c.name === '人事信息')!.blank, true);
    // the file itself is not touched by the request: the editor applies the edit
    assert.doesNotMatch(readFileSync(file, 'utf8'), /lastUpdate: 2021-06-11/);
    assert.ok(result.snapshotFolder && existsSync(new URL(result.snapshotFolder)));
  });

  it('answers a record without an address with the reason and its place', async () => {
    const file = path.join(dir, 'websites', 'county.yaml');
    const text = readFileSync(file, 'utf8').replace(/url: .*\n/, '');
    const uri = client.open(file, text);
    const result = await client.connection.sendRequest(ProbeWebsiteRequest, { uri });
    assert.equal(result.edit, undefined);
    assert.match(result.problems[0], /^1:1 IR7001 记录没有可探测的网址/);
    assert.equal(uriOf(file), uri);
  });
});
