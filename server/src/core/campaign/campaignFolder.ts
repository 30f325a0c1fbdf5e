// The campaign folder: every fact about it lives here. `campaign.yaml` (or `campaign.yml`) at its
// root; records anywhere below, found by their `kind`; the output folder, which a campaign may name
// only inside itself; paths relative to it. The scan skips dot-folders, node_modules and the output
// folder, reports nested campaigns, symbolic-link loops and unreadable entries as problems (never
// fatal), and reads every YAML file once.
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import bundle from '../../../../l10n/messages/files.json';
import { CAMPAIGN_FILE_NAMES, isCampaignFileName } from '../../../../shared/campaignFiles';
import { FOLDER_CODES } from '../codes';
import { catalogue } from '../l10n';
import { Severity, type CampaignConfig, type CoreDiagnostic, type FileDiagnostic, type Locale, type Range } from '../model';
import { isContainedRelative, isInside, resolveContained } from '../io/containment';
import { FileStamper, readError, readLimit, readUserText, refusalProblem, type ReadTextResult } from '../io/readText';
import { validateDocument } from '../validate/validateDocument';
import scanLimits from './scanLimits.json';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';

const t = catalogue(bundle);

export { CAMPAIGN_FILE_NAMES, isCampaignFileName, isContainedRelative, isInside };
/** Where generated bulletins go when campaign.yaml names no `output`. */
export const DEFAULT_OUTPUT = 'out';
const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_FOLDERS = new Set(['node_modules']);
/** How deep below the scanned folder the scan goes (scanLimits.json). */
const SCAN_LIMITS = scanLimits;
/** Files read at the same time while scanning (enough to hide disk latency, few enough for file handles). */
const READ_CONCURRENCY = 32;

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** One YAML file of the scanned tree, read once. */
export interface ScannedFile {
  /** Absolute path. */
  path: string;
  /** Root of the campaign it belongs to, if any. */
  campaignRoot?: string;
  /** The `kind` it declares (as written; may be unknown), undefined when it declares none. */
  kind?: string;
  /** Named by its campaign's `registries` (a registry export or column mapping), not a record. */
  registryFile: boolean;
  /** The text and reading problems; no text and no problems for a file left `unread`. */
  read: ReadTextResult;
  /** The file on disk before it was read (with the scan's `unchanged` option). */
  stamp?: FileStamp;
  /** Not read: the `unchanged` option vouched for its content (and gave its kind). */
  unread?: boolean;
}

/** What identifies a file's content without reading it (see resultCache.ts). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface ScanOptions {
  /**
   * Asked with each YAML file's stamp before it is read: a result means the caller already knows its
   * content (a warm index) and gives its declared kind, and the file is not read.
   */
  unchanged?: (file: string, stamp: FileStamp) => { declaredKind?: string } | undefined;
  /** Told after each YAML file is read (or vouched for), with how many there are. */
  onFile?: (done: number, total: number) => void;
  /** Given each YAML file as soon as it is read (or vouched for), in no particular order: work can start before the scan ends. */
  onRead?: (file: ScannedFile) => void;
  /** Folders outside the campaign its symbolic links may lead into (the user's settings). */
  allowed?: readonly string[];
}

export interface CampaignScan {
  root: string;
  /** Campaign roots met: the one holding `root`, or those found below a plain folder. */
  campaigns: string[];
  /** Every YAML file, sorted by path. */
  files: ScannedFile[];
  problems: FileDiagnostic[];
}

interface CampaignInfo {
  root: string;
  output: string;
  registryFiles: Set<string>;
}

