// `inspection-records check [folder|file…]`: every record and campaign.yaml of the folders (scanned
// as campaigns) and the files given, one line per problem, sorted, then a summary line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findCampaignRoot, scanCampaign } from '../core/campaign/campaignFolder';
import { checkFile, checkScannedFile } from '../core/campaign/checkFile';
import { CampaignWorkspace } from '../core/campaign/workspace';
import { cacheFolder } from '../core/campaign/resultCache';
import { suppressDiagnostics } from '../core/suppression';
import { readError } from '../core/io/readText';
import { Severity, type CoreDiagnostic, type Locale } from '../core/model';
import { schemaLoadProblems } from '../core/schemas';
import { EXIT, parseCommandArgs, t, type CliContext } from './args';
import { diagnosticJson, formatDiagnosticLine, sortFileDiagnostics, type FileDiagnostic } from './format';
import { progressLine } from './progress';

/** The command's line in the main help. */
export function summary(locale: Locale): string {
  return t(locale, 'summary.check');
}

/** The figures of one run (also the JSON output's header). */
export interface CheckSummary {
  files: number;
  records: number;
  errors: number;
  warnings: number;
  /** Diagnostics silenced by `# inspection-disable-…` comments. */
  suppressed: number;
  elapsedMs: number;
}

/** Runs `check`; exit 0 clean, 1 errors found, 2 usage error or a path that cannot be read. */
export async function run(args: string[], baseCtx: CliContext): Promise<number> {
  const started = performance.now();
  const { ctx, values, positionals, help } = parseCommandArgs(args, baseCtx, { 'no-cache': { type: 'boolean' } });
  const { locale } = ctx;
  if (help) {
    ctx.stdout(`${t(locale, 'usage.check')}\n`);
    return EXIT.ok;
  }
  const targets = positionals.length ? positionals : ['.'];
  /** Every checked document: its text (for suppression comments) and diagnostics. */
  const results = new Map<string, { text?: string; kind?: string; diagnostics: CoreDiagnostic[] }>();
  const problems: FileDiagnostic[] = [];
  const workspaces = new Map<string, CampaignWorkspace>();
  let unreadableTarget = false;
  const progress = progressLine(ctx);

  /** The campaign a path belongs to, opened once (records are checked with their rules and registry). */
  const workspaceOf = async (root: string): Promise<CampaignWorkspace> => {
    let ws = workspaces.get(root);
    if (!ws) {
      ws = await CampaignWorkspace.open(root, { locale, withPrevious: false, cache: values['no-cache'] === true ? undefined : cacheFolder(ctx.env), keepTexts: false, onProgress: progress.load });
      workspaces.set(root, ws);
    }
    return ws;
  };
  /** Problems of the campaign outside its YAML documents (registry rows, folder scan) below `target`. */
  const seenOutside = new Set<string>();
  const addOutside = (ws: CampaignWorkspace, target: string): void => {
    for (const p of ws.outsideProblems()) {
      const key = `${p.file}\u0000${p.diagnostic.range.start.line}\u0000${p.diagnostic.code}\u0000${p.diagnostic.message}`;
      if (isInside(p.file, target) && !seenOutside.has(key)) {
        seenOutside.add(key);
        problems.push(p);
      }
    }
  };
  const addFromWorkspace = (ws: CampaignWorkspace, file: string): void => {
    if (results.has(file)) return;
    // the kind and diagnostics only: the rest of a cached check stays encoded, and a file without
    // problems is not read again (its text only matters for suppression comments)
    const checked = ws.diagnosticsOf(file);
    const diagnostics = checked?.diagnostics ?? [];
    results.set(file, { text: diagnostics.length > 0 && checked?.suppressible ? ws.textOf(file) : undefined, kind: checked?.kind, diagnostics });
  };

  for (const target of targets) {
    const abs = path.resolve(ctx.cwd, target);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      unreadableTarget = true;
      const err = e as NodeJS.ErrnoException;
      const d = readError(err, locale);
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') d.message = t(locale, 'check.pathNotFound');
      problems.push({ file: abs, diagnostic: d });
      continue;
    }
    const root = await findCampaignRoot(abs);
    if (stat.isDirectory()) {
      if (root) {
        // inside (or at) a campaign: its records, below the folder named
        const ws = await workspaceOf(root);
        addOutside(ws, abs);
        for (const f of ws.recordFiles()) if (isInside(f, abs)) addFromWorkspace(ws, f);
        continue;
      }
      // a plain folder: the campaigns below it with their rules, loose YAML files on their own
      const scan = await scanCampaign(abs, locale);
      problems.push(...scan.problems);
      for (const c of scan.campaigns) {
        const ws = await workspaceOf(c);
        addOutside(ws, c);
        for (const f of ws.recordFiles()) addFromWorkspace(ws, f);
      }
      for (const scanned of scan.files) {
        if (scanned.campaignRoot || results.has(scanned.path)) continue;
        if (scanned.registryFile && scanned.kind === undefined) continue;
        const checked = checkScannedFile(scanned, locale);
        results.set(scanned.path, { text: scanned.read.text, kind: checked.checked?.kind, diagnostics: checked.diagnostics });
      }
    } else if (!results.has(abs)) {
      if (root && /\.ya?ml$/i.test(abs)) {
        const ws = await workspaceOf(root);
        if (ws.hasFile(abs)) {
          addOutside(ws, abs);
          addFromWorkspace(ws, abs);
          continue;
        }
      }
      const checked = await checkFile(abs, locale, { campaignRoot: root });
      // a named file that cannot be opened at all is an I/O error of the command line, not a finding
      if (checked.read.text === undefined && checked.read.problems.some((p) => p.severity === Severity.Error)) unreadableTarget = true;
      results.set(abs, { text: checked.read.text, kind: checked.checked?.kind, diagnostics: checked.diagnostics });
    }
  }

  progress.done();
  const all: FileDiagnostic[] = [...problems];
  let suppressed = 0;
  for (const [file, r] of results) {
    const outcome = r.text === undefined ? { kept: r.diagnostics, suppressed: [] } : suppressDiagnostics(r.text, r.diagnostics);
    suppressed += outcome.suppressed.length;
    for (const d of outcome.kept) all.push({ file, diagnostic: d });
  }
  for (const p of schemaLoadProblems()) {
    ctx.stderr(`${p.file} ${t(locale, 'check.schemaProblem', { message: p.message })}\n`);
  }
  const sorted = sortFileDiagnostics(all, ctx.cwd);
  const figures: CheckSummary = {
    files: results.size,
    records: [...results.values()].filter((r) => r.kind === 'website' || r.kind === 'media').length,
    errors: sorted.filter((x) => x.diagnostic.severity === Severity.Error).length,
    warnings: sorted.filter((x) => x.diagnostic.severity === Severity.Warning).length,
    suppressed,
    elapsedMs: Math.round(performance.now() - started),
  };

  if (ctx.format === 'json') {
    ctx.stdout(`${JSON.stringify({ ...figures, diagnostics: sorted.map((x) => diagnosticJson(x, ctx.cwd)) }, null, 2)}\n`);
  } else {
    const lines = sorted.map((x) => formatDiagnosticLine(x, ctx.cwd, locale));
    lines.push(t(locale, 'check.summary', { ...figures, ms: figures.elapsedMs }));
    ctx.stdout(`${lines.join('\n')}\n`);
  }
  if (unreadableTarget) return EXIT.usage;
  return figures.errors > 0 ? EXIT.problems : EXIT.ok;
}

/** Whether `file` is `folder` or lies below it. */
function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
