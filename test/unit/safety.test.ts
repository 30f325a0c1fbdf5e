// Safety: outputs go only where the user asked; every spreadsheet cell written is escaped against
// formula injection; control characters and bidi overrides never reach a bulletin as such; templates
// and settings phrases cannot run code or reach the process's objects; the bundles make no network
// requests (only the language-server IPC may use sockets); an untrusted workspace gets read-only
// features.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { main } from '../../server/src/cli/main';
import { ZipEntries } from '../../server/src/core/registry/zipEntries';
import { escapeUnsafeDeep } from '../../server/src/core/io/unsafeText';

const REPO = path.resolve(__dirname, '..', '..');
const BASE = path.join(REPO, 'test', 'fixtures', 'bad', 'campaign-base');

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: {} });
  return { code, stdout, stderr };
}

/** A fresh copy of the base campaign at `<tmp>/campaign`, its parent otherwise empty. */
function copyCampaign(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-safety-'));
  cpSync(BASE, path.join(dir, 'campaign'), { recursive: true });
  return path.join(dir, 'campaign');
}

function removeCopy(root: string): void {
  rmSync(path.dirname(root), { recursive: true, force: true });
}

function appendToCampaign(root: string, text: string): void {
  const file = path.join(root, 'campaign.yaml');
  writeFileSync(file, readFileSync(file, 'utf8') + text);
}

/**
 * A new-media record found in the wild (unregistered: it goes to the 补报 list) that fails M-V2
 * (nothing posted for months: it goes to the bulletin's attachment lists), named as given.
 */
function hostileRecord(name: string, sponsor: string, accountId: string): string {
  const q = (s: string): string => JSON.stringify(s);
  return [
    'kind: media',
    'platform: 微信公众号',
    `name: ${q(name)}`,
    `accountId: ${q(accountId)}`,
    `sponsor: ${q(sponsor)}`,
    'region: 定安县',
    'ownerLevel: 县级',
    'checkDate: 2021-06-16',
    'source: 库外发现',
    'lastPost: 2021-01-10',
    'interaction: { available: true }',
    'serviceMenu: { links: 3, broken: 0 }',
    'commercialLinks: false',
    'unrelatedContent: false',
    '',
  ].join('\n');
}

/** Text a spreadsheet would evaluate as a formula (OWASP: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Every cell of every sheet of an .xlsx: its text, and whether it holds a formula. */
async function xlsxCells(file: string): Promise<{ text: string; formula: boolean }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const out: { text: string; formula: boolean }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const formula = cell.type === ExcelJS.ValueType.Formula || (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v));
        out.push({ text: typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v), formula });
      }),
    ),
  );
  return out;
}

/** The fields of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
    }
    fields.push(field);
    if (text[i] === ',') i++;
    else while (text[i] === '\r' || text[i] === '\n') i++;
  }
  return fields;
}

/** The text of every XML part of an Office file (a zip). */
function officeXml(file: string): string {
  const zip = new ZipEntries(readFileSync(file));
  const names = ['word/document.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/workbook.xml'];
  return names.map((n) => (zip.has(n) ? (zip.text(n) ?? '') : '')).join('\n');
}

