// `npm run gen -- --websites N --media M --out DIR [--seed S]`: writes a synthetic, deterministic
// campaign for benchmarks and demonstrations (see scripts/gen/campaignGenerator.ts).
import * as path from 'node:path';
import bundle from '../l10n/messages/gen.json';
import { catalogue, toLocale } from '../server/src/core/l10n';
import type { Locale } from '../server/src/core/model';
import { GenerateError, writeCampaign } from './gen/campaignGenerator';
import type { GenerateOptions } from './gen/campaignPlan';

const t = catalogue(bundle);

class UsageError extends Error {
  constructor(readonly key: Parameters<typeof t>[1], readonly args: Record<string, string> = {}) {
    super(key);
  }
}

interface CliOptions extends GenerateOptions {
  out: string;
  force: boolean;
  locale: Locale;
}

const VALUE_OPTIONS = ['--websites', '--media', '--out', '--seed', '--scope', '--year', '--quarter', '--lang'];
const FLAG_OPTIONS = ['--media-xlsx', '--force', '--help', '-h'];

/** Parses the command line; throws UsageError with a message key on bad input. */
export function parseGenArgs(argv: string[]): CliOptions | 'help' {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (FLAG_OPTIONS.includes(name)) flags.add(name);
    else if (VALUE_OPTIONS.includes(name)) {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError('error.noValue', { option: name });
      values.set(name, v);
    } else throw new UsageError('error.unknownOption', { option: a });
  }
  if (flags.has('--help') || flags.has('-h')) return 'help';
  const count = (option: string): number => {
    const v = values.get(option);
    if (v === undefined) throw new UsageError('error.missing', { option });
    if (!/^\d+$/.test(v)) throw new UsageError('error.count', { option, value: v });
    return Number(v);
  };
  const out = values.get('--out');
  if (!out) throw new UsageError('error.missing', { option: '--out' });
  const opts: CliOptions = {
    websites: count('--websites'),
    media: count('--media'),
    out,
    seed: values.get('--seed') ?? '1',
    scope: values.get('--scope'),
    mediaXlsx: flags.has('--media-xlsx'),
    force: flags.has('--force'),
    locale: toLocale(values.get('--lang')),
  };
  const year = values.get('--year');
  if (year !== undefined) {
    if (!/^20\d\d$/.test(year)) throw new UsageError('error.year', { value: year });
    opts.year = Number(year);
  }
  const quarter = values.get('--quarter');
  if (quarter !== undefined) {
    if (!/^[1-4]$/.test(quarter)) throw new UsageError('error.quarter', { value: quarter });
    opts.quarter = Number(quarter) as 1 | 2 | 3 | 4;
  }
  return opts;
}

async function main(argv: string[]): Promise<number> {
  const lang = toLocale(argv.find((_a, i) => argv[i - 1] === '--lang') ?? argv.find((a) => a.startsWith('--lang='))?.slice(7));
  let opts: CliOptions | 'help';
  try {
    opts = parseGenArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${t(lang, e.key, e.args)}\n${t(lang, 'usage')}\n`);
    return 2;
  }
  if (opts === 'help') {
    process.stdout.write(`${t(lang, 'usage')}\n`);
    return 0;
  }
  const started = process.hrtime.bigint();
  const dir = path.resolve(opts.out);
  try {
    const s = await writeCampaign(dir, opts, { force: opts.force });
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    const l = opts.locale;
    process.stdout.write(
      [
        t(l, 'done', {
          scope: s.scope, dir: opts.out, seconds, websites: s.counts.websites, media: s.counts.media,
          websiteRows: s.counts.registryRows.websites, websiteRunning: s.counts.running.websites,
          mediaRows: s.counts.registryRows.media, mediaRunning: s.counts.running.media,
        }),
        t(l, 'done.registry', {
          wUnregistered: s.registry.websites.unregistered, mUnregistered: s.registry.media.unregistered,
          mNearMiss: s.registry.media['near-miss'], mNormalised: s.registry.media['matched-normalised'],
          mByName: s.registry.media['matched-by-name'], wClosed: s.registry.websites['closed-but-active'],
          mClosed: s.registry.media['closed-but-active'],
        }),
        t(l, 'done.failures', { websites: s.failures.websitesWithAny, media: s.failures.mediaWithAny, hot: s.hotRegions.join('、') }),
      ].join('\n') + '\n',
    );
    return 0;
  } catch (e) {
    if (e instanceof GenerateError) {
      process.stderr.write(`${t(opts.locale, `error.${e.code}`, e.args)}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  // exceljs's zip writer calls the deprecated Buffer() constructor; its warning would only confuse users
  process.noDeprecation = true;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
