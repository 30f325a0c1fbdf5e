// Per-record parse cost, in process, on the same texts: the `yaml` library as parseYaml used it
// before the fast path (parseDocument + toJS), the fast record parser alone, parseYaml as the tool
// runs it now (fast parser, position helpers, the `yaml` Document left unbuilt), js-yaml `load` (a
// parser of the class a record subset allows, without node positions) and JSON.parse of the same
// values (the floor of parsing at all). Also how many of the texts the fast parser accepts, and how
// many `yaml` Documents checking them all builds (the common path should build none).
import { readFileSync } from 'node:fs';
import * as jsyaml from 'js-yaml';
import { checkText } from '../server/src/core/campaign/checkFile';
import { fastParse } from '../server/src/core/yaml/fastYaml';
import { parseYaml, parseYamlDocument, yamlDocumentsBuilt, YAML_LIMITS } from '../server/src/core/yaml/yamlDocument';
import { yamlFiles } from './campaignCache';
import type { BenchResult, Figure } from './figures';
import { median } from './stats';

/** Every n-th item so that at most `max` are kept, spread over the whole list. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** µs per text of one parser: the median of `rounds` passes over all texts, after a warm-up pass. */
function perText(texts: readonly string[], parse: (text: string, i: number) => unknown, rounds = 5): number {
  texts.forEach((t, i) => parse(t, i));
  const passes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i++) parse(texts[i], i);
    passes.push(Number(process.hrtime.bigint() - started) / 1e3 / texts.length);
  }
  return median(passes);
}

export async function benchParse(dir: string, max = 3301): Promise<BenchResult> {
  const files = spread((await yamlFiles(dir)).filter((f) => !f.endsWith('campaign.yaml')), max);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const accepted = texts.filter((t) => fastParse(t) !== undefined).length;
  const json = texts.map((t) => JSON.stringify(parseYaml(t).value));
  const kib = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length / 1024;
  const yamlUs = perText(texts, (t) => parseYamlDocument(t).toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }));
  const fastUs = perText(texts, (t) => fastParse(t));
  const parseYamlUs = perText(texts, (t) => parseYaml(t));
  const jsYamlUs = perText(texts, (t) => jsyaml.load(t));
  const jsonUs = perText(texts, (_t, i) => JSON.parse(json[i]));
  const before = yamlDocumentsBuilt();
  for (let i = 0; i < texts.length; i++) checkText(files[i], texts[i], 'zh-cn');
  const built = yamlDocumentsBuilt() - before;
  const note = `${texts.length} records, mean ${kib.toFixed(1)} KiB`;
  const figures: Figure[] = [
    { key: 'parse.yaml', label: 'yaml parseDocument + toJS', value: yamlUs, unit: 'µs', note },
    { key: 'parse.fast', label: 'fast record parser (value + node ranges)', value: fastUs, unit: 'µs' },
    { key: 'parse.parseYaml', label: 'parseYaml (fast path, Document not built)', value: parseYamlUs, unit: 'µs' },
    { key: 'parse.jsYaml', label: 'js-yaml load (no node ranges)', value: jsYamlUs, unit: 'µs' },
    { key: 'parse.json', label: 'JSON.parse of the same values', value: jsonUs, unit: 'µs' },
    { key: 'parse.speedup', label: 'yaml ÷ parseYaml', value: yamlUs / parseYamlUs, unit: 'ratio' },
    { key: 'parse.accepted', label: 'texts the fast parser accepts', value: accepted, unit: 'count', note: `of ${texts.length}` },
    { key: 'parse.documentsBuilt', label: 'yaml Documents built checking them all', value: built, unit: 'count', note: 'checkText: parse, schema, dates' },
  ];
  return { name: 'parse', title: 'Parse per record (in process, warm): yaml vs the fast path vs js-yaml vs JSON.parse', figures };
}