/** Walks a folder (a campaign, a folder inside one, or a folder holding several) and reads its YAML files. */
export async function scanCampaign(root: string, locale: Locale, options: ScanOptions = {}): Promise<CampaignScan> {
  root = path.resolve(root);
  const problems: FileDiagnostic[] = [];
  const campaigns: CampaignInfo[] = [];
  const found: { path: string; campaign?: CampaignInfo }[] = [];
  const visited = new Set<string>();

  const openCampaign = async (dir: string): Promise<CampaignInfo> => {
    const loaded = await loadCampaignConfig(dir, locale);
    const raw = loaded.parsed?.value as Record<string, unknown> | undefined;
    const output = typeof raw?.output === 'string' ? raw.output : DEFAULT_OUTPUT;
    const registries = raw?.registries && typeof raw.registries === 'object' ? (raw.registries as Record<string, unknown>) : {};
    const registryFiles = new Set(
      Object.values(registries).filter((v): v is string => typeof v === 'string').map((p) => path.resolve(dir, p)),
    );
    const info = { root: dir, output: path.resolve(dir, output), registryFiles };
    campaigns.push(info);
    return info;
  };

  // Folders reached through a symbolic link are walked after every real folder, so that a record keeps
  // its real path and a link only adds what lies outside the tree.
  const linked: { path: string; name: string; parentReal: string; campaign?: CampaignInfo; depth: number }[] = [];

  /** Real folders a symbolic link may lead into: the campaign's (else the scanned folder) and the allowed ones. */
  const boundaries = async (campaign: CampaignInfo | undefined): Promise<string[]> =>
    Promise.all([campaign?.root ?? root, ...(options.allowed ?? [])].map((f) => fs.realpath(f).catch(() => path.resolve(f))));

  /** `realDir`: the folder's real path (its own name under its parent's real path: the walk never descends through a link). */
  const walk = async (dir: string, realDir: string, campaign: CampaignInfo | undefined, depth: number): Promise<void> => {
    if (depth > SCAN_LIMITS.maxDepth) {
      problems.push({ file: dir, diagnostic: folderProblem(FOLDER_CODES.tooDeep, Severity.Error, t(locale, 'folder.tooDeep', { limit: SCAN_LIMITS.maxDepth })) });
      return;
    }
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const d = err.code === 'ENAMETOOLONG'
        ? folderProblem(FOLDER_CODES.tooDeep, Severity.Error, t(locale, 'folder.pathTooLong'))
        : folderProblem(FOLDER_CODES.unreadable, Severity.Error, t(locale, 'folder.unreadable', { code: err.code ?? err.message }));
      problems.push({ file: dir, diagnostic: d });
      return;
    }
    const names = new Set(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name));
    const campaignFile = CAMPAIGN_FILE_NAMES.find((n) => names.has(n));
    if (campaignFile) {
      if (campaign && campaign.root !== dir) {
        const message = t(locale, 'folder.nested', { folder: path.relative(campaign.root, dir).split(path.sep).join('/'), outer: path.basename(campaign.root) });
        problems.push({ file: path.join(dir, campaignFile), diagnostic: folderProblem(FOLDER_CODES.nested, Severity.Error, message) });
        return;
      }
      if (CAMPAIGN_FILE_NAMES.every((n) => names.has(n))) {
        problems.push({ file: path.join(dir, CAMPAIGN_FILE_NAMES[1]), diagnostic: folderProblem(FOLDER_CODES.bothCampaignFiles, Severity.Warning, t(locale, 'folder.bothCampaignFiles')) });
      }
      campaign ??= await openCampaign(dir);
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          const link = entry.name;
          const d =
            err.code === 'ELOOP'
              ? folderProblem(FOLDER_CODES.loop, Severity.Warning, t(locale, 'folder.loop', { link }))
              : err.code === 'ENOENT'
                ? folderProblem(FOLDER_CODES.dangling, Severity.Warning, t(locale, 'folder.dangling', { link }))
                : readError(err, locale);
          problems.push({ file: full, diagnostic: d });
          continue;
        }
        // a link may lead only where a path the campaign names may: inside it, or an allowed folder
        const real = await fs.realpath(full).catch(() => undefined);
        if (real === undefined || !(await boundaries(campaign)).some((b) => isInside(real, b))) {
          problems.push({ file: full, diagnostic: folderProblem(FOLDER_CODES.linkOutside, Severity.Error, t(locale, 'folder.linkOutside', { link: entry.name })) });
          continue;
        }
        if (isDir) {
          linked.push({ path: full, name: entry.name, parentReal: realDir, campaign, depth: depth + 1 });
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(entry.name) || (campaign && full === campaign.output)) continue;
        // (no realpath call per folder: 3,500 of them were a fifth of a national warm scan)
        const realChild = path.join(realDir, entry.name);
        visited.add(realChild);
        await walk(full, realChild, campaign, depth + 1);
      } else if (isFile && YAML_FILE.test(entry.name)) {
        found.push({ path: full, campaign });
      } else if (!isFile && YAML_FILE.test(entry.name)) {
        // a pipe, a socket or a device named like a record: never opened (a pipe would block the scan)
        const target = await fs.stat(full).catch(() => undefined);
        const type = target?.isFIFO() ? 'fifo' : target?.isSocket() ? 'socket' : target?.isCharacterDevice() || target?.isBlockDevice() ? 'device' : 'other';
        problems.push({ file: full, diagnostic: refusalProblem({ reason: 'notRegular', type }, locale) });
      }
    }
  };

  const outer = await findCampaignRoot(root);
  let stat;
  try {
    stat = await fs.stat(root);
  } catch (e) {
    problems.push({ file: root, diagnostic: readError(e as NodeJS.ErrnoException, locale) });
    return { root, campaigns: [], files: [], problems };
  }
  if (!stat.isDirectory()) throw new Error(`scanCampaign: not a folder: ${root}`);
  const context = outer && outer !== root ? await openCampaign(outer) : undefined;
  const realRoot = await fs.realpath(root).catch(() => root);
  visited.add(realRoot);
  await walk(root, realRoot, context, 0);
  for (let link = linked.shift(); link; link = linked.shift()) {
    if (SKIPPED_FOLDERS.has(link.name) || (link.campaign && link.path === link.campaign.output)) continue;
    const real = await fs.realpath(link.path).catch(() => link.path);
    if (link.parentReal === real || link.parentReal.startsWith(real + path.sep)) {
      problems.push({ file: link.path, diagnostic: folderProblem(FOLDER_CODES.loop, Severity.Warning, t(locale, 'folder.loop', { link: link.name })) });
      continue;
    }
    // a second way into a folder already scanned adds nothing
    if (visited.has(real)) continue;
    visited.add(real);
    await walk(link.path, real, link.campaign, link.depth);
  }

  let done = 0;
  const stamper = new FileStamper();
  const files = await mapConcurrent(found, READ_CONCURRENCY, async ({ path: file, campaign }): Promise<ScannedFile> => {
    let stamp: FileStamp | undefined;
    let known: { declaredKind?: string } | undefined;
    if (options.unchanged) {
      // the stamp is taken before the text is read: a change in between shows in the next run's stamp
      const s = await stamper.stat(file);
      if (s) stamp = { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
      if (stamp) known = options.unchanged(file, stamp);
    }
    const read: ReadTextResult = known ? { problems: [] } : await readUserText(file, locale);
    const kind = known ? known.declaredKind : read.text === undefined ? undefined : declaredKind(read.text);
    const scanned: ScannedFile = { path: file, kind, registryFile: campaign?.registryFiles.has(file) ?? false, read };
    if (stamp) scanned.stamp = stamp;
    if (known) scanned.unread = true;
    if (campaign) scanned.campaignRoot = campaign.root;
    options.onRead?.(scanned);
    options.onFile?.(++done, found.length);
    const isCampaignFile = campaign !== undefined && path.dirname(file) === campaign.root && isCampaignFileName(file);
    if (kind === 'campaign' && !isCampaignFile) {
      problems.push({ file, diagnostic: folderProblem(FOLDER_CODES.misplacedCampaign, Severity.Error, t(locale, 'folder.misplacedCampaign')) });
    }
    return scanned;
  });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, campaigns: campaigns.map((c) => c.root).sort(), files, problems };
}

