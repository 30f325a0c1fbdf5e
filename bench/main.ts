// `npm run bench -- [--size small|province|national] [--only name,…] [--seed S] [--json FILE]`:
// generates (or reuses) a campaign of the chosen size, runs the benchmarks and prints the machine and
// each benchmark's figures as a table. The benchmarks live in their own modules and return figures;
// this file only orchestrates and prints. Developer-facing output, in English.
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYamlValue, stringify } from 'yaml';
import { cachedCampaign, SIZES, yamlFiles, type BenchSize } from './campaignCache';
import { benchCli } from './cli.bench';
import { formatResult, type BenchResult } from './figures';
import { benchFloor, floorPass } from './floor.bench';
import { benchParse } from './parse.bench';
import { benchSideBySide } from './sideBySide.bench';
import { machine } from './stats';
import { benchValidate } from './validate.bench';

export const BENCHMARKS = ['parse', 'validate', 'floor', 'check', 'bulletin', 'registry', 'server', 'side-by-side'] as const;
type BenchName = (typeof BENCHMARKS)[number];

interface BenchArgs {
  size: BenchSize;
  only?: Set<BenchName>;
  seed: string;
  json?: string;
  /** Extra `node` options for the CLI runs (e.g. --max-old-space-size=8192). */
  nodeOptions: string[];
}

function parseArgs(argv: string[]): BenchArgs {
  const out: BenchArgs = { size: 'small', seed: '1', nodeOptions: [] };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${name} needs a value`);
    if (name === '--size') {
      const v = value();
      if (!(v in SIZES)) fail(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${v}"`);
      out.size = v as BenchSize;
    } else if (name === '--only') {
      const names = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
      if (unknown.length) fail(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
      out.only = new Set(names as BenchName[]);
    } else if (name === '--seed') out.seed = value();
    else if (name === '--json') out.json = value();
    else if (name === '--node-options') out.nodeOptions = value().split(/\s+/).filter(Boolean);
    else if (name === '--help' || name === '-h') {
      process.stdout.write(`usage: npm run bench -- [--size ${Object.keys(SIZES).join('|')}] [--only ${BENCHMARKS.join(',')}] [--seed S] [--json FILE] [--node-options \"--max-old-space-size=8192\"]\n`);
      process.exit(0);
    } else fail(`unknown option ${argv[i]}`);
  }
  return out;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** The middle-sized website record of a campaign: the record both servers validate side by side. */
async function medianWebsiteRecord(dir: string): Promise<string> {
  const files = await yamlFiles(path.join(dir, 'websites'));
  const sized = await Promise.all(files.map(async (f) => ({ f, size: (await fs.stat(f)).size })));
  sized.sort((a, b) => a.size - b.size || (a.f < b.f ? -1 : 1));
  return readFileSync(sized[Math.floor(sized.length / 2)].f, 'utf8');
}

/** campaign.yaml without its registries, for a one-record workspace. */
function standaloneCampaignYaml(dir: string): string {
  const config = parseYamlValue(readFileSync(path.join(dir, 'campaign.yaml'), 'utf8')) as Record<string, unknown>;
  delete config.registries;
  config.population = { websites: 1, media: 1 };
  return stringify(config);
}

/**
 * Loads a benchmark module whose file also runs on its own (`if (require.main === module) …`).
 * Bundled into dist/bench.js that test is true for every module, so the module is required lazily
 * with `require.main` hidden while its top level runs.
 */
function loadBenchModule<T>(load: () => T): T {
  const req = require as NodeJS.Require & { main: NodeJS.Module | undefined };
  const main = req.main;
  req.main = undefined;
  try {
    return load();
  } finally {
    req.main = main;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--floor-child') {
    process.stdout.write(`${JSON.stringify(await floorPass(argv[1]))}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  const dist = path.dirname(__filename);
  const cliJs = path.join(dist, 'cli.js');
  const serverJs = path.join(dist, 'server.js');
  const m = machine();
  const print = (s: string) => process.stdout.write(`${s}\n`);
  print(`# inspection-records benchmarks — size ${args.size} (${SIZES[args.size].websites} websites + ${SIZES[args.size].media} media), seed ${args.seed}`);
  print(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; load average ${m.load} at start`);
  const campaign = await cachedCampaign(args.size, args.seed, print);
  const s = campaign.summary;
  print(
    `campaign: ${campaign.dir} — ${s.counts.websites} website + ${s.counts.media} media records, registry ${s.counts.registryRows.websites} + ${s.counts.registryRows.media} rows` +
      (campaign.generatedMs !== undefined ? ` (generated in ${(campaign.generatedMs / 1000).toFixed(1)} s)` : ' (cached)'),
  );
  print('');

  const results: BenchResult[] = [];
  const wanted = (n: BenchName) => !args.only || args.only.has(n);
  const run = async (name: BenchName, title: string, f: () => Promise<BenchResult>) => {
    if (!wanted(name)) return;
    let r: BenchResult;
    try {
      r = await f();
    } catch (e) {
      r = { name, title, skipped: `failed: ${e instanceof Error ? e.message : String(e)}` };
    }
    results.push(r);
    print(formatResult(r));
  };

  let floorTimes: { wallMs: number; cpuMs: number } | undefined;
  await run('parse', 'Parse per record', () => benchParse(campaign.dir));
  await run('validate', 'Parse + validate per record', () => benchValidate(campaign.dir));
  if (wanted('floor') || wanted('check') || wanted('bulletin')) {
    // the CLI figures are set against the floor, so it runs whenever they do
    const floor = await benchFloor(__filename, campaign.dir).then(
      (f) => ({ times: { wallMs: f.wallMs, cpuMs: f.cpuMs }, result: f.result }),
      (e: unknown) => ({ times: undefined, result: { name: 'floor', title: 'Floor', skipped: `failed: ${String(e)}` } as BenchResult }),
    );
    floorTimes = floor.times;
    results.push(floor.result);
    print(formatResult(floor.result));
  }
  await run('check', '`check` CLI', () => benchCli(cliJs, 'check', campaign.dir, floorTimes, args.nodeOptions));
  await run('bulletin', '`bulletin` CLI', () => benchCli(cliJs, 'bulletin', campaign.dir, floorTimes, args.nodeOptions));
  await run('registry', 'Registry import', () => {
    const { benchRegistryImport } = loadBenchModule(() => require('./registryExports.bench') as typeof import('./registryExports.bench'));
    return benchRegistryImport(campaign.dir, SIZES[args.size].media);
  });
  await run('server', 'Language server', async () => {
    if (!existsSync(serverJs)) return { name: 'server', title: 'Language server', skipped: 'dist/server.js is not built' };
    const { benchServerResult } = loadBenchModule(() => require('./server.bench') as typeof import('./server.bench'));
    return benchServerResult({ serverJs, dir: campaign.dir });
  });
  await run('side-by-side', 'Side by side', async () =>
    benchSideBySide({ record: await medianWebsiteRecord(campaign.dir), kind: 'website', campaignYaml: standaloneCampaignYaml(campaign.dir), serverJs }),
  );

  print(`load average at the end: ${(Math.round(os.loadavg()[0] * 100) / 100).toFixed(2)} (above ${m.cores} means other work shared the CPUs)`);
  if (args.json) {
    await fs.writeFile(args.json, `${JSON.stringify({ size: args.size, seed: args.seed, machine: m, campaign: { dir: campaign.dir, counts: s.counts }, results }, null, 2)}\n`);
  }
  return 0;
}

// exceljs's zip writer (used when generating a campaign) calls the deprecated Buffer() constructor
process.noDeprecation = true;
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
