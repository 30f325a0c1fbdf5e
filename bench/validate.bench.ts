// Parse + validate per record (syntax, kind, JSON schema, dates: validateDocument), timed record by
// record over a sample of the campaign's records, after one warm-up pass.
import { readFileSync } from 'node:fs';
import { validateDocument } from '../server/src/core/validate/validateDocument';
import { parseYaml } from '../server/src/core/yaml/yamlDocument';
import { yamlFiles } from './campaignCache';
import type { BenchResult, Figure } from './figures';
import { median, percentile } from './stats';

/** Every n-th file so that at most `max` are kept, spread over the whole campaign. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** Per-record parse and validate times (µs) for websites and media, from up to `max` records of each. */
export async function benchValidate(dir: string, max = 1000): Promise<BenchResult> {
  const files = (await yamlFiles(dir)).filter((f) => !f.endsWith('campaign.yaml'));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const byKind = { website: [] as string[], media: [] as string[] };
  for (const t of texts) (/^kind: website$/m.test(t) ? byKind.website : byKind.media).push(t);
  const figures: Figure[] = [];
  for (const kind of ['website', 'media'] as const) {
    const sample = spread(byKind[kind], max);
    if (!sample.length) continue;
    for (const t of sample) validateDocument(parseYaml(t), 'zh-cn'); // warm-up: JIT, schema compilation
    const parse: number[] = [];
    const total: number[] = [];
    let diagnostics = 0;
    for (const t of sample) {
      const t0 = process.hrtime.bigint();
      const parsed = parseYaml(t);
      const t1 = process.hrtime.bigint();
      diagnostics += validateDocument(parsed, 'zh-cn').diagnostics.length;
      const t2 = process.hrtime.bigint();
      parse.push(Number(t1 - t0) / 1e3);
      total.push(Number(t2 - t0) / 1e3);
    }
    const bytes = sample.reduce((s, t) => s + Buffer.byteLength(t), 0) / sample.length;
    const note = `${sample.length} records, mean ${(bytes / 1024).toFixed(1)} KiB`;
    figures.push(
      { key: `validate.${kind}.p50`, label: `${kind}: parse+validate p50`, value: median(total), unit: 'µs', note },
      { key: `validate.${kind}.p95`, label: `${kind}: parse+validate p95`, value: percentile(total, 95), unit: 'µs' },
      { key: `validate.${kind}.parse.p50`, label: `${kind}: of which parse p50`, value: median(parse), unit: 'µs' },
      { key: `validate.${kind}.diagnostics`, label: `${kind}: diagnostics found`, value: diagnostics, unit: 'count', note: 'generated records are valid: expect 0' },
    );
  }
  return { name: 'validate', title: 'Parse + validate per record (parseYaml + validateDocument, in process, warm)', figures };
}