function folderProblem(code: string, severity: Severity, message: string): CoreDiagnostic {
  return { range: START, severity, code, message, source: 'campaign' };
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results. */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// a plain scalar may not start with a YAML indicator (| > & * ! % @ ` { [): those lines take the full parse
const KIND_LINE = /^kind[ \t]*:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s#'"|>&*!%@`{[][^#\n]*?))[ \t]*(?:#.*)?\r?$/m;

/**
 * The `kind` a YAML text declares. A top-level block key starts at column 0, so a `kind:` line there is
 * the document's own kind; any other layout (flow mapping, quoted key …) falls back to a full parse.
 */
export function declaredKind(text: string): string | undefined {
  const m = KIND_LINE.exec(text);
  if (m) return m[1] ?? m[2] ?? m[3];
  if (!/kind/.test(text)) return undefined;
  const value = parseYaml(text).value;
  const kind = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).kind : undefined;
  return typeof kind === 'string' ? kind : undefined;
}

/** The campaign file of a folder (campaign.yaml, else campaign.yml), or undefined when it holds none. */
export async function campaignFileIn(folder: string): Promise<string | undefined> {
  for (const name of CAMPAIGN_FILE_NAMES) {
    const file = path.join(path.resolve(folder), name);
    if (await fs.stat(file).then((st) => st.isFile(), () => false)) return file;
  }
  return undefined;
}

/** Whether a folder is a campaign (holds a campaign file). */
export async function isCampaignFolder(folder: string): Promise<boolean> {
  return (await campaignFileIn(folder)) !== undefined;
}

