// Hostile campaigns for the catalogue of bad inputs (test/fixtures/bad/cases.yaml, `run` cases):
// each generator changes a copy of campaign-base/ at `root`, beside which lies `outside/` — a folder
// the campaign must never read or write, holding canary files (a text, a record, a registry export,
// a profile, a whole campaign) whose canary word must never reach any output.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, cpSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { crc32, deflateRawSync } from 'node:zlib';
import { cacheFileOf } from '../../../server/src/core/campaign/resultCache';

/** The word every canary file holds: found in no output, else the campaign read outside itself. */
export const CANARY = 'CANARY-0bd4e1';

const BASE = path.resolve(__dirname, '..', '..', 'fixtures', 'bad', 'campaign-base');

/** The folder beside the campaign that it must leave alone. */
export function outsideOf(root: string): string {
  return path.join(path.dirname(root), 'outside');
}

/** The result-cache folder a run case gives the CLI (beside the campaign, never inside it). */
export function cacheOf(root: string): string {
  return path.join(path.dirname(root), 'cache');
}

/** A media record of the base campaign's kind, named `name`. */
function mediaRecord(name: string, accountId = 'canary_id'): string {
  return readFileSync(path.join(BASE, 'media', 'dingan.yaml'), 'utf8').replace('name: 定安发布', `name: ${JSON.stringify(name)}`).replace('accountId: dingan_fb', `accountId: ${accountId}`);
}

/** A valid local profile extending the national one, its name carrying `word`. */
function profileText(id: string, word: string, extendsRef = 'national-2019'): string {
  return `kind: profile\nid: ${id}\nversion: "1"\nname: { zh-cn: ${word}, en: ${word} }\nextends: ${extendsRef}\n`;
}

