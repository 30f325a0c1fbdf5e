// `check`: every record and campaign.yaml of the folders named (each campaign checked with its
// rules and registry, as the editor checks it) and the files named, with suppression comments
// applied. Loose YAML files outside any campaign get syntax, schema and date checks.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findCampaignRoot, isInside, scanCampaign } from '../campaign/campaignFolder';
import { checkFile, checkScannedFile } from '../campaign/checkFile';
import { CampaignWorkspace, type LoadProgress } from '../campaign/workspace';
import { readError } from '../io/readText';
import { Severity, type CoreDiagnostic, type FileDiagnostic, type Locale } from '../model';
import { schemaLoadProblems, type SchemaLoadProblem } from '../schemas';
import { suppressDiagnostics } from '../suppression';
import { t } from './actionError';

export interface CheckOptions {
  /** The working folder the paths are relative to. */
  cwd: string;
  locale: Locale;
  /** Result cache folder (`cacheFolder()`), or none. */
  cache?: string;
  /** Files read and records checked, while campaigns load. */
  onProgress?: (p: LoadProgress) => void;
  /** Folders outside a campaign that its files may name (the user's settings). */
  allowed?: readonly string[];
}

export interface CheckResult {
  /** Every diagnostic kept after suppression comments, unsorted. */
  diagnostics: FileDiagnostic[];
  /** Documents checked, and how many of them are records. */
  files: number;
  records: number;
  /** Diagnostics silenced by `# inspection-disable-…` comments. */
  suppressed: number;
  /** A path named could not be read at all (the command line's mistake, not a finding). */
  unreadableTarget: boolean;
  /** Shipped schemas that could not be loaded (the installation is broken). */
  schemaProblems: readonly SchemaLoadProblem[];
  /** Notices for the user beside the findings (a result cache that could not be trusted and was rebuilt). */
  notices: string[];
}

/** Checks the folders and files named (the working folder when none is). */
export async function checkPaths(targets: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const { locale } = options;
  /** Every checked document: its text (for suppression comments) and diagnostics. */
  const results = new Map<string, { text?: string; kind?: string; diagnostics: CoreDiagnostic[] }>();
  const problems: FileDiagnostic[] = [];
  const workspaces = new Map<string, CampaignWorkspace>();
  let unreadableTarget = false;

  /** The campaign a path belongs to, opened once (records are checked with their rules and registry). */
  const workspaceOf = async (root: string): Promise<CampaignWorkspace> => {
    let ws = workspaces.get(root);
    if (!ws) workspaces.set(root, (ws = await CampaignWorkspace.open(root, { locale, withPrevious: false, cache: options.cache, keepTexts: false, onProgress: options.onProgress, allowed: options.allowed })));
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

  for (const target of targets.length ? targets : ['.']) {
    const abs = path.resolve(options.cwd, target);
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
      const scan = await scanCampaign(abs, locale, { allowed: options.allowed });
      // a campaign's own folder problems come with its workspace below (which scans it again)
      problems.push(...scan.problems.filter((p) => !scan.campaigns.some((c) => isInside(p.file, c))));
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

  const diagnostics: FileDiagnostic[] = [...problems];
  let suppressed = 0;
  for (const [file, r] of results) {
    const outcome = r.text === undefined ? { kept: r.diagnostics, suppressed: [] } : suppressDiagnostics(r.text, r.diagnostics);
    suppressed += outcome.suppressed.length;
    for (const d of outcome.kept) diagnostics.push({ file, diagnostic: d });
  }
  return {
    diagnostics,
    files: results.size,
    records: [...results.values()].filter((r) => r.kind === 'website' || r.kind === 'media').length,
    suppressed,
    unreadableTarget,
    schemaProblems: schemaLoadProblems(),
    notices: [...workspaces.values()].map((ws) => ws.cacheNotice()).filter((n): n is string => n !== undefined),
  };
}
