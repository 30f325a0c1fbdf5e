// Nothing a record can hold crashes an aggregate. Records of the sample campaign are mutated at random
// — a field (at any depth) deleted, set to null, emptied or given another type — and every aggregate
// runs on the campaign as the language server holds it (the mutated text as an editor buffer): the
// data gate, the bulletin model and its Markdown (Word and Excel now and then), the status bar and
// dashboard figures, the re-check, the registry report and entries, the 补报 list. None may throw;
// a mutation that breaks the record schema (an independent Ajv on the shipped schemas says so) is a
// data error of that file, which the gate lists and the figures leave out; a record that holds
// nothing wrong but cannot be decided any more is listed as undecided.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { bulletinModel, campaignFigures, registryEntries, registryReport } from '../../server/src/core/actions';
import { dataGate, withoutDataErrors } from '../../server/src/core/actions/dataGate';
import { recheckFigures } from '../../server/src/core/actions/summary';
import { renderDocx } from '../../server/src/core/bulletin/render/docx';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { renderXlsx } from '../../server/src/core/bulletin/render/xlsx';
import { CampaignWorkspace } from '../../server/src/core/campaign/workspace';
import { isDataError, type AnalysedCampaign } from '../../server/src/core/model';
import { supplementList } from '../../server/src/core/registry/supplementList';
import { runs, seed } from './support/propertyRuns';