/** Writes the canary files into `outside/`: a text, a record, a registry export, a profile, a campaign. */
export function writeCanaries(root: string): void {
  const outside = outsideOf(root);
  mkdirSync(path.join(outside, 'records'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.txt'), `${CANARY} {{title}}\n`);
  writeFileSync(path.join(outside, 'secret.yaml'), mediaRecord(CANARY));
  writeFileSync(path.join(outside, 'records', 'secret.yaml'), mediaRecord(CANARY));
  writeFileSync(path.join(outside, 'media.csv'), `${readFileSync(path.join(BASE, 'registry', 'media.csv'), 'utf8')}9,海口市,抖音,${CANARY},canary_row,${CANARY},正常\n`);
  writeFileSync(path.join(outside, 'profile.yaml'), profileText('outside', CANARY));
  cpSync(BASE, path.join(outside, 'campaign'), { recursive: true });
  writeFileSync(path.join(outside, 'campaign', 'media', 'canary.yaml'), mediaRecord(CANARY));
}

function append(root: string, text: string): void {
  appendFileSync(path.join(root, 'campaign.yaml'), text);
}

function setCampaignLine(root: string, key: string, value: string): void {
  const file = path.join(root, 'campaign.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`));
}

function fifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** A sparse file of `bytes` (no disk used): a 10 GB file made in a moment. */
function sparse(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** A ZIP archive of the given entries; `declared` overrides the uncompressed size its headers state. */
export function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const compressed = deflateRawSync(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declared ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a one-sheet workbook around the given sheet and shared strings. */
function workbook(sheet: Buffer, sharedStrings?: Buffer, declaredSheet?: number): Buffer {
  const xml = (s: string): Buffer => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
  return zipOf([
    { name: 'xl/workbook.xml', data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="网站" sheetId="1" r:id="rId1"/></sheets></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>') },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(declaredSheet !== undefined ? { declared: declaredSheet } : {}) },
  ]);
}

const WEBSITES_XLSX = 'registry/websites.xlsx';
function nameWebsitesRegistry(root: string): void {
  append(root, `  websites: ${WEBSITES_XLSX}\n`);
}

/** Generators of hostile campaigns (each applied to the copied campaign at `root`). */
export const HOSTILE_GENERATORS: Record<string, (root: string) => void> = {
  // ------------------------------------------------------------------ paths the campaign names
  'suffix-escapes': (root) => append(root, 'bulletin:\n  workbookSuffix: "/../../outside/PWNED"\n'),
  'output-through-link': (root) => {
    symlinkSync('../outside', path.join(root, 'link'));
    append(root, 'output: link/created/by/tool\n');
  },
  'template-link-outside': (root) => {
    symlinkSync('../outside/secret.txt', path.join(root, 't.mustache'));
    append(root, 'bulletin:\n  template: t.mustache\n');
  },
  'template-absolute': (root) => append(root, `bulletin:\n  template: ${JSON.stringify(path.join(outsideOf(root), 'secret.txt'))}\n`),
  'registry-link-outside': (root) => {
    const file = path.join(root, 'registry', 'media.csv');
    writeFileSync(file, ''); // replaced by the link below
    execFileSync('rm', [file]);
    symlinkSync('../../outside/media.csv', file);
  },
  'registry-absolute': (root) => setCampaignLine(root, '  media', JSON.stringify(path.join(outsideOf(root), 'media.csv'))),
  'profile-outside': (root) => setCampaignLine(root, 'profile', '../outside/profile.yaml'),
  'extends-outside': (root) => {
    mkdirSync(path.join(root, 'profiles'));
    writeFileSync(path.join(root, 'profiles', 'local.yaml'), profileText('local', '本地', '../../outside/profile.yaml'));
    setCampaignLine(root, 'profile', 'profiles/local.yaml');
  },
  'record-link-outside': (root) => symlinkSync('../../outside/secret.yaml', path.join(root, 'media', 'passwd.yaml')),
  'folder-link-outside': (root) => symlinkSync('../../outside/records', path.join(root, 'media', 'elsewhere')),
  'previous-outside': (root) => append(root, 'previous: ../outside/campaign\n'),
  'previous-self': (root) => append(root, 'previous: .\n'),
  'output-records-folder': (root) => append(root, 'output: media\n'),
  'output-existing-file': (root) => append(root, 'output: campaign.yaml\n'),
  'file-name-too-long': (root) => append(root, `bulletin:\n  fileName: ${'长'.repeat(10000)}\n`),
  'scope-with-separators': (root) => append(root, 'scope: "../../outside/逃逸"\n'),
  // ------------------------------------------------------------------ what is read
  'campaign-fifo': (root) => {
    execFileSync('rm', [path.join(root, 'campaign.yaml')]);
    fifo(path.join(root, 'campaign.yaml'));
  },
  'campaign-dev-zero': (root) => {
    execFileSync('rm', [path.join(root, 'campaign.yaml')]);
    symlinkSync('/dev/zero', path.join(root, 'campaign.yaml'));
  },
  'record-fifo': (root) => fifo(path.join(root, 'media', 'pipe.yaml')),
  'template-fifo': (root) => {
    fifo(path.join(root, 't.mustache'));
    append(root, 'bulletin:\n  template: t.mustache\n');
  },
  'profile-fifo': (root) => {
    mkdirSync(path.join(root, 'profiles'));
    fifo(path.join(root, 'profiles', 'local.yaml'));
    setCampaignLine(root, 'profile', 'profiles/local.yaml');
  },
  'extends-fifo': (root) => {
    mkdirSync(path.join(root, 'profiles'));
    writeFileSync(path.join(root, 'profiles', 'local.yaml'), profileText('local', '本地', 'parent.yaml'));
    fifo(path.join(root, 'profiles', 'parent.yaml'));
    setCampaignLine(root, 'profile', 'profiles/local.yaml');
  },
  'extends-dev-zero': (root) => {
    mkdirSync(path.join(root, 'profiles'));
    writeFileSync(path.join(root, 'profiles', 'local.yaml'), profileText('local', '本地', '/dev/zero'));
    setCampaignLine(root, 'profile', 'profiles/local.yaml');
  },
  'registry-fifo': (root) => {
    execFileSync('rm', [path.join(root, 'registry', 'media.csv')]);
    fifo(path.join(root, 'registry', 'media.csv'));
  },
  'sparse-record': (root) => sparse(path.join(root, 'media', 'huge.yaml'), 10 * 1024 ** 3),
  'sparse-registry': (root) => sparse(path.join(root, 'registry', 'media.csv'), 10 * 1024 ** 3),
  'cache-fifo': (root) => {
    mkdirSync(cacheOf(root), { recursive: true });
    fifo(cacheFileOf(cacheOf(root), root));
  },
  'cache-forged': (root) => {
    // the layout's header and a cache that vouches for every record, under a MAC made without the user's key
    mkdirSync(cacheOf(root), { recursive: true });
    const payload = v8.serialize({ format: 'inspection-records/result-cache', layout: 2, root, entries: new Map(), outcomes: [] });
    writeFileSync(cacheFileOf(cacheOf(root), root), Buffer.concat([Buffer.from('inspection-records cache 2\n', 'latin1'), Buffer.alloc(32, 1), payload]));
  },
  // ------------------------------------------------------------------ work without bound
  'template-nested-16': (root) => {
    writeFileSync(path.join(root, 't.mustache'), `${'{{#problems}}'.repeat(16)}x${'{{/problems}}'.repeat(16)}\n`);
    append(root, 'bulletin:\n  template: t.mustache\n');
  },
  'template-many-pieces': (root) => {
    // 8 sections deep (the limit) over 30 requirements: 30^8 bodies
    writeFileSync(path.join(root, 't.mustache'), `${'{{#requirements}}'.repeat(8)}x${'{{/requirements}}'.repeat(8)}\n`);
    const items = Array.from({ length: 30 }, (_, i) => `    - { heading: 要求${i}, text: 内容 }\n`).join('');
    append(root, `bulletin:\n  template: t.mustache\n  requirements:\n${items}`);
  },
  'template-huge-output': (root) => {
    // 30^3 bodies of 1,000 characters each: 27 million characters
    writeFileSync(path.join(root, 't.mustache'), '{{#requirements}}{{#requirements}}{{#requirements}}{{text}}{{/requirements}}{{/requirements}}{{/requirements}}\n');
    const items = Array.from({ length: 30 }, (_, i) => `    - { heading: 要求${i}, text: ${'长'.repeat(1000)} }\n`).join('');
    append(root, `bulletin:\n  template: t.mustache\n  requirements:\n${items}`);
  },
  'pattern-alternation': (root) => patternCampaign(root, '^(a|a)*$', `${'a'.repeat(30000)}b`),
  'pattern-polynomial': (root) => patternCampaign(root, '^(.*a){12}$', `${'a'.repeat(30000)}b`),
  'extends-chain-5000': (root) => {
    mkdirSync(path.join(root, 'profiles'));
    for (let i = 0; i < 5000; i++) {
      writeFileSync(path.join(root, 'profiles', `p${i}.yaml`), profileText(`p${i}`, `链${i}`, i === 4999 ? 'national-2019' : `p${i + 1}.yaml`));
    }
    setCampaignLine(root, 'profile', 'profiles/p0.yaml');
  },
  'list-130000': (root) => {
    const items = '  - 1\n'.repeat(130000);
    writeFileSync(path.join(root, 'media', 'long-list.yaml'), `${mediaRecord('长列表', 'long_list')}findings:\n${items}`);
  },
  'long-name-large-registry': (root) => {
    // 20,000 registry rows of names made of the same characters as the record's 12,000-character name
    const chars = '海口三亚儋州文昌琼海万宁发布融媒体中心教育卫生健康旅游';
    let x = 7;
    const pick = (): string => chars[(x = (x * 1103515245 + 12345) >>> 0) % chars.length];
    const rows = Array.from({ length: 20000 }, (_, i) => `${i + 10},海口市,微信公众号,${Array.from({ length: 6 }, pick).join('')}${i},id${i},海口市某局,正常\n`);
    appendFileSync(path.join(root, 'registry', 'media.csv'), rows.join(''));
    writeFileSync(path.join(root, 'media', 'long-name.yaml'), mediaRecord('海口发布融媒体'.repeat(1715).slice(0, 12000), 'nobody'));
  },
  'population-zero': (root) => setCampaignLine(root, 'population', '{ websites: 0, media: 837 }'),
  'population-negative': (root) => setCampaignLine(root, 'population', '{ websites: -5, media: 837 }'),
  'population-huge': (root) => setCampaignLine(root, 'population', '{ websites: 1e20, media: 837 }'),
  'folders-too-deep': (root) => {
    // 40 folders, one inside the other, a record at the bottom
    const deep = path.join(root, 'media', ...Array.from({ length: 40 }, () => 'd'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'deep.yaml'), mediaRecord('深处'));
  },
  'path-beyond-path-max': (root) => {
    // folders of 200-character names 25 deep (5,000 characters: beyond PATH_MAX), made one step at a
    // time from inside, as a program working relative to its folder can
    const name = 'd'.repeat(200);
    execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 25); do mkdir ${name} && cd ${name}; done && cp "$2" deep.yaml`, 'deep', path.join(root, 'media'), path.join(root, 'media', 'dingan.yaml')]);
  },
  'name-forging-lines': (root) => {
    writeFileSync(path.join(root, 'media', 'forger.yaml'), mediaRecord('定安\nmedia/dingan.yaml:1:1 错误 IR0000 伪造的问题', 'forger'));
  },
  'dates-at-calendar-ends': (root) => {
    const text = mediaRecord('日历两端', 'calendar_ends')
      .replace('lastPost: 2021-06-10', 'lastPost: 0001-01-01')
      .concat('findings:\n  - { indicator: M-V1, note: 极端日期, evidence: { url: "http://x.gov.cn", seen: 9999-12-31 } }\n');
    writeFileSync(path.join(root, 'media', 'calendar.yaml'), text);
  },
  // ------------------------------------------------------------------ registry exports
  'registry-zip-bomb-declared': (root) => {
    // a sheet whose header says 4 GB: judged before anything is inflated
    writeFileSync(path.join(root, WEBSITES_XLSX), workbook(Buffer.from('<worksheet/>'), undefined, 0xffffffff));
    nameWebsitesRegistry(root);
  },
  'registry-zip-bomb-ratio': (root) => {
    // 64 MB of one byte repeated: a compression ratio near 1000:1
    writeFileSync(path.join(root, WEBSITES_XLSX), workbook(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    nameWebsitesRegistry(root);
  },
  'registry-xml-entities': (root) => {
    const laughs = ['<!DOCTYPE sst [', '<!ENTITY a "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`), ']>'].join('');
    const shared = Buffer.from(`<?xml version="1.0"?>${laughs}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&j;</t></si></sst>`);
    writeFileSync(path.join(root, WEBSITES_XLSX), workbook(Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'), shared));
    nameWebsitesRegistry(root);
  },
  'registry-million-rows': (root) => {
    const head = readFileSync(path.join(BASE, 'registry', 'media.csv'), 'utf8');
    const row = (i: number): string => `${i},海口市,抖音,账号${i},id${i},海口市某局,正常\n`;
    const lines: string[] = [head];
    for (let i = 10; i < 1_000_010; i++) lines.push(row(i));
    writeFileSync(path.join(root, 'registry', 'media.csv'), lines.join(''));
  },
  'registry-100mb-line': (root) => {
    // one line of 99 MiB: under the size limit, one enormous cell
    const file = path.join(root, 'registry', 'media.csv');
    appendFileSync(file, `9,海口市,抖音,${'x'.repeat(99 * 1024 * 1024)},id9,某局,正常\n`);
  },
};

/** A local profile judging M-V2 only for names matching `pattern`, and a record named `name`. */
function patternCampaign(root: string, pattern: string, name: string): void {
  mkdirSync(path.join(root, 'profiles'));
  writeFileSync(
    path.join(root, 'profiles', 'local.yaml'),
    `${profileText('pattern', '正则')}overrides:\n  M-V2:\n    conditions:\n      lastPost:\n        when: [{ field: name, matches: '${pattern}' }]\n`,
  );
  setCampaignLine(root, 'profile', 'profiles/local.yaml');
  writeFileSync(path.join(root, 'media', 'near-match.yaml'), mediaRecord(name, 'near_match'));
}
