// Command-line arguments for every subcommand: node's parseArgs with the global options (--lang,
// --format, --help, --version) accepted before or after the subcommand, and its English errors
// replaced by localised usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import bundle from '../../../l10n/messages/cli.json';
import { allowedFolders } from '../core/actions/allowed';
import { catalogue, toLocale } from '../core/l10n';
import type { Locale } from '../core/model';

/** The CLI's messages (l10n/messages/cli.json). */
export const t = catalogue(bundle);

/** Where a command writes and what it runs in; tests pass recording functions. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes a progress line to stderr as it is (carriage returns included); only when stderr is a terminal. */
  progress?(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
}

export type OutputFormat = 'text' | 'json';

/** The I/O plus the global options in force. */
export interface CliContext extends CliIo {
  locale: Locale;
  format: OutputFormat;
  /** Folders outside a campaign its files may name: INSPECTION_RECORDS_ALLOW and every `--allow` (absolute). */
  allowed: string[];
}

/** One subcommand: `run` returns the exit code; `summary` is its line in the main help. */
export interface CliCommand {
  run(args: string[], ctx: CliContext): Promise<number>;
  summary?(locale: Locale): string;
}

/** Exit codes shared by every subcommand (`incomplete`: written, but a format asked for could not be made). */
export const EXIT = { ok: 0, problems: 1, usage: 2, incomplete: 3 } as const;

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Options every subcommand accepts. */
export const GLOBAL_OPTIONS = {
  lang: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  allow: { type: 'string', multiple: true },
} as const satisfies OptionSpecs;

/** A mistake in the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface ParsedCommandArgs {
  ctx: CliContext;
  values: OptionValues;
  positionals: string[];
  help: boolean;
  version: boolean;
}

/** The context before any option: language from INSPECTION_RECORDS_LANG (Chinese by default), text output. */
export function initialContext(io: CliIo): CliContext {
  return { ...io, locale: toLocale(io.env.INSPECTION_RECORDS_LANG), format: 'text', allowed: allowedFolders(io.env, io.cwd) };
}

/** Parses a subcommand's arguments (its own options plus the global ones); throws UsageError. */
export function parseCommandArgs(args: string[], ctx: CliContext, options: OptionSpecs = {}): ParsedCommandArgs {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(localiseParseError(e as Error & { code?: string }, ctx.locale));
  }
  const values = parsed.values as OptionValues;
  return {
    ctx: applyGlobalOptions(ctx, values),
    values,
    positionals: parsed.positionals,
    help: values.help === true,
    version: values.version === true,
  };
}

/** The context with --lang and --format applied (validated). */
export function applyGlobalOptions(ctx: CliContext, values: OptionValues): CliContext {
  let { locale, format } = ctx;
  if (typeof values.lang === 'string') {
    // the language of the error itself is the one in force so far
    if (!/^(zh(-cn)?|en)$/i.test(values.lang)) throw new UsageError(t(locale, 'error.badLang', { value: values.lang }));
    locale = toLocale(values.lang);
  }
  if (typeof values.format === 'string') {
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(t(locale, 'error.badFormat', { value: values.format }));
    format = values.format;
  }
  const allowed = Array.isArray(values.allow) ? [...new Set([...ctx.allowed, ...allowedFolders({}, ctx.cwd, values.allow.filter((v): v is string => typeof v === 'string'))])] : ctx.allowed;
  return { ...ctx, locale, format, allowed };
}

function localiseParseError(e: Error & { code?: string }, locale: Locale): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t(locale, 'error.unknownOption', { option: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return t(locale, 'error.optionValue', { option: quoted.split(' ')[0] });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t(locale, 'error.unexpectedArgument', { argument: quoted });
    default:
      return t(locale, 'error.badArguments', { detail: e.message });
  }
}

/** Splits `[global options] <command> [rest]`: the command is the first positional argument. */
export function splitCommand(argv: string[]): { before: string[]; command?: string; rest: string[] } {
  const { tokens } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const first = tokens.find((tok) => tok.kind === 'positional' || tok.kind === 'option-terminator');
  if (!first || first.kind !== 'positional') return { before: argv, rest: [] };
  return { before: argv.slice(0, first.index), command: first.value, rest: argv.slice(first.index + 1) };
}