const REPO = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(REPO, 'samples', 'hainan-2021q2');
const PREVIOUS = path.join(REPO, 'samples', 'hainan-2021q1');
/** Records of the sample, of every kind of outcome: a portal, failing sites and accounts, passing ones, 漏报, a re-check. */
const RECORDS = [
  'websites/省直/4600000001-海南省人民政府网.yaml',
  'websites/省直/4600000006-海南农业信息网.yaml',
  'websites/省直/4600000009-海南司法行政网.yaml',
  'websites/海口市/4601000002-海口市教育局.yaml',
  'websites/文昌市/4690050001-文昌市人民政府网.yaml',
  'media/儋州市/358-微信公众号-儋州教育.yaml',
  'media/省直/004-新浪微博-海南省新康监狱.yaml',
  'media/陵水黎族自治县/795-抖音-陵水发布.yaml',
  'media/定安县/库外发现/54-微信视频号-翰林镇人民政府.yaml',
  'media/定安县/库外发现/61-抖音-龙门镇综治中心.yaml',
];
/** The previous campaign's records of the same sites and accounts (the re-check finds them again). */
const PREVIOUS_RECORDS = RECORDS.filter((rel) => existsSync(path.join(PREVIOUS, rel)));
const TEMPLATE = readFileSync(path.join(REPO, 'templates', 'bulletin.zh-cn.mustache'), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation = { path: (string | number)[]; kind: 'delete' | 'null' | 'empty' | 'retype' };

/** Every path of a value: mapping keys and list items, at any depth. */
function pathsOf(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...pathsOf(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...pathsOf(x, [...prefix, k]));
  return out;
}

/** A value of another type than `v`. */
function retyped(v: Json): Json {
  if (typeof v === 'string') return v.length % 2 ? 7 : [v];
  if (typeof v === 'number') return '七';
  if (typeof v === 'boolean') return '是';
  if (Array.isArray(v)) return { item: v.length };
  if (v !== null && typeof v === 'object') return 'text';
  return 1;
}

/** The value with one mutation applied (a copy). */
function mutate(value: Json, m: Mutation): Json {
  const copy = structuredClone(value);
  let parent: Json = copy;
  for (const seg of m.path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[seg];
  const last = m.path[m.path.length - 1];
  const holder = parent as Record<string | number, Json>;
  const old = holder[last];
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete holder[last];
  } else holder[last] = m.kind === 'null' ? null : m.kind === 'empty' ? (Array.isArray(old) ? [] : typeof old === 'object' && old !== null ? {} : '') : retyped(old);
  return copy;
}

describe('property: no record crashes an aggregate', function () {
  this.timeout(300000);
  let tmp: string;
  let ws: CampaignWorkspace;
  let previousWs: CampaignWorkspace;
  let previous: AnalysedCampaign;
  const texts = new Map<string, string>();
  const values = new Map<string, Json>();
  // the schemas as shipped, compiled on their own: the oracle of what is a data error
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const schemaDir = path.join(REPO, 'schemas');
  for (const f of readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json'))) ajv.addSchema(JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8')));
  const schemaOf = (kind: string) => ajv.getSchema(`https://inspection-records.invalid/schemas/${kind}-record.schema.json`)!;

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'ir-mutations-'));
    const root = path.join(tmp, 'hainan-2021q2');
    for (const part of ['campaign.yaml', 'profiles', 'registry', ...RECORDS]) {
      mkdirSync(path.dirname(path.join(root, part)), { recursive: true });
      cpSync(path.join(SAMPLE, part), path.join(root, part), { recursive: true });
    }
    for (const part of ['campaign.yaml', 'profiles', ...PREVIOUS_RECORDS]) {
      mkdirSync(path.dirname(path.join(tmp, 'hainan-2021q1', part)), { recursive: true });
      cpSync(path.join(PREVIOUS, part), path.join(tmp, 'hainan-2021q1', part), { recursive: true });
    }
    ws = await CampaignWorkspace.open(root, { locale: 'zh-cn', withPrevious: false, workers: false });
    previousWs = await CampaignWorkspace.open(path.join(tmp, 'hainan-2021q1'), { locale: 'zh-cn', withPrevious: false, workers: false });
    previous = await previousWs.analyse();
    // the previous campaign's records too: the re-check reads them
    for (const file of [...RECORDS.map((rel) => path.join(root, rel)), ...PREVIOUS_RECORDS.map((rel) => path.join(tmp, 'hainan-2021q1', rel))]) {
      texts.set(file, readFileSync(file, 'utf8'));
      values.set(file, parse(texts.get(file)!) as Json);
    }
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('survives thousands of mutated records, each reported against its file', async () => {
    const files = [...texts.keys()];
    const mutations = fc.integer({ min: 0, max: files.length - 1 }).chain((i) => {
      const paths = pathsOf(values.get(files[i])!);
      return fc.record({
        file: fc.constant(files[i]),
        path: fc.constantFrom(...paths),
        kind: fc.constantFrom('delete' as const, 'null' as const, 'empty' as const, 'retype' as const),
      });
    });
    let run = 0;
    const seen = { invalid: 0, undecided: 0 };
    assert.ok(PREVIOUS_RECORDS.length >= 3, 'the previous campaign holds records of the same sites');
    await fc.assert(
      fc.asyncProperty(mutations, async ({ file, path: at, kind }) => {
        run++;
        const value = mutate(values.get(file)!, { path: at, kind });
        const text = stringify(value);
        const what = `${path.basename(file)}: ${kind} ${at.join('.')}`;
        const inPrevious = file.startsWith(previousWs.root + path.sep);
        try {
          if (inPrevious) {
            previousWs.checkDocument(file, text);
            previous = await previousWs.analyse();
          } else ws.checkDocument(file, text);
          const analysed = await ws.analyse();
          analysed.previous = previous;
          const gate = dataGate(ws, analysed);
          const gated = withoutDataErrors(analysed, gate);
          const model = bulletinModel(gated);
          assert.ok(renderMarkdown(model, TEMPLATE).length > 0);
          if (run % 250 === 1) {
            await renderDocx(model, TEMPLATE);
            await renderXlsx(model, 'zh-cn');
          }
          recheckFigures(gated, model);
          // the status bar's figures (the model again, behind the gate) and the registry's lists (whose
          // own work, duplicate rows of the whole export, does not depend on the record) take turns
          if (run % 2 === 1) await campaignFigures(ws);
          else {
            const report = await registryReport(ws);
            await registryEntries(ws);
            supplementList(report.records.map((r) => ({ file: r.file, record: r.record, outcome: r.outcome })), 'zh-cn');
          }

          if (inPrevious) return;
          const originalKind = (values.get(file) as { kind: string }).kind;
          const valid = schemaOf(originalKind)(value);
          const own = ws.diagnosticsOf(file)?.diagnostics ?? [];
          if (!valid) {
            seen.invalid++;
            assert.ok(own.some(isDataError), `${what}: breaks the schema, but no data error on the file`);
            assert.ok(gate.errorFiles.includes(file), `${what}: the data gate does not list the file`);
            assert.ok(!model.entries.some((e) => path.join(ws.root, e.entity.file) === file), `${what}: counted in the figures`);
          } else if (analysed.records.find((r) => path.join(ws.root, r.file) === file)?.result.verdict === 'undetermined' && !gate.errorFiles.includes(file)) {
            seen.undecided++;
            assert.ok(gate.undetermined.includes(file), `${what}: undecided, not listed`);
            assert.ok(gate.waiting.some((w) => w.file === file), `${what}: nothing says what it waits for`);
          }
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          throw new Error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        } finally {
          if (inPrevious) {
            previousWs.checkDocument(file, texts.get(file)!);
            previous = await previousWs.analyse();
          } else ws.checkDocument(file, texts.get(file)!);
        }
      }),
      { numRuns: runs(2000), seed: seed() ?? 17, endOnFailure: true },
    );
    // the mutations reach both kinds of outcome (a test of the test)
    assert.ok(seen.invalid > 500 && seen.undecided > 20, JSON.stringify(seen));
  });
});
