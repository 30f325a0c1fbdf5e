// Registry import at campaign size: the figures of bench/registry.bench.ts (benchRegistry: a media
// export written, imported, indexed and matched), plus the import of the campaign's own generated
// exports (websites .xlsx, media .csv and .xlsx), which have the anomalies the generator puts in.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { importRegistryFile } from '../server/src/core/registry/importRegistry';
import { RegistryIndex } from '../server/src/core/registry/registryIndex';
import type { BenchResult, Figure } from './figures';
import { benchRegistry, registryTruth } from './registry.bench';
import { msSince } from './stats';

function unitOf(key: string): Figure['unit'] {
  return key.endsWith('Ms') ? 'ms' : key.endsWith('MiB') ? 'MiB' : 'count';
}

/** benchRegistry at `rows` rows, then the campaign's own exports imported and indexed. */
export async function benchRegistryImport(dir: string, rows: number): Promise<BenchResult> {
  const figures: Figure[] = [];
  const own = await benchRegistry(rows);
  for (const [key, value] of Object.entries(own)) {
    figures.push({ key: `registry.bench.${key}`, label: `benchRegistry(${rows}): ${key}`, value, unit: unitOf(key) });
  }
  const tables: { kind: 'media' | 'website'; rel: string }[] = [
    { kind: 'website', rel: 'registry/websites.xlsx' },
    { kind: 'media', rel: 'registry/media.csv' },
    { kind: 'media', rel: 'registry/media.xlsx' },
  ];
  const imported: Partial<Record<string, Awaited<ReturnType<typeof importRegistryFile>>>> = {};
  for (const t of tables) {
    const file = path.join(dir, ...t.rel.split('/'));
    if (!existsSync(file)) continue;
    const started = process.hrtime.bigint();
    const result = await importRegistryFile(file, { kind: t.kind, file: t.rel });
    const ms = msSince(started);
    imported[t.rel] = result;
    figures.push({ key: `registry.import.${t.rel}`, label: `import ${t.rel}`, value: ms, unit: 'ms', note: `${result.rows.length} rows, ${result.problems.length} problems` });
  }
  const media = imported['registry/media.csv'];
  const websites = imported['registry/websites.xlsx'];
  if (media && websites) {
    const started = process.hrtime.bigint();
    new RegistryIndex({ kind: 'media', rows: media.rows, files: ['registry/media.csv'] }, { kind: 'website', rows: websites.rows, files: ['registry/websites.xlsx'] });
    figures.push({ key: 'registry.index', label: 'index both exports (RegistryIndex)', value: msSince(started), unit: 'ms' });
  }
  // the campaign's records reconciled, against what the generator made each one (generated.json)
  const truth = await registryTruth(dir);
  figures.push({ key: 'registry.truth.matchMs', label: `reconcile the campaign's ${truth.records} records`, value: truth.matchMs, unit: 'ms' });
  for (const [key, label, s] of [['unregistered', '漏报 (unregistered)', truth.unregistered], ['nearMiss', 'near misses', truth.nearMiss]] as const) {
    const note = `${s.agreed} of ${s.reported} reported, ${s.agreed} of ${s.truth} generated`;
    figures.push({ key: `registry.truth.${key}.precision`, label: `${label}: precision`, value: s.precision * 100, unit: '%', note });
    figures.push({ key: `registry.truth.${key}.recall`, label: `${label}: recall`, value: s.recall * 100, unit: '%' });
  }
  return { name: 'registry', title: 'Registry import', figures };
}