describe('safety', function () {
  this.timeout(60000);

  describe('outputs only where the user asked', () => {
    let root: string;
    beforeEach(() => {
      root = copyCampaign();
      // one account missing from the registry: the 补报 list has something to write
      writeFileSync(path.join(root, 'media', 'wild.yaml'), hostileRecord('定安旅游', '定安县旅游局', 'dingan_ly'));
    });
    afterEach(() => removeCopy(root));

    const outside = (): string[] => readdirSync(path.dirname(root)).filter((n) => n !== 'campaign');

    /** An absolute folder outside every campaign (made up at run time, never created). */
    const absolute = path.join(tmpdir(), `ir-safety-absolute-${process.pid}`);
    for (const [what, output] of [
      ['a parent path', '../../escaped'],
      ['an absolute path', absolute],
      ['a Windows drive', 'C:\\Temp\\out'],
    ] as const) {
      it(`campaign output as ${what}: bulletin and 补报 list refuse with the place in campaign.yaml, nothing written`, async () => {
        appendToCampaign(root, `output: '${output}'\n`);
        const line = readFileSync(path.join(root, 'campaign.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('output:')) + 1;
        const b = await cli(['bulletin', '.'], root);
        assert.equal(b.code, 1);
        const refusal = `campaign.yaml:${line}:9 错误 IR2115 输出文件夹“${output}”不在检查活动文件夹内：请写相对路径，不要用“..”或绝对路径，也不要经过指向外部的链接\n`;
        assert.equal(b.stderr, refusal);
        const s = await cli(['supplement', '.'], root);
        assert.equal(s.code, 1);
        assert.equal(s.stderr, refusal);
        assert.deepEqual(outside(), []);
        assert.equal(existsSync(absolute), false);
        // the editor shows the same problem where it is written
        const check = await cli(['check', '.', '--format', 'json'], root);
        const d = (JSON.parse(check.stdout) as { diagnostics: { file: string; code: string; line: number; severity: string }[] }).diagnostics.filter((x) => x.code === 'IR2115');
        assert.deepEqual(d.map((x) => [x.file, x.line, x.severity]), [['campaign.yaml', line, 'warning']]);
      });
    }

    it('an output folder that is a link to elsewhere: refused, the folder it points to stays empty', async () => {
      const elsewhere = path.join(path.dirname(root), 'elsewhere');
      mkdirSync(elsewhere);
      symlinkSync(elsewhere, path.join(root, 'out'));
      const b = await cli(['bulletin', '.'], root);
      assert.equal(b.code, 1);
      assert.match(b.stderr, /^campaign\.yaml:\d+:\d+ 错误 IR2115 输出文件夹“out”不在检查活动文件夹内/);
      const s = await cli(['supplement', '.'], root);
      assert.equal(s.code, 1);
      assert.match(s.stderr, /IR2115 输出文件夹“out”不在检查活动文件夹内/);
      assert.deepEqual(readdirSync(elsewhere), []);
    });

    it('a file name from the settings that names another folder is refused', async () => {
      appendToCampaign(root, "bulletin:\n  fileName: '../../逃逸'\n");
      const b = await cli(['bulletin', '.'], root);
      assert.equal(b.code, 1);
      assert.match(b.stderr, /^campaign\.yaml:\d+:\d+ 错误 IR2117 输出文件名“..\/..\/逃逸”不可用/);
      assert.deepEqual(outside(), []);
      assert.equal(existsSync(path.join(root, 'out')) ? readdirSync(path.join(root, 'out')).length : 0, 0);
    });

    it('a template outside the campaign folder is not read', async () => {
      writeFileSync(path.join(path.dirname(root), 'outside.mustache'), '{{title}}\n');
      appendToCampaign(root, "bulletin:\n  template: ../outside.mustache\n");
      const b = await cli(['bulletin', '.'], root);
      assert.equal(b.code, 1);
      assert.match(b.stderr, /^campaign\.yaml:\d+:\d+ 错误 IR2115 模板文件“..\/outside.mustache”不在检查活动文件夹内/);
    });

    it('a folder the user names on the command line (--out) is the user’s choice', async () => {
      const chosen = path.join(path.dirname(root), 'chosen');
      const b = await cli(['bulletin', '.', '--out', chosen, '--formats', 'md'], root);
      assert.equal(b.code, 0, b.stderr);
      assert.equal(readdirSync(chosen).length, 1);
      const s = await cli(['supplement', '.', '--out', chosen], root);
      assert.equal(s.code, 0, s.stderr);
      assert.equal(readdirSync(chosen).length, 3);
    });
  });

  describe('what the outputs carry', () => {
    let root: string;
    let out: string;
    const hostile = [
      { name: '=HYPERLINK("http://evil.example","点我")', sponsor: '+8613800000000', id: 'evil1' },
      { name: '-1+1', sponsor: '@SUM(A1:A9)', id: 'evil2' },
      { name: '\t=1+1', sponsor: '\r=1+1', id: 'evil3' },
      { name: '@定安', sponsor: '=cmd|\' /C calc\'!A0', id: 'evil4' },
      { name: '定安\u202e布发', sponsor: '定安县\u0007融媒体中心', id: 'evil5' },
    ];

    before(async () => {
      root = copyCampaign();
      hostile.forEach((h, i) => writeFileSync(path.join(root, 'media', `hostile-${i}.yaml`), hostileRecord(h.name, h.sponsor, h.id)));
      // a record saved as GBK by an old editor: read right, so its name is no mojibake in the outputs
      writeFileSync(path.join(root, 'media', 'gbk.yaml'), iconv.encode(hostileRecord('儋州旅游', '儋州市旅游局', 'dz_ly'), 'gbk'));
      const b = await cli(['bulletin', '.'], root);
      assert.equal(b.code, 0, b.stderr);
      const s = await cli(['supplement', '.'], root);
      assert.equal(s.code, 0, s.stderr);
      out = path.join(root, 'out');
    });
    after(() => removeCopy(root));

    const files = (ext: string): string[] => readdirSync(out).filter((f) => f.endsWith(ext)).map((f) => path.join(out, f));

    it('writes the bulletin (md, docx, xlsx) and the 补报 list (xlsx, csv)', () => {
      assert.deepEqual([files('.md').length, files('.docx').length, files('.xlsx').length, files('.csv').length], [1, 1, 2, 1]);
    });

    it('no cell of any .xlsx starts as a formula, and each hostile name is there, escaped', async () => {
      for (const file of files('.xlsx')) {
        const cells = await xlsxCells(file);
        const bad = cells.filter((c) => c.formula || FORMULA_START.test(c.text));
        assert.deepEqual(bad, [], path.basename(file));
        for (const h of hostile.slice(0, 4)) {
          // the 补报 list trims values: a leading tab goes, the formula behind it is escaped all the same
          assert.ok(cells.some((c) => c.text === `'${h.name}` || c.text === `'${h.name.trim()}`), `${path.basename(file)} lists ${JSON.stringify(h.name)}, escaped`);
        }
      }
    });

    it('no field of the .csv starts as a formula, and each hostile value is there, escaped', () => {
      for (const file of files('.csv')) {
        const fields = csvFields(readFileSync(file, 'utf8'));
        assert.deepEqual(fields.filter((f) => FORMULA_START.test(f)), []);
        for (const h of hostile.slice(0, 4)) {
          assert.ok(fields.includes(`'${h.name.trim()}`), JSON.stringify(h.name));
          assert.ok(fields.includes(`'${h.sponsor.trim()}`), JSON.stringify(h.sponsor));
        }
      }
    });

    it('control characters and bidi overrides reach no output as such: shown as [U+XXXX]', () => {
      for (const file of files('.md').concat(files('.csv'))) {
        const text = readFileSync(file, 'utf8');
        assert.doesNotMatch(text, RAW_UNSAFE, path.basename(file));
        // Markdown escapes the brackets (`\[U+202E\]`), which shows them as written
        const shown = file.endsWith('.md') ? '定安\\[U+202E\\]布发' : '定安[U+202E]布发';
        assert.ok(text.includes(shown), `${path.basename(file)} names the account visibly`);
      }
      for (const file of files('.docx').concat(files('.xlsx'))) {
        const xml = officeXml(file);
        assert.doesNotMatch(xml, RAW_UNSAFE, path.basename(file));
        assert.ok(xml.includes('定安[U+202E]布发'), `${path.basename(file)} names the account visibly`);
      }
      assert.ok(readFileSync(files('.csv')[0], 'utf8').includes('定安县[U+0007]融媒体中心'));
    });

    it('a GBK record’s name and sponsor come out as written (no mojibake)', async () => {
      const csv = csvFields(readFileSync(files('.csv')[0], 'utf8'));
      assert.ok(csv.includes('儋州旅游') && csv.includes('儋州市旅游局'), 'the 补报 list');
      assert.ok(readFileSync(files('.md')[0], 'utf8').includes('儋州旅游'), 'the bulletin');
      for (const file of files('.xlsx')) assert.ok((await xlsxCells(file)).some((c) => c.text === '儋州旅游'), path.basename(file));
    });
  });

  describe('templates and settings phrases are logic-less', () => {
    let root: string;
    const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayNames = Object.getOwnPropertyNames(Array.prototype).sort();
    beforeEach(() => {
      root = copyCampaign();
    });
    afterEach(() => {
      removeCopy(root);
      // whatever happened, the process's prototypes are as they were
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoNames);
      assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), arrayNames);
    });

    const PAYLOAD = [
      '{{#__proto__}}{{#attachments.push}}{{/attachments.push}}{{/__proto__}}',
      '{{#__proto__}}{{#__defineGetter__}}polluted{{/__defineGetter__}}{{/__proto__}}',
      '{{#constructor.constructor}}globalThis.__pwned = 1{{/constructor.constructor}}',
      '[{{constructor.constructor}}]',
      '{{#attachments}}{{constructor.constructor}}{{#push}}x{{/push}}{{/attachments}}',
      '{{{__proto__}}}{{> partial}}{{=<% %>=}}<% title %>',
      '<script>globalThis.__pwned = 2</script>',
    ].join('\n\n');

    it('a campaign template cannot run code or change the process’s objects', async () => {
      mkdirSync(path.join(root, 'templates'));
      writeFileSync(path.join(root, 'templates', 'evil.mustache'), `# {{title}}\n\n${PAYLOAD}\n`);
      appendToCampaign(root, 'bulletin:\n  template: templates/evil.mustache\n');
      const b = await cli(['bulletin', '.', '--formats', 'md,docx'], root);
      assert.equal(b.code, 0, b.stderr);
      const md = readFileSync(path.join(root, 'out', readdirSync(path.join(root, 'out')).find((f) => f.endsWith('.md'))!), 'utf8');
      assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).length, undefined);
      // nothing of the view's machinery came through: no function, no prototype
      assert.doesNotMatch(md, /function|anonymous|\[object Object\]|\[native code\]/);
      assert.ok(md.includes('[]'), 'the constructor lookups find nothing');
    });

    it('a settings phrase (campaign.yaml) cannot either', async () => {
      appendToCampaign(root, `bulletin:\n  signature: ${JSON.stringify(PAYLOAD.replace(/\n/g, ' '))}\n  title: '{{#__proto__}}{{#constructor.constructor}}x{{/constructor.constructor}}{{/__proto__}}通报'\n`);
      const b = await cli(['bulletin', '.', '--formats', 'md'], root);
      assert.equal(b.code, 0, b.stderr);
      assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
      assert.equal(({} as Record<string, unknown>).length, undefined);
    });
  });

  describe('no network requests from the extension, the server or the CLI', () => {
    /** Modules that open connections to other machines. */
    const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici'];
    /**
     * What may use them: vscode-jsonrpc's Node transports between the VS Code client and the
     * language server (pipes and sockets for `--pipe`/`--socket`; the extension uses stdio/IPC).
     */
    const ALLOWED: Record<string, string[]> = { net: ['node_modules/vscode-jsonrpc/lib/node/main.js'] };
    /**
     * Fetching, allowed only where probe and monitor read the websites an inspector asked them to
     * (one module; nothing else in any bundle reaches another machine).
     */
    const FETCH_ALLOWED = ['server/src/core/probe/fetcher.ts'];
    /**
     * Process spawning, allowed only to start the language server and to resolve its modules, and
     * to run a locally installed LibreOffice for `--formats pdf` (a file conversion, no network).
     */
    const SPAWN_ALLOWED = [
      'node_modules/vscode-languageclient/lib/node/main.js',
      'node_modules/vscode-languageclient/lib/node/processes.js',
      'node_modules/vscode-languageserver/lib/node/files.js',
      'server/src/core/io/libreOffice.ts',
    ];

    for (const bundle of ['server.js', 'client.js', 'cli.js', 'cli-main.js']) {
      it(`dist/${bundle}`, () => {
        const file = path.join(REPO, 'dist', bundle);
        assert.ok(existsSync(file), `dist/${bundle} is missing: run \`npm run build\` first`);
        const text = readFileSync(file, 'utf8');
        const lines = text.split('\n');
        assert.ok(lines.some((l) => l.startsWith('// node_modules/') || l.startsWith('// server/') || l.startsWith('// client/')), 'a development build (module markers) is needed to attribute requires');
        /** The bundled module a line belongs to (esbuild marks each with a `// path` comment). */
        const moduleAt = (lineIndex: number): string => {
          for (let i = lineIndex; i >= 0; i--) if (/^\/\/ (node_modules|server|client|bench|scripts)\//.test(lines[i])) return lines[i].slice(3).trim();
          return '?';
        };
        const found: string[] = [];
        lines.forEach((line, i) => {
          for (const m of line.matchAll(/\brequire\("(?:node:)?([\w/.-]+)"\)/g)) {
            const mod = m[1];
            if (NETWORK_MODULES.includes(mod) && !(ALLOWED[mod] ?? []).includes(moduleAt(i))) found.push(`${mod} in ${moduleAt(i)}`);
            if (mod === 'child_process' && !SPAWN_ALLOWED.includes(moduleAt(i))) found.push(`child_process in ${moduleAt(i)}`);
          }
          // a module name computed at run time could load anything
          if (/\brequire\((?!["'])/.test(line) && !/^\s*(\/\/|\*)/.test(line)) found.push(`dynamic require in ${moduleAt(i)}: ${line.trim().slice(0, 80)}`);
          if (/(?<![\w$.])fetch\s*\(|\b(globalThis|global|window|self)\.fetch\b/.test(line) && !FETCH_ALLOWED.includes(moduleAt(i))) found.push(`fetch in ${moduleAt(i)}`);
          if (/\b(XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b/.test(line)) found.push(`${RegExp.$1} in ${moduleAt(i)}`);
          // URLs in the bundles are namespaces and links in messages: none is passed to anything that loads it
          if (/\.(get|request|open|connect)\(\s*["'`]https?:/.test(line)) found.push(`request to a URL in ${moduleAt(i)}`);
        });
        assert.deepEqual(found, []);
      });
    }
  });

  describe('untrusted workspaces get read-only features', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { commands: { command: string; enablement?: string }[]; menus: Record<string, { command: string; when?: string }[]> };
    };
    const WRITING = ['inspectionRecords.generateBulletin', 'inspectionRecords.newRecord', 'inspectionRecords.exportSupplement'];

    it('declares limited support, with the settings that name files restricted', () => {
      const u = pkg.capabilities.untrustedWorkspaces;
      assert.equal(u.supported, 'limited');
      assert.deepEqual([...u.restrictedConfigurations].sort(), ['inspectionRecords.allowedFolders', 'inspectionRecords.outputFolder', 'inspectionRecords.profile', 'inspectionRecords.registryMapping']);
    });

    it('every command that writes files is enabled only in a trusted workspace, menus included', () => {
      for (const id of WRITING) {
        const c = pkg.contributes.commands.find((x) => x.command === id);
        assert.ok(c, id);
        assert.match(c.enablement ?? '', /\bisWorkspaceTrusted\b/, id);
      }
      for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
        for (const item of items) {
          // the palette hides by `when`; enablement above already greys the command out there
          if (WRITING.includes(item.command) && menu !== 'commandPalette') assert.match(item.when ?? '', /\bisWorkspaceTrusted\b/, `${menu}: ${item.command}`);
        }
      }
    });

    it('the commands themselves refuse before writing when the workspace is not trusted', () => {
      const source = readFileSync(path.join(REPO, 'client', 'src', 'commands.ts'), 'utf8');
      for (const fn of ['generateBulletin', 'newRecord', 'exportSupplement']) {
        const start = source.indexOf(`async function ${fn}(`);
        assert.ok(start >= 0, fn);
        const body = source.slice(start, source.indexOf('\n}\n', start));
        const guard = body.indexOf('if (!requireTrust())');
        assert.ok(guard >= 0, `${fn} checks trust`);
        assert.ok(!/sendRequest|writeFile|fs\./.test(body.slice(0, guard)), `${fn} checks trust before anything else`);
      }
    });
  });
});

describe('escapeUnsafeDeep', () => {
  it('escapes nested strings and keys, copying only what holds something unsafe', () => {
    const clean = { name: '儋州教育', list: [1, 'a'] };
    const model = { clean, dirty: { name: 'a\u202Eb', tags: ['x', 'y\u0001'] }, ['k\u202E']: 1 };
    const out = escapeUnsafeDeep(model);
    assert.equal(out.clean, clean);
    assert.deepEqual(out.dirty, { name: 'a[U+202E]b', tags: ['x', 'y[U+0001]'] });
    assert.deepEqual(Object.keys(out), ['clean', 'dirty', 'k[U+202E]']);
    assert.equal(model.dirty.name, 'a\u202Eb', 'the original is not changed');
  });

  it('returns a large clean model as it is, and survives a cycle', () => {
    const big = Array.from({ length: 200_000 }, (_, i) => ({ i, name: `账号${i}` }));
    assert.equal(escapeUnsafeDeep(big), big);
    const cyclic: Record<string, unknown> = { name: 'x\u202E' };
    cyclic.self = cyclic;
    const out = escapeUnsafeDeep(cyclic);
    assert.equal(out.name, 'x[U+202E]');
    assert.equal(out.self, cyclic);
  });
});
