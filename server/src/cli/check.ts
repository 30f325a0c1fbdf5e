// `inspection-records check [folder|file…]`: one line per problem, sorted, then a summary line.
import { cacheFolder } from '../core/actions/campaign';
import { checkPaths } from '../core/actions/check';
import { isDataError, isFinding, Severity, type Locale } from '../core/model';
import { EXIT, parseCommandArgs, t, UsageError, type CliContext } from './args';
import { diagnosticJson, formatDiagnosticLine, sortFileDiagnostics } from './format';
import { progressLine } from './progress';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'summary.check');
}

/**
 * Runs `check`; exit 0 when the records have no errors (findings about the sites do not count unless
 * `--fail-on findings`), 1 errors (or findings) found, 2 usage error or a path that cannot be read.
 */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const started = performance.now();
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, { 'no-cache': { type: 'boolean' }, 'fail-on': { type: 'string' } });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'usage.check')}\n`);
    return EXIT.ok;
  }
  const failOn = values['fail-on'] ?? 'errors';
  if (failOn !== 'errors' && failOn !== 'findings') throw new UsageError(t(locale, 'check.badFailOn', { value: String(failOn) }));
  const progress = progressLine(ctx);
  const result = await checkPaths(positionals, { cwd: ctx.cwd, locale, cache: values['no-cache'] === true ? undefined : cacheFolder(ctx.env), onProgress: progress.load, allowed: ctx.allowed }).finally(() => progress.done());
  for (const p of result.schemaProblems) ctx.stderr(`${p.file} ${t(locale, 'check.schemaProblem', { message: p.message })}\n`);
  for (const notice of result.notices) ctx.stderr(`${t(locale, 'notice', { message: notice })}\n`);
  const sorted = sortFileDiagnostics(result.diagnostics, ctx.cwd);
  const data = sorted.filter((x) => !isFinding(x.diagnostic));
  // findings that say a site or account fails or its filing is wrong (veto hits, a score below the
  // pass mark, registry findings); lesser findings are informations
  const strong = sorted.filter((x) => isFinding(x.diagnostic) && x.diagnostic.severity <= Severity.Warning);
  const figures = {
    files: result.files,
    records: result.records,
    errors: data.filter((x) => isDataError(x.diagnostic)).length,
    warnings: data.filter((x) => x.diagnostic.severity === Severity.Warning).length,
    findings: sorted.length - data.length,
    failing: new Set(strong.filter((x) => x.diagnostic.source === 'rule').map((x) => x.file)).size,
    suppressed: result.suppressed,
    elapsedMs: Math.round(performance.now() - started),
  };
  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify({ ...figures, diagnostics: sorted.map((x) => diagnosticJson(x, ctx.cwd)) }, null, 2)}\n`);
  } else {
    const lines = sorted.map((x) => formatDiagnosticLine(x, ctx.cwd, locale));
    lines.push(t(locale, 'check.summary', { ...figures, ms: figures.elapsedMs }));
    ctx.stdout(`${lines.join('\n')}\n`);
  }
  if (result.unreadableTarget) return EXIT.usage;
  return figures.errors > 0 || (failOn === 'findings' && strong.length > 0) ? EXIT.problems : EXIT.ok;
}
