// The `inspection-records` command: global options, then one subcommand from the table below, each
// in its own file exporting `run(args, ctx)`. Adding a subcommand is one line in COMMANDS.
import { version } from '../../../package.json';
import { ActionError } from '../core/actions/actionError';
import { escapeForTerminal, suggest } from '../core/actions/text';
import {
  EXIT,
  initialContext,
  parseCommandArgs,
  splitCommand,
  t,
  UsageError,
  type CliCommand,
  type CliContext,
  type CliIo,
} from './args';
import { displayPath, formatDiagnosticLine, sortFileDiagnostics } from './format';

/**
 * Subcommands, loaded on first use. `require` rather than `import()`: a dynamic import would go to
 * Node's ESM loader, which cannot load the TypeScript sources the tests run.
 */
export const COMMANDS: Record<string, () => CliCommand> = {
  check: () => require('./check') as CliCommand,
  explain: () => require('./explain') as CliCommand,
  registry: () => require('./registry') as CliCommand,
  supplement: () => require('./supplement') as CliCommand,
  bulletin: () => require('./bulletin') as CliCommand,
  probe: () => require('./probe') as CliCommand,
  monitor: () => require('./monitor') as CliCommand,
};

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let ctx = initialContext(io);
  let command: string | undefined;
  try {
    const split = splitCommand(argv);
    command = split.command;
    const { before, rest } = split;
    const globals = parseCommandArgs(before, ctx);
    ctx = globals.ctx;
    if (globals.version && !command) {
      ctx.stdout(`${t(ctx.locale, 'version', { version })}\n`);
      return EXIT.ok;
    }
    if (!command) {
      if (!globals.help) ctx.stderr(`${t(ctx.locale, 'error.noCommand')}\n\n`);
      ctx.stdout(`${mainUsage(ctx)}\n`);
      return globals.help ? EXIT.ok : EXIT.usage;
    }
    const load = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) {
      const found = suggest(command, Object.keys(COMMANDS), 1);
      throw new UsageError(
        found.length
          ? t(ctx.locale, 'error.unknownCommandSuggest', { command, suggestion: found[0] })
          : t(ctx.locale, 'error.unknownCommand', { command }),
      );
    }
    // options written before the command carry over (`--help check` shows check's help)
    return await load().run([...before, ...rest], ctx);
  } catch (e) {
    if (e instanceof ActionError) return refused(e, ctx);
    if (e instanceof UsageError) {
      const hint = command && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? `\n${t(ctx.locale, 'error.seeHelp', { command })}` : '';
      ctx.stderr(`${e.message}${hint}\n`);
      return EXIT.usage;
    }
    ctx.stderr(`${t(ctx.locale, 'error.internal', { message: e instanceof Error ? (e.stack ?? e.message) : String(e) })}\n`);
    return EXIT.usage;
  }
}

/**
 * An operation refused: its located problems (`campaign.yaml:3:9 错误 IR2115 …`) or its message.
 * A path the user named that is missing or no campaign is a usage error (2); the rest is 1.
 */
function refused(e: ActionError, ctx: CliContext): number {
  const lines = e.problems.length ? sortFileDiagnostics([...e.problems], ctx.cwd).map((p) => formatDiagnosticLine(p, ctx.cwd, ctx.locale)) : [];
  if (!e.problems.some((p) => p.diagnostic.message === e.message)) lines.push(e.subject ? `${displayPath(e.subject, ctx.cwd)}: ${e.message}` : e.message);
  ctx.stderr(`${lines.join('\n')}\n`);
  return e.kind === 'path' ? EXIT.usage : EXIT.problems;
}

/** The main help: usage, the subcommands with their one-line summaries, the global options. */
function mainUsage(ctx: CliContext): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const lines = names.map((name) => {
    let summary = '';
    try {
      summary = COMMANDS[name]().summary?.(ctx.locale) ?? '';
    } catch {
      // a command that fails to load still gets its line; running it reports the failure
    }
    return t(ctx.locale, 'usage.commandLine', { name, pad: ' '.repeat(width - name.length), summary }).trimEnd();
  });
  return t(ctx.locale, 'usage.main', { commands: lines.join('\n') });
}

/** The bundle's entry point (launch.ts calls it): real process I/O, exit code on the process. */
export function runAsProgram(): void {
  // `inspection-records check … | head` closes the pipe early: that is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // a record's text reaches the terminal only with its control characters escaped
  const io: CliIo = {
    stdout: (s) => process.stdout.write(escapeForTerminal(s)),
    stderr: (s) => process.stderr.write(escapeForTerminal(s)),
    // our own text (counts and a bundle's words), so written as it is: its carriage returns redraw the line
    progress: process.stderr.isTTY ? (s) => process.stderr.write(s) : undefined,
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runAsProgram();