/** The nearest folder at or above `fileOrFolder` that holds a campaign file, or undefined. */
export async function findCampaignRoot(fileOrFolder: string): Promise<string | undefined> {
  let dir = path.resolve(fileOrFolder);
  for (;;) {
    if (await isCampaignFolder(dir)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Campaign folders at or below `folder` (a campaign's own sub-folders are its business, not searched).
 * The search is bounded (scanLimits.json): it goes at most `searchDepth` folders down and looks into
 * at most `searchFolders` folders, so that an editor opened on `/` or a home folder starts at once.
 */
export async function findCampaignRootsBelow(folder: string): Promise<string[]> {
  const out: string[] = [];
  let budget = SCAN_LIMITS.searchFolders;
  // breadth first: campaigns near the top are found before the budget runs out
  let level = [path.resolve(folder)];
  for (let depth = 0; depth <= SCAN_LIMITS.searchDepth && level.length > 0 && budget > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget-- <= 0) break;
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
      if (entries.some((e) => e.isFile() && isCampaignFileName(e.name))) {
        out.push(dir);
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_FOLDERS.has(e.name)) next.push(path.join(dir, e.name));
      }
    }
    level = next;
  }
  return out.sort();
}

/** A path relative to the campaign folder, with `/` separators (as messages and caches name files). */
export function campaignRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** An output folder that would lead outside the campaign folder (written so, or through a symbolic link). */
export class OutputOutsideError extends Error {
  constructor(readonly folder: string) {
    super(`output folder outside the campaign: ${folder}`);
  }
}

/** An output folder that cannot hold outputs: a file, or a folder holding the campaign's own files. */
export class OutputNotFolderError extends Error {
  constructor(
    readonly folder: string,
    readonly why: 'file' | 'records',
  ) {
    super(`output folder unusable (${why}): ${folder}`);
  }
}

/**
 * The folder outputs are written to, created when missing: the user's own folder when given (`--out`,
 * trusted as it is), else `relative` (an editor setting) or the campaign's `output` (default `out`),
 * which must stay inside the campaign folder (or a folder the user allowed) — written so and on disk,
 * judged before any folder is made. It may not be the campaign folder itself or a folder holding YAML
 * files (the scan skips the output folder: records there would go unchecked), nor a file. Throws
 * OutputOutsideError, OutputNotFolderError, or the file system's error when the folder cannot be made.
 */
export async function outputFolder(root: string, configured: string | undefined, override: { absolute?: string; relative?: string } = {}, allowed: readonly string[] = []): Promise<string> {
  if (override.absolute) {
    await fs.mkdir(override.absolute, { recursive: true });
    return override.absolute;
  }
  const rel = override.relative || configured || DEFAULT_OUTPUT;
  const containment = { root, allowed };
  if (!isContainedRelative(rel) && !allowed.length) throw new OutputOutsideError(rel);
  const where = await resolveContained(rel, root, containment);
  if (where.status === 'outside') throw new OutputOutsideError(rel);
  const dir = where.path;
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new OutputNotFolderError(rel, 'file');
    throw e;
  }
  // made now: judged again on disk (a link put in place meanwhile)
  const again = await resolveContained(rel, root, containment);
  if (again.status !== 'inside') throw new OutputOutsideError(rel);
  if (await sameRealFolder(again.real, root)) throw new OutputNotFolderError(rel, 'records');
  if (await holdsYaml(dir)) throw new OutputNotFolderError(rel, 'records');
  return dir;
}

async function sameRealFolder(real: string, folder: string): Promise<boolean> {
  return real === (await fs.realpath(folder).catch(() => folder));
}

/** Whether a folder holds YAML files, itself or one level down (the records folder, a region's folder). */
async function holdsYaml(dir: string, depth = 1): Promise<boolean> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
  for (const e of entries) {
    if (e.isFile() && YAML_FILE.test(e.name)) return true;
    if (depth > 0 && e.isDirectory() && !e.name.startsWith('.') && (await holdsYaml(path.join(dir, e.name), depth - 1))) return true;
  }
  return false;
}

export interface LoadedCampaign {
  /** Absolute path of the campaign file. */
  file: string;
  /** The configuration, when the file is valid. */
  config?: CampaignConfig;
  /** The parsed file (absent when it could not be read). */
  parsed?: ParsedYaml;
  /** Reading, syntax, schema and date problems of the campaign file. */
  diagnostics: CoreDiagnostic[];
}

/** Reads, parses and validates a campaign's campaign.yaml; `config` only when it has no errors. */
export async function loadCampaignConfig(root: string, locale: Locale): Promise<LoadedCampaign> {
  const file = (await campaignFileIn(root)) ?? path.join(path.resolve(root), CAMPAIGN_FILE_NAMES[0]);
  const read = await readUserText(file, locale, readLimit('campaign'));
  if (read.text === undefined) return { file, diagnostics: read.problems };
  const parsed = parseYaml(read.text);
  const { kind, diagnostics } = validateDocument(parsed, locale);
  if (kind !== undefined && kind !== 'campaign') {
    diagnostics.push({ range: parsed.rangeOf(['kind']), severity: Severity.Error, code: FOLDER_CODES.campaignKind, message: t(locale, 'folder.campaignKind'), source: 'campaign' });
  }
  const all = [...read.problems, ...diagnostics];
  const ok = kind === 'campaign' && !all.some((d) => d.severity === Severity.Error);
  return ok ? { file, config: parsed.value as CampaignConfig, parsed, diagnostics: all } : { file, parsed, diagnostics: all };
}
