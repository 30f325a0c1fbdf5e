// The extension's manifest and localisation stay consistent with its code: every runtime string has
// its Chinese translation (and no translation is orphaned), every %key% of package.json is in both
// package.nls files, commands declared are the commands registered, settings read are settings
// declared, and walkthrough media exist. Read from the files themselves (the client imports `vscode`,
// which does not exist outside VS Code).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const json = <T>(rel: string) => JSON.parse(read(rel)) as T;
const HAN = /[\u4e00-\u9fff]/;

interface Manifest {
  l10n: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string; enablement?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default: unknown; enum?: string[] }> };
    walkthroughs: { steps: { description: string; media: { markdown?: string } }[] }[];
  };
}

const manifest = json<Manifest>('package.json');
const clientSources = readdirSync(path.join(ROOT, 'client', 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.m?ts$/.test(f))
  .map((f) => read(path.join('client', 'src', f)));

/** The English source strings passed to `localize(…)` (or its alias `t(…)`) in the client. */
function runtimeStrings(): Set<string> {
  const found = new Set<string>();
  const call = /(?:\blocalize|\bt)\(\s*'((?:[^'\\]|\\.)*)'/g;
  for (const src of clientSources) {
    for (const m of src.matchAll(call)) found.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

describe('client manifest and localisation', () => {
  it('finds the runtime strings of the client (the extraction itself works)', () => {
    const strings = runtimeStrings();
    assert.ok(strings.has('Websites {0}'), 'status bar text not found');
    assert.ok(strings.has('{0} file(s) already exist. Overwrite them?'), 'a string spread over lines not found');
  });

  it('shows no string through vscode.l10n (it follows the display language, not inspectionRecords.locale)', () => {
    for (const src of clientSources) assert.doesNotMatch(src.replace(/\/\/.*$/gm, ''), /\bl10n\.t\(/);
  });

  it('translates every runtime string to Chinese, with the same placeholders, and nothing more', () => {
    const bundle = json<Record<string, string>>(path.join(manifest.l10n, 'bundle.l10n.zh-cn.json'));
    const strings = runtimeStrings();
    const missing = [...strings].filter((s) => !(s in bundle));
    const orphaned = Object.keys(bundle).filter((k) => !strings.has(k));
    assert.deepEqual(missing, [], 'runtime strings without a zh-cn translation');
    assert.deepEqual(orphaned, [], 'zh-cn translations no code uses');
    for (const [en, zh] of Object.entries(bundle)) {
      assert.equal(placeholders(zh), placeholders(en), `placeholders differ: ${en} → ${zh}`);
      assert.match(zh, HAN, `not translated: ${en}`);
    }
  });

  it('has every %key% of package.json in both package.nls files, and no unused key', () => {
    const keys = new Set([...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    const en = json<Record<string, string>>('package.nls.json');
    const zh = json<Record<string, string>>('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).sort(), [...keys].sort(), 'package.nls.json keys ≠ %keys% of package.json');
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'package.nls.zh-cn.json keys ≠ package.nls.json keys');
    for (const [k, v] of Object.entries(zh)) assert.match(v, HAN, `not translated: ${k}`);
    assert.equal(zh['command.category'], '检查');
    assert.equal(en['command.category'], 'Inspection');
  });

  it('declares exactly the commands the client registers, all in the 检查 / Inspection category', () => {
    const commandsSource = read('client/src/commands.ts');
    const table = commandsSource.slice(commandsSource.indexOf('export const COMMANDS'), commandsSource.indexOf('} as const'));
    const registered = [...table.matchAll(/'(inspectionRecords\.\w+)'/g)].map((m) => m[1]).sort();
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, registered);
    for (const c of manifest.contributes.commands) assert.equal(c.category, '%command.category%', c.command);
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(declared.includes(item.command), `${menu} names an undeclared command ${item.command}`);
    }
  });

  it('disables the commands that write files in Restricted Mode', () => {
    const writers = ['generateBulletin', 'newRecord', 'exportSupplement'].map((c) => `inspectionRecords.${c}`);
    for (const c of manifest.contributes.commands) {
      if (writers.includes(c.command)) assert.equal(c.enablement, 'isWorkspaceTrusted', c.command);
    }
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const declared = Object.keys(manifest.contributes.configuration.properties);
    for (const s of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations) assert.ok(declared.includes(s), s);
  });

  it('declares every setting the client reads, and reads them in settings.ts only', () => {
    const settingsSource = read('client/src/settings.ts');
    const read_ = [...settingsSource.matchAll(/c\.get<\w+>\('(\w+)'/g)].map((m) => `inspectionRecords.${m[1]}`);
    assert.deepEqual(read_.sort(), ['inspectionRecords.allowedFolders', 'inspectionRecords.locale', 'inspectionRecords.outputFolder', 'inspectionRecords.profile', 'inspectionRecords.registryMapping']);
    const declared = manifest.contributes.configuration.properties;
    for (const s of read_) assert.ok(s in declared, `${s} is read but not declared`);
    assert.ok('inspectionRecords.trace.server' in declared, 'the language client reads <id>.trace.server');
    const elsewhere = clientSources.filter((src) => src !== settingsSource && /getConfiguration\(/.test(src));
    assert.equal(elsewhere.length, 0, 'a client module other than settings.ts reads settings');
  });

  it('activates on a campaign folder and on YAML files', () => {
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/campaign.yaml', 'workspaceContains:**/campaign.yml', 'onLanguage:yaml']);
  });

  it('ships the walkthrough pages it names, and links only declared or built-in commands', () => {
    const declared = manifest.contributes.commands.map((c) => c.command);
    const nls = json<Record<string, string>>('package.nls.json');
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      assert.ok(step.media.markdown && existsSync(path.join(ROOT, step.media.markdown)), `missing ${step.media.markdown}`);
      const description = nls[step.description.replace(/%/g, '')];
      for (const m of description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(declared.includes(m[1]) || /^workbench\./.test(m[1]), `unknown command ${m[1]}`);
      }
    }
  });
});
