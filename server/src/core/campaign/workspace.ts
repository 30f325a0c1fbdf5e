// A campaign held in memory: its configuration, indicator profile, registry index and every record,
// each checked once. The CLI, the language server and the bulletin all go through this one class so
// that they report the same problems and count the same figures. Re-checking a record on a keystroke
// is one parse plus O(1) lookups: the profile and the registry index are built once per campaign.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import bundle from '../../../../l10n/messages/workspace.json';
import { catalogue } from '../l10n';
import {
  Severity,
  type AnalysedCampaign,
  type AnalysedRecord,
  type CampaignConfig,
  type CoreDiagnostic,
  type DocumentCheck as BaseCheck,
  type FileChange,
  type FileDiagnostic,
  type FileKind,
  type InspectionRecord,
  type Locale,
  type NodePath,
  type Range,
  type RecordKind,
  type RegistryRowRef,
} from '../model';
import { decodeUserBytes, readRegularSync, readUserText, RECORD_SIZE_LIMIT } from '../io/readText';
import { SUPPRESSION_MARKER } from '../suppression';
import { resourcePath } from '../resources';
import { normaliseAccountId } from '../registry/normalise';
import { evaluateRecord, type RecordEvaluation, type RuleOutcome } from '../rules/engine';
import { ruleDiagnostics } from '../rules/diagnostics';
import { loadProfile, loadProfileText, type ProfileLoadResult } from '../rules/profile';
import type { ResolvedProfile } from '../rules/profileTypes';
import { loadCampaignRegistry, type CampaignRegistry } from '../registry/importRegistry';
import { RegistryIndex } from '../registry/registryIndex';
import { identityKey, recordIdentities, reconcileRecord, type RecordReconciliation, type RegistryIssue } from '../registry/reconcile';
import { registryDiagnostics } from '../registry/registryDiagnostics';
import { registryCounts, type RegistryCounts } from '../registry/counts';
import { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
import { checkText } from './checkFile';
import { CheckPool, workerSettings, type CheckDocument, type PooledCheck, type WorkerCheck } from './checkWorkers';
import { cacheFileOf, decodeCheck, type BlobReader, encodeCheck, fingerprint, hashText, OutcomeTable, readCache, touchCache, unchangedOnDisk, writeCache, type CachedEntry, type CachedRegistry, type CacheDistrust, type CampaignCache } from './resultCache';
import { plainBelow, resolveContained, type Containment } from '../io/containment';
import { CAMPAIGN_FILE_NAMES, isCampaignFolder, isInside, loadCampaignConfig, scanCampaign, type FileStamp, type LoadedCampaign } from './campaignFolder';
import { FOLDER_CODES, REGISTRY_CODES, SCHEMA_CODES, VERDICT_CODES } from '../codes';
import { profileScoreGaps } from '../rules/scoring';

const t = catalogue(bundle);
/** Work done between two yields while a campaign loads (ms). */
const LOAD_SLICE_MS = 10;
const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The workspace's check of a document: the model's, with the full rule evaluation and reconciliation. */
export interface DocumentCheck extends BaseCheck {
  result?: RecordEvaluation;
  reconciliation?: RecordReconciliation;
}

/** What the workspace keeps of a checked document: everything but the syntax tree (memory). */
export type StoredCheck = Omit<DocumentCheck, 'parsed'>;

/**
 * What the workspace keeps of a file: its diagnostics and duplicate keys at once, the rest of its
 * check (record, result, registry outcome) decoded from the result cache on first use, and its text
 * only when it has problems or came from an editor (else it is read from disk when asked for).
 */
class Entry {
  private full: StoredCheck | undefined;

  constructor(
    /** Undefined: the file's text on disk (read on demand). */
    public text: string | undefined,
    check: StoredCheck | { decode: () => StoredCheck | undefined; recheck: () => StoredCheck },
    readonly kind: FileKind | undefined,
    /** The document's own diagnostics, before duplicate-record ones (which depend on other files). */
    readonly own: CoreDiagnostic[],
    /** Duplicate-detection keys this record holds in `identities`. */
    readonly keys: string[],
    /** How many of `own` (at its start) are reading problems rather than check results. */
    readonly readCount: number,
    /** What the index keeps of the file read from disk: its hash, stamp and declared kind, and its cached blob. */
    readonly disk?: DiskInfo,
  ) {
    if ('decode' in check) this.lazy = check;
    else this.full = { ...check, diagnostics: [...own] };
    this.diagnostics = this.full?.diagnostics ?? [...own];
  }

  private lazy: { decode: () => StoredCheck | undefined; recheck: () => StoredCheck } | undefined;
  /** Shown diagnostics: own plus the duplicate-record one. */
  diagnostics: CoreDiagnostic[];

  /** The whole check (decoded from the cache on first use). */
  get check(): StoredCheck {
    if (!this.full && !this.tryDecode()) {
      // a blob that does not decode (a damaged cache): the file is checked again
      this.full = { ...this.lazy!.recheck(), kind: this.kind, diagnostics: this.diagnostics };
      this.lazy = undefined;
    }
    return this.full!;
  }

  /** Decodes the cached check if not done yet; false when its blob is damaged. */
  tryDecode(): boolean {
    if (this.full) return true;
    const decoded = this.lazy!.decode();
    if (!decoded) return false;
    this.full = { ...decoded, kind: this.kind, diagnostics: this.diagnostics };
    this.lazy = undefined;
    return true;
  }

  /** Whether the check was decoded (or made here): the cached blob then no longer stands for it alone. */
  get decoded(): boolean {
    return this.full !== undefined;
  }

  setDiagnostics(d: CoreDiagnostic[]): void {
    this.diagnostics = d;
    if (this.full) this.full.diagnostics = d;
  }
}

/** The user's settings that override what campaign.yaml names (paths relative to the campaign folder). */
export interface CampaignOverrides {
  /** Indicator profile: a built-in name (`national-2019`) or a file. */
  profile?: string;
  /** Registry column-mapping file. */
  registryMapping?: string;
  /**
   * Folders outside the campaign that the paths its files name (registry exports, profiles, the
   * template, the previous campaign) may lead into: from the user's own settings only (CLI `--allow`,
   * INSPECTION_RECORDS_ALLOW, the editor's `inspectionRecords.allowedFolders`), never from campaign.yaml.
   */
  allowed?: readonly string[];
}

export interface WorkspaceOptions extends CampaignOverrides {
  locale: Locale;
  /** Also analyse the campaign named by `previous` (one level only). Default true. */
  withPrevious?: boolean;
  /**
   * Folder of the result cache (`cacheFolder()` of resultCache.ts): reuse the results of the last
   * run for records whose text did not change. Default none (no cache). When every record is
   * reused, the registry exports are not imported: await `loadRegistry()` before `registryRows()`
   * or `checkDocument()`.
   */
  cache?: string;
  /**
   * Check the records of a load in worker threads when at least `minimumDocuments` need checking
   * (defaults from checkWorkers.json); false: always in this thread.
   */
  workers?: { minimumDocuments?: number; count?: number; chunk?: number } | false;
  /**
   * Keep the text of every file read (default true: the language server compares and re-checks
   * them); false keeps only those with problems, the rest are read again if asked for (batch runs).
   */
  keepTexts?: boolean;
  /** Told how a (re)load goes: files read, records checked (for a progress display). */
  onProgress?: (progress: LoadProgress) => void;
}

/** Where a load is: reading the folder's YAML files, or checking the records that need it. */
export interface LoadProgress {
  phase: 'read' | 'check';
  done: number;
  total: number;
}

/** A campaign folder loaded for checking and aggregation. */
export class CampaignWorkspace {
  private readonly entries = new Map<string, Entry>();
  /** Duplicate-record keys → the files whose records hold them. */
  private readonly identities = new Map<string, Set<string>>();
  /** Files of the folder that could not be read, with their problem. */
  private readonly unreadable = new Map<string, CoreDiagnostic[]>();
  private folderProblems: FileDiagnostic[] = [];
  private campaign!: LoadedCampaign;
  private profileResult: ProfileLoadResult = { problems: [] };
  private registry: CampaignRegistry | undefined;
  private index: RegistryIndex | undefined;
  /** Whether `registry` and `index` reflect the exports (false while a cached run has not needed them). */
  private registryLoaded = false;
  /** The registry figures of the last run, standing in for the exports while they are not loaded. */
  private cachedRegistry: CachedRegistry | undefined;
  private loadFigures = { reused: 0, checked: 0, workers: 0 };
  /** Why the last load did not use the result cache it found (a damaged or untrusted one), if so. */
  private cacheDistrust: CacheDistrust | undefined;
  /** Files of the last load that the index vouched for without reading them. */
  private unreadFiles = 0;
  /** A preview: campaign.yaml and the profile only, for checking one document before the campaign is indexed. */
  private preview = false;

  private constructor(
    readonly root: string,
    readonly locale: Locale,
    private readonly options: WorkspaceOptions,
  ) {}

  /** Opens a campaign folder: scan, campaign.yaml, profile, registries, then every record checked. */
  static async open(root: string, options: WorkspaceOptions): Promise<CampaignWorkspace> {
    const ws = new CampaignWorkspace(path.resolve(root), options.locale, options);
    await ws.reload();
    return ws;
  }

  /**
   * The campaign as far as one document's own checks need it — campaign.yaml and its indicator
   * profile, without scanning the folder or importing the registry: what an editor shows for the
   * document just opened while the campaign is being indexed (its registry and duplicate-record
   * findings follow with the index).
   */
  static async preview(root: string, options: WorkspaceOptions): Promise<CampaignWorkspace> {
    const ws = new CampaignWorkspace(path.resolve(root), options.locale, options);
    ws.preview = true;
    await ws.loadCampaignLevel(false);
    return ws;
  }

  /** Re-reads everything from disk (reusing cached results of unchanged records when the cache is on). */
  async reload(): Promise<void> {
    this.entries.clear();
    this.identities.clear();
    this.unreadable.clear();
    const cacheFile = this.options.cache ? cacheFileOf(this.options.cache, this.root) : undefined;
    this.cacheDistrust = undefined;
    // the registry is imported once the folder is read (or, with a cache, once a record turns out to
    // need it): nothing before needs it, and check workers import their own meanwhile
    await this.loadCampaignLevel(false);
    let cache: CampaignCache | undefined;
    let print = '';
    const scannedAt = Date.now();
    if (cacheFile) {
      let stored;
      [print, stored] = await Promise.all([fingerprint({ locale: this.locale, root: this.root, files: this.dependencyFiles() }), readCache(cacheFile, this.root)]);
      if (stored.cache?.fingerprint === print) cache = stored.cache;
      // a cache that could not be trusted is rebuilt by this run: the user hears of it once
      this.cacheDistrust = stored.distrust;
    }
    // records to check go to worker threads while the folder is still being read, once there are enough
    // (the workers' progress is shown once the reading is done and the number of records to check known)
    let toCheck: number | undefined;
    const progress = this.options.onProgress;
    const onChecked = progress && ((done: number) => toCheck !== undefined && progress({ phase: 'check', done, total: toCheck }));
    const checks = new StreamingChecks(this.workerPlan(), () => this.startPool(onChecked));
    // a load that fails on the way (a folder that vanishes, a registry that cannot be imported) stops its workers too
    try {
      const hashes = new Map<string, string>();
      const index = cache;
      const scan = await scanCampaign(this.root, this.locale, {
        onFile: this.readProgress(),
        allowed: this.options.allowed,
        // an unchanged file (same stamp, written well before the last run read it) is not read again
        // (with a cache every file's stamp is taken, to be stored)
        unchanged: cacheFile ? (file, stamp) => {
          const e = index?.entries.get(this.relative(file));
          return e && unchangedOnDisk(e, stamp, index!.scannedAt) ? { declaredKind: e.declaredKind } : undefined;
        } : undefined,
        onRead: (f) => {
          if (f.read.text === undefined || f.registryFile || f.campaignRoot !== this.root || this.isCampaignFile(f.path)) return;
          if (cacheFile) {
            const hash = hashText(f.read.text);
            hashes.set(f.path, hash);
            if (cache?.entries.get(this.relative(f.path))?.hash === hash) return;
          }
          checks.offer({ file: f.path, text: f.read.text });
        },
      });
      this.folderProblems = scan.problems;
      if (cache) this.cachedRegistry = cache.registry;
      else await this.loadRegistry();
      const registryFiles = new Set(this.registryFileList().map((f) => path.resolve(this.root, f)));
      const documents: Loaded[] = [];
      let misses = 0;
      let unread = 0;
      for (const f of scan.files) {
        if (f.campaignRoot !== undefined && f.campaignRoot !== this.root) continue;
        if (f.registryFile || registryFiles.has(f.path)) continue;
        const cached = cache?.entries.get(this.relative(f.path));
        if (f.unread && cached) {
          unread++;
          const hit = fromCache(cached, cache!.outcomes);
          documents.push({ file: f.path, problems: cached.readProblems, hit, disk: { hash: cached.hash, stamp: f.stamp, declaredKind: f.kind, marked: cached.marked, blob: hit.blob } });
          continue;
        }
        if (f.read.text === undefined) {
          this.unreadable.set(f.path, f.read.problems);
          continue;
        }
        let hit: Checked | undefined;
        let disk: Loaded['disk'];
        if (cacheFile) {
          const hash = hashes.get(f.path) ?? hashText(f.read.text);
          if (cached?.hash === hash) hit = fromCache(cached, cache!.outcomes);
          disk = { hash, stamp: f.stamp, declaredKind: f.kind, marked: f.read.text.includes(SUPPRESSION_MARKER), blob: hit?.blob };
        }
        if (!hit) misses++;
        documents.push({ file: f.path, text: f.read.text, problems: f.read.problems, hit, disk });
      }
      this.loadFigures = { reused: documents.length - misses, checked: misses, workers: 0 };
      this.unreadFiles = unread;
      toCheck = misses;
      if (misses > 0) {
        const [, checked] = await Promise.all([this.loadRegistry(), checks.finish()]);
        // no workers (too few records, none could start, one failed): the loop below checks them here
        if (checked) {
          for (const d of documents) {
            const r = d.hit ? undefined : checked.results.get(d.file);
            if (!r) continue;
            d.hit = { kind: r.check.kind, diagnostics: r.check.diagnostics, keys: r.check.keys, blob: { rest: r.check.rest, outcomes: r.outcomes, base: 0 } };
            if (d.disk) d.disk.blob = d.hit.blob;
          }
          this.loadFigures.workers = checked.workers;
        }
      }
      // in scan order, as without a cache: later checks may look at which files are already in
      let checked = this.loadFigures.workers > 0 ? misses : 0;
      let slice = performance.now();
      for (const d of documents) {
        if (d.hit) this.restore(d.file, d.text, d.problems, d.hit, d.disk, cache?.blobs);
        else {
          this.store(d.file, d.text!, d.problems, false, d.disk);
          if (progress && ++checked % 100 === 0) progress({ phase: 'check', done: checked, total: misses });
        }
        // checking is CPU work: yield now and then, so that a language server keeps answering meanwhile
        if (performance.now() - slice >= LOAD_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
      }
      // duplicates are known once every record is in (their records decoded first: a damaged one is checked again)
      const shared = [...this.entries].filter(([, entry]) => entry.keys.some((k) => (this.identities.get(k)?.size ?? 0) > 1));
      await this.decodeAll(shared.map(([, e]) => e));
      for (const [file] of shared) this.refreshDuplicates(file);
      if (cacheFile && (misses > 0 || !cache || cache.entries.size !== this.entries.size || unread < this.entries.size)) await this.saveCache(cacheFile, print, scannedAt, cache);
      else if (cacheFile) await touchCache(cacheFile);
    } finally {
      checks.cancel();
    }
  }

  /** The scan's per-file callback as read progress, when someone listens. */
  private readProgress(): ((done: number, total: number) => void) | undefined {
    const progress = this.options.onProgress;
    return progress && ((done, total) => progress({ phase: 'read', done, total }));
  }

  /** A localised notice when the last load found a result cache it could not trust (ignored and rebuilt), else undefined. */
  cacheNotice(): string | undefined {
    return this.cacheDistrust && t(this.locale, `workspace.cache.${this.cacheDistrust}`);
  }

  /** Of the documents the last (re)load read: how many the index vouched for without reading them. */
  lastIndex(): { unread: number } {
    return { unread: this.unreadFiles };
  }

  /** Of the documents the last (re)load read: results from the cache, documents checked, worker threads used. */
  lastLoad(): { reused: number; checked: number; workers: number } {
    return { ...this.loadFigures };
  }

  /** campaign.yaml, the profile it names and (unless `withRegistry` is false) its registries. */
  private async loadCampaignLevel(withRegistry = true): Promise<void> {
    const campaign = await loadCampaignConfig(this.root, this.locale);
    const config = campaign.config;
    const effective = this.effective(config);
    const registry = withRegistry && effective ? await loadCampaignRegistry(this.root, effective, this.locale, this.containment()) : undefined;
    // swapped in at once, after the awaits: a document checked meanwhile (a keystroke while a file
    // event reloads the campaign) sees the old campaign whole, never a campaign without its registry
    this.campaign = campaign;
    this.profileResult = effective?.profile ? loadProfile(effective.profile, this.root, { locale: this.locale, containment: this.containment() }) : { problems: [] };
    this.registry = registry;
    this.index = registry && (registry.media || registry.websites) ? new RegistryIndex(registry.media, registry.websites, registry.mapping.matching) : undefined;
    this.registryLoaded = withRegistry;
    this.cachedRegistry = undefined;
  }

  /** Imports the registry exports campaign.yaml names, unless already done (needed by `registryRows`). */
  async loadRegistry(): Promise<void> {
    if (this.registryLoaded) return;
    const config = this.campaign.config;
    const effective = this.effective(config);
    this.registry = effective ? await loadCampaignRegistry(this.root, effective, this.locale, this.containment()) : undefined;
    this.index = this.registry && (this.registry.media || this.registry.websites)
      ? new RegistryIndex(this.registry.media, this.registry.websites, this.registry.mapping.matching)
      : undefined;
    this.registryLoaded = true;
    this.cachedRegistry = undefined;
  }

  /** Campaign-relative paths of the registry exports and mapping file. */
  private registryFileList(): string[] {
    return this.registry?.files ?? this.cachedRegistry?.files ?? [];
  }

  private registryProblems(): CampaignRegistry['problems'] {
    return this.registry?.problems ?? this.cachedRegistry?.problems ?? [];
  }

  /** Every file a record's result depends on besides its own text (the cache's fingerprint). */
  private dependencyFiles(): string[] {
    const files = [this.campaign.file, ...this.profileFiles()];
    for (const p of this.profileResult.problems) if (p.file) files.push(path.resolve(this.root, p.file));
    const r = this.effective(this.campaign.config)?.registries;
    for (const f of [r?.websites, r?.media, r?.mapping]) if (f) files.push(path.resolve(this.root, f));
    return files;
  }

  /** Writes every record's result, as checked before reading problems and duplicates, to the cache. */
  private async saveCache(file: string, print: string, scannedAt: number, cache: CampaignCache | undefined): Promise<void> {
    const previous = cache?.outcomes ?? [];
    const entries = new Map<string, CachedEntry>();
    // The lists of outcomes the blobs kept as they are point into, one after the other: the previous
    // cache's (its entries keep their places), then each check worker's. (No outcome object is in
    // two lists: each list's objects were made or decoded by its own thread.)
    const list: RuleOutcome[] = [...previous];
    const bases = new Map<readonly RuleOutcome[], number>([[previous, 0]]);
    for (const e of this.entries.values()) {
      const blob = e.disk?.blob;
      if (blob && !e.decoded && !bases.has(blob.outcomes)) (bases.set(blob.outcomes, list.length), list.push(...blob.outcomes));
    }
    // a check decoded or made here is serialized again, its new outcomes after those
    const outcomes = new OutcomeTable(list);
    const index = new Map<RuleOutcome, number>(list.map((o, i) => [o, i]));
    for (const [abs, e] of this.entries) {
      if (!e.disk) continue;
      const { hash, stamp, declaredKind, marked, blob } = e.disk;
      const kept = blob && !e.decoded ? blob : undefined;
      const rest = kept ? kept.rest : encodeCheck(e.check, outcomes, index);
      const outcomeBase = kept ? bases.get(kept.outcomes)! + kept.base : 0;
      entries.set(this.relative(abs), { hash, stamp, declaredKind, marked, readProblems: e.own.slice(0, e.readCount), kind: e.kind, diagnostics: e.own.slice(e.readCount), rest, keys: e.keys, ...(outcomeBase > 0 ? { outcomeBase } : {}) });
    }
    const registry: CachedRegistry = this.registryLoaded
      ? {
          files: this.registry?.files ?? [],
          problems: this.registry?.problems ?? [],
          running: this.index ? { website: this.index.runningCount('website'), media: this.index.runningCount('media') } : undefined,
        }
      : this.cachedRegistry ?? { files: [], problems: [] };
    await writeCache(file, { root: this.root, fingerprint: print, scannedAt, registry, entries, outcomes: [...index.keys()] }, cache?.blobs);
  }

  /** Whether this load may check in worker threads: how many records make it worth it, how many workers, how many records a message. */
  private workerPlan(): { minimum: number; count: number; chunk: number } | undefined {
    if (this.options.workers === false) return undefined;
    const defaults = workerSettings();
    const own = this.options.workers;
    return { minimum: own?.minimumDocuments ?? defaults.minimumDocuments, count: own?.count ?? defaults.workers, chunk: own?.chunk ?? defaults.chunk };
  }

  /** Starts the check workers of this campaign, or undefined when none can start. */
  private startPool(onChecked?: (done: number) => void): CheckPool | undefined {
    const overrides: CampaignOverrides = { profile: this.options.profile, registryMapping: this.options.registryMapping, allowed: this.options.allowed };
    return CheckPool.start({ root: this.root, locale: this.locale, overrides }, this.workerPlan()!.count, onChecked);
  }

  /**
   * The campaign's checker as a worker uses it: campaign.yaml, profile and registry loaded once, then
   * documents checked as `open` does, without scanning or keeping them (each text dropped once checked).
   */
  static async checker(root: string, locale: Locale, overrides: CampaignOverrides = {}): Promise<(documents: { file: string; text: string | undefined }[]) => { results: WorkerCheck[]; outcomes: RuleOutcome[] }> {
    const ws = new CampaignWorkspace(path.resolve(root), locale, { ...overrides, locale, workers: false });
    await ws.loadCampaignLevel(true);
    // each check serialized as the cache keeps it, its rule outcomes as indices into this worker's list
    const table = new OutcomeTable();
    const index = new Map<RuleOutcome, number>();
    let sent = 0;
    return (documents) => {
      const results = documents.map((d): WorkerCheck => {
        const { parsed: _tree, ...check } = ws.runChecks(d.file, d.text ?? '');
        // the text is not needed again: let it go
        d.text = undefined;
        const keys = check.record ? recordIdentities(check.record, check.registry?.row).map(identityKey) : [];
        return { kind: check.kind, diagnostics: check.diagnostics, keys, rest: encodeCheck(check, table, index) };
      });
      // the outcomes the list gained with these documents
      const outcomes: RuleOutcome[] = [];
      let i = 0;
      for (const o of index.keys()) if (i++ >= sent) outcomes.push(o);
      sent = index.size;
      return { results, outcomes };
    };
  }

  /** Checks documents as a check worker does (see `checker`), decoded. */
  static async checkDocuments(root: string, locale: Locale, documents: { file: string; text: string | undefined }[], overrides: CampaignOverrides = {}): Promise<StoredCheck[]> {
    const { results, outcomes } = (await CampaignWorkspace.checker(root, locale, overrides))(documents);
    return results.map((r) => decodeCheck(r, outcomes)!);
  }

  /** Keeps a document already checked, from the cache or a worker (the same as `store` without checking it again). */
  private restore(file: string, text: string | undefined, readProblems: CoreDiagnostic[], hit: Checked, disk: Loaded['disk'], blobs?: BlobReader): void {
    const own = readProblems.length > 0 ? [...readProblems, ...hit.diagnostics] : hit.diagnostics;
    for (const k of hit.keys) {
      let set = this.identities.get(k);
      if (!set) this.identities.set(k, (set = new Set()));
      set.add(file);
    }
    const { rest, outcomes, base } = hit.blob;
    const decode = (): StoredCheck | undefined => decodeCheck({ rest, kind: hit.kind, diagnostics: hit.diagnostics, outcomeBase: base }, outcomes, blobs);
    // the text is kept where a later step needs it (suppression comments of a file with problems)
    this.entries.set(file, new Entry(own.length > 0 || this.options.keepTexts !== false ? text : undefined, { decode, recheck: () => this.recheckFromDisk(file) }, hit.kind, own, hit.keys, readProblems.length, disk));
  }

  /** Decodes cached checks; when one is damaged the registry is imported first, for checking it again. */
  private async decodeAll(entries: Iterable<Entry>): Promise<void> {
    let damaged = false;
    for (const e of entries) if (!e.tryDecode()) damaged = true;
    if (damaged) await this.loadRegistry();
  }

  /** A cached result that cannot be decoded: the file checked again from disk. */
  private recheckFromDisk(file: string): StoredCheck {
    const { parsed: _tree, ...check } = this.runChecks(file, this.textOf(file) ?? '');
    return check;
  }

  /** campaign.yaml with the user's overriding settings applied (profile, registry mapping). */
  private effective(config: CampaignConfig | undefined): CampaignConfig | undefined {
    if (!config) return undefined;
    const { profile, registryMapping } = this.options;
    if (!profile && !registryMapping) return config;
    return {
      ...config,
      profile: profile || config.profile,
      registries: registryMapping ? { ...config.registries, mapping: registryMapping } : config.registries,
    };
  }

  /** Where the paths the campaign's files name may lead: its folder and the folders the user allowed. */
  containment(): Containment {
    return { root: this.root, allowed: this.options.allowed ?? [] };
  }

  /** The campaign's configuration, when campaign.yaml is valid. */
  config(): CampaignConfig | undefined {
    return this.campaign.config;
  }

  /** Why campaign.yaml cannot be used (thrown where a configuration is needed and there is none). */
  configError(): CampaignConfigError {
    return new CampaignConfigError(this.campaign.file, this.campaign.diagnostics);
  }

  /** The campaign file (absolute) and where a key path sits in it (the start when it cannot be read). */
  campaignFile(at: NodePath = []): { file: string; range: Range } {
    return { file: this.campaign.file, range: this.campaign.parsed?.rangeOf(at) ?? START };
  }

  /** The resolved indicator profile, when it loaded without errors. */
  profile(): ResolvedProfile | undefined {
    return this.profileResult.profile;
  }

  /** Absolute paths of every record and campaign file, sorted. */
  recordFiles(): string[] {
    return [...this.entries.keys(), ...this.unreadable.keys()].sort();
  }

  /** The last check of a file (its disk text, or the editor buffer last given to checkDocument). */
  checked(file: string): StoredCheck | undefined {
    return this.entries.get(path.resolve(file))?.check;
  }

  /** A file's diagnostics and kind as `checked` gives them, without decoding the rest of a cached check. */
  diagnosticsOf(file: string): { kind?: FileKind; diagnostics: CoreDiagnostic[]; suppressible: boolean } | undefined {
    const e = this.entries.get(path.resolve(file));
    // without a suppression comment in the file its text changes nothing about its diagnostics
    return e ? { kind: e.kind, diagnostics: e.diagnostics, suppressible: e.disk?.marked ?? true } : undefined;
  }

  /** The text the workspace last checked for a file (disk or editor buffer; read from disk when not kept). */
  textOf(file: string): string | undefined {
    const e = this.entries.get(path.resolve(file));
    if (!e) return undefined;
    if (e.text !== undefined) return e.text;
    // the file may have been replaced since it was scanned (by a pipe, a huge file): read as any user file
    const read = readRegularSync(path.resolve(file), RECORD_SIZE_LIMIT);
    return 'bytes' in read ? decodeUserBytes(read.bytes, this.locale).text : undefined;
  }

  /** Problems that belong to no YAML document: registry exports, profiles, the folder scan. */
  outsideProblems(): FileDiagnostic[] {
    const out: FileDiagnostic[] = [...this.folderProblems];
    for (const [file, diags] of this.unreadable) for (const d of diags) out.push({ file, diagnostic: d });
    for (const p of this.registryProblems()) {
      const line = Math.max(0, (p.row ?? 1) - 1);
      const character = Math.max(0, (p.column ?? 1) - 1);
      out.push({
        file: path.resolve(this.root, p.file),
        diagnostic: {
          range: { start: { line, character }, end: { line, character } },
          severity: p.severity === 'error' ? Severity.Error : Severity.Warning,
          code: p.code,
          message: p.message,
          source: 'registry',
        },
      });
    }
    // profile problems in files of their own (a local profile); those of campaign.yaml itself are
    // reported on its `profile` key by checkDocument
    for (const p of this.profileResult.problems) {
      if (p.file && !this.entries.has(path.resolve(p.file)) && !isBuiltIn(p.file)) out.push(p);
    }
    return out;
  }

  /** Checks one document's text (synchronous; the text replaces what the workspace knew of the file). */
  checkDocument(file: string, text: string): DocumentCheck {
    const abs = path.resolve(file);
    const { check } = this.store(abs, text, []);
    return check;
  }

  /**
   * Checks and keeps a document. With `withDuplicates`, the records it shares an identity with
   * (before or after the change) get their duplicate-record diagnostics redone too.
   */
  private store(file: string, text: string, readProblems: CoreDiagnostic[], withDuplicates = true, disk?: Loaded['disk']): { entry: Entry; check: DocumentCheck; touched: string[] } {
    const old = this.entries.get(file);
    const touched = new Set<string>();
    if (old) {
      for (const k of old.keys) for (const f of this.identities.get(k) ?? []) touched.add(f);
      this.dropIdentities(file, old.keys);
    }
    const check = this.runChecks(file, text);
    if (readProblems.length > 0) check.diagnostics.unshift(...readProblems);
    const keys = check.record ? recordIdentities(check.record, check.registry?.row).map(identityKey) : [];
    for (const k of keys) {
      let set = this.identities.get(k);
      if (!set) this.identities.set(k, (set = new Set()));
      set.add(file);
      for (const f of set) touched.add(f);
    }
    const { parsed, ...slim } = check;
    // in batch runs a file read from disk keeps its text only when a later step needs it (suppression
    // comments of a file with problems); an editor's buffer is always kept (it is not what the disk holds)
    const keep = !disk || this.options.keepTexts !== false || check.diagnostics.length > 0;
    const entry = new Entry(keep ? text : undefined, slim, check.kind, check.diagnostics, keys, readProblems.length, disk);
    this.entries.set(file, entry);
    this.unreadable.delete(file);
    touched.delete(file);
    if (withDuplicates) {
      check.diagnostics = this.withDuplicates(file, entry, parsed);
      entry.setDiagnostics(check.diagnostics);
      for (const f of touched) this.refreshDuplicates(f);
    }
    return { entry, check, touched: [...touched] };
  }

  /** Redoes a stored record's duplicate-record diagnostics (another file changed). */
  private refreshDuplicates(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    entry.setDiagnostics(this.withDuplicates(file, entry));
  }

  /** The entry's own diagnostics plus the duplicate-record one, if another record is the same account. */
  private withDuplicates(file: string, entry: Entry, parsed?: ParsedYaml): CoreDiagnostic[] {
    const dup = this.duplicateIssue(file, entry.check);
    if (!dup || !entry.check.record) return entry.own;
    const tree = parsed ?? parseYaml(this.textOf(file) ?? '');
    return [...entry.own, ...registryDiagnostics(tree, entry.check.record, { status: 'not-applicable' }, [dup], this.locale)].sort(byPosition);
  }

  private dropIdentities(file: string, keys: string[]): void {
    for (const k of keys) {
      const set = this.identities.get(k);
      set?.delete(file);
      if (set?.size === 0) this.identities.delete(k);
    }
  }

  /** Another record of the campaign for the same account or site (same rules as `duplicateRecords`). */
  private duplicateIssue(file: string, check: StoredCheck): RegistryIssue | undefined {
    if (!check.record) return undefined;
    const idents = recordIdentities(check.record, check.registry?.row);
    const others = new Set<string>();
    let field: RegistryIssue['field'] | undefined;
    for (const ident of idents) {
      for (const other of this.identities.get(identityKey(ident)) ?? []) {
        if (other === file) continue;
        const o = this.entries.get(other)?.check.record;
        if (ident.id && o?.kind === 'media' && o.accountId && o.accountId.trim() && normaliseAccountId(o.accountId) !== ident.id) continue;
        others.add(other);
        field ??= ident.field;
      }
    }
    if (others.size === 0) return undefined;
    return { code: REGISTRY_CODES.duplicateRecord, field: field!, others: [...others].map((f) => this.relative(f)).sort() };
  }

  private runChecks(file: string, text: string): DocumentCheck {
    // a programming error, not a user's: reconciling without the exports would report every record unregistered
    if (!this.registryLoaded && !this.preview && this.campaign.config?.registries) throw new Error('CampaignWorkspace: loadRegistry() must be awaited before checking a record');
    try {
      return this.checkOne(file, text);
    } catch (e) {
      // should a record ever trip the tool, the message names the record, never a folder or the campaign
      throw new RecordProcessingError(this.relative(file), e, this.locale);
    }
  }

  private checkOne(file: string, text: string): DocumentCheck {
    const base = checkText(file, text, this.locale, { campaignRoot: this.root, campaign: this.campaign.config });
    const check: DocumentCheck = { parsed: base.parsed, kind: base.kind, diagnostics: base.diagnostics };
    const value = base.parsed.value;
    // a document the YAML parser could not read fully holds a partial value: judging it would only
    // add noise next to the syntax error that must be fixed first
    const unreadable = base.parsed.errors.length > 0 || base.parsed.conversionError !== undefined;
    if (!unreadable && (base.kind === 'website' || base.kind === 'media') && value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as InspectionRecord;
      check.record = record;
      const profile = this.profileResult.profile;
      if (profile) {
        const evaluation = evaluateRecord(record, profile, this.locale);
        check.result = evaluation;
        check.diagnostics.push(...ruleDiagnostics(evaluation, base.parsed, base.diagnostics));
      }
      if (this.index && typeof record.name === 'string') {
        const rec = reconcileRecord(this.index, record);
        check.reconciliation = rec;
        check.registry = rec.outcome;
        check.diagnostics.push(...registryDiagnostics(base.parsed, record, rec.outcome, rec.issues, this.locale, rec.reasons));
      }
    } else if (base.kind === 'campaign' && this.isCampaignFile(file)) {
      check.diagnostics.push(...this.campaignLevelDiagnostics(base.parsed));
    } else if (base.kind === 'profile' && !base.diagnostics.some((d) => d.severity === Severity.Error)) {
      // syntax and schema are the document's own diagnostics already: the profile adds its meaning
      // (extends, references, patterns), one diagnostic per mistake
      const loaded = loadProfileText(file, text, { locale: this.locale, containment: this.containment() });
      for (const p of loaded.problems) if (path.resolve(p.file) === file) check.diagnostics.push(p.diagnostic);
    }
    check.diagnostics.sort(byPosition);
    return check;
  }

  private isCampaignFile(file: string): boolean {
    return CAMPAIGN_FILE_NAMES.some((n) => path.join(this.root, n) === file);
  }

  /** Problems of the profile and registries that campaign.yaml names, on the keys naming them. */
  private campaignLevelDiagnostics(parsed: ParsedYaml): CoreDiagnostic[] {
    const out: CoreDiagnostic[] = [];
    // a profile that gives no points decides portals on vetoes alone: said once here, not on every portal
    const gaps = this.profileResult.profile && profileScoreGaps(this.profileResult.profile, this.locale);
    if (gaps) out.push({ range: parsed.rangeOf(['profile']), severity: Severity.Hint, code: VERDICT_CODES.noScore, message: gaps.message, source: 'rule' });
    for (const p of this.profileResult.problems) {
      // a profile inside the campaign folder carries its problems itself (as a record, or listed outside)
      const inOwnFile = p.file && isInside(path.resolve(p.file), this.root) && !isBuiltIn(p.file);
      if (inOwnFile || p.diagnostic.severity !== Severity.Error) continue;
      out.push({ ...p.diagnostic, range: parsed.rangeOf(['profile']), message: p.file && !isBuiltIn(p.file) ? `${this.relative(p.file)}: ${p.diagnostic.message}` : p.diagnostic.message });
    }
    for (const p of this.registryProblems()) {
      if (p.severity !== 'error' || p.row !== undefined) continue; // row problems are listed against the export
      const key = registryKeyOf(this.campaign.config, p.file);
      out.push({ range: parsed.rangeOf(key ? ['registries', key] : ['registries']), severity: Severity.Error, code: p.code, message: p.message, source: 'registry' });
    }
    return out;
  }

  /** A file changed on disk: reload what depends on it and say which records need checking again. */
  async fileChanged(file: string, change: FileChange): Promise<{ recheck: 'all' | string[] }> {
    const abs = path.resolve(file);
    const rel = this.relative(abs);
    const campaignLevel =
      this.isCampaignFile(abs) ||
      this.registryFileList().includes(rel) ||
      this.profileFiles().has(abs);
    if (campaignLevel) {
      const texts = new Map<string, string>();
      for (const [f, e] of this.entries) {
        const text = e.text ?? (await readUserText(f, this.locale)).text;
        if (text !== undefined) texts.set(f, text);
      }
      await this.loadCampaignLevel();
      if (this.isCampaignFile(abs) && change !== 'deleted') {
        const read = await readUserText(abs, this.locale);
        if (read.text !== undefined) texts.set(abs, read.text);
      }
      this.entries.clear();
      this.identities.clear();
      for (const [f, text] of texts) if (!(change === 'deleted' && f === abs)) this.store(f, text, [], false);
      for (const f of this.entries.keys()) this.refreshDuplicates(f);
      return { recheck: 'all' };
    }
    if (!/\.ya?ml$/i.test(abs) || rel.startsWith('..')) return { recheck: [] };
    const affected = new Set<string>([abs]);
    const old = this.entries.get(abs);
    if (change === 'deleted' || (change !== 'created' && !old && !this.unreadable.has(abs) && !(await exists(abs)))) {
      if (old) {
        const touched = new Set<string>();
        for (const k of old.keys) for (const f of this.identities.get(k) ?? []) touched.add(f);
        this.dropIdentities(abs, old.keys);
        this.entries.delete(abs);
        for (const f of touched) if (f !== abs) (this.refreshDuplicates(f), affected.add(f));
      }
      this.unreadable.delete(abs);
    } else {
      await this.loadRegistry();
      const read = await readUserText(abs, this.locale);
      if (read.text === undefined) {
        if (old) this.dropIdentities(abs, old.keys);
        this.entries.delete(abs);
        this.unreadable.set(abs, read.problems);
      } else {
        for (const f of this.store(abs, read.text, read.problems).touched) affected.add(f);
      }
    }
    return { recheck: [...affected].sort() };
  }

  /** Whether a file is one the workspace checks (a record, campaign.yaml, a profile …). */
  hasFile(file: string): boolean {
    const abs = path.resolve(file);
    return this.entries.has(abs) || this.unreadable.has(abs);
  }

  private profileFiles(): Set<string> {
    const files = new Set<string>();
    for (const p of this.profileResult.profile?.files ?? []) files.add(path.resolve(p));
    const ref = this.effective(this.campaign.config)?.profile;
    if (ref && /\.ya?ml$/i.test(ref)) files.add(path.resolve(this.root, ref));
    return files;
  }

  /** Registry rows of one kind, for completing accounts and sites (after `loadRegistry` with the cache on). */
  registryRows(kind: RecordKind): RegistryRowRef[] {
    const table = kind === 'media' ? this.registry?.media : this.registry?.websites;
    return table?.rows.map((r) => r.ref) ?? [];
  }

  /**
   * The running rows of a kind as mapped values, a media row's platform made canonical (after
   * `loadRegistry`); null without that registry export.
   */
  runningRegistryRows(kind: RecordKind): Record<string, string>[] | null {
    const rows = this.index?.runningRows(kind);
    return rows ? rows.map((r) => (r.platform ? { ...r.ref.values, platform: r.platform } : { ...r.ref.values })) : null;
  }

  /** Registry figures: population, unregistered and how many of those fail content assurance. */
  counts(): RegistryCounts {
    const records = this.analysedRecords();
    const running = this.cachedRegistry?.running;
    return registryCounts(
      // the running counts of the last run stand in for exports a cached run did not import
      this.index ?? (running ? { runningCount: (kind) => running[kind] } : undefined),
      records.map((r) => ({ record: r.record, outcome: r.registry })),
      this.campaign.config?.population,
      (_record, i) => records[i].result.verdict === 'fail',
    );
  }

  private analysedRecords(): AnalysedRecord[] {
    const out: AnalysedRecord[] = [];
    for (const [file, e] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const c = e.check;
      if (!c.record || (c.kind !== 'website' && c.kind !== 'media')) continue;
      out.push({
        file: this.relative(file),
        record: c.record,
        result: c.result ?? { verdict: 'undetermined', reasons: [t(this.locale, 'workspace.noProfile')], hits: [], score: null },
        registry: c.registry ?? { status: 'not-applicable' },
      });
    }
    return out;
  }

  /**
   * The whole campaign analysed: what the bulletin, the status bar and the dashboard aggregate; with
   * the campaign its `previous` names (unless `withPrevious` is false here or in the options), which
   * must lead inside the campaign or a folder the user allowed, and not be the campaign itself.
   */
  async analyse(withPrevious = true): Promise<AnalysedCampaign> {
    const config = this.campaign.config;
    if (!config) throw this.configError();
    await this.decodeAll(this.entries.values());
    const counts = this.counts();
    const analysed: AnalysedCampaign = {
      root: this.root,
      config,
      records: this.analysedRecords(),
      population: { websites: counts.websites.population, media: counts.media.population },
    };
    if (config.previous && withPrevious && this.options.withPrevious !== false) {
      const refuse = (code: string, key: 'workspace.previousMissing' | 'workspace.previousOutside' | 'workspace.previousSelf'): CampaignConfigError =>
        new CampaignConfigError(this.campaign.file, [{
          range: this.campaign.parsed?.rangeOf(['previous']) ?? START,
          severity: Severity.Error, code, source: 'campaign',
          message: t(this.locale, key, { folder: config.previous }),
        }]);
      const where = await resolveContained(config.previous, this.root, this.containment());
      if (where.status === 'outside') throw refuse(SCHEMA_CODES.outsideCampaign, 'workspace.previousOutside');
      const prevRoot = where.path;
      const exists = where.status === 'inside' && (await isCampaignFolder(prevRoot));
      if (!exists) throw refuse(FOLDER_CODES.previousMissing, 'workspace.previousMissing');
      if (await sameFolder(prevRoot, this.root)) throw refuse(FOLDER_CODES.previousSelf, 'workspace.previousSelf');
      const prev = await CampaignWorkspace.open(prevRoot, { locale: this.locale, withPrevious: false, cache: this.options.cache, allowed: this.options.allowed });
      analysed.previous = await prev.analyse();
    }
    return analysed;
  }

  /** Path relative to the campaign root with `/` separators. */
  relative(file: string): string {
    const rel = plainBelow(file, this.root) ?? path.relative(this.root, file);
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
}

/** The tool failed on one file: the message says which (relative to the campaign) and how. */
export class RecordProcessingError extends Error {
  constructor(readonly file: string, override readonly cause: unknown, locale: Locale) {
    super(t(locale, 'workspace.internal', { file, message: cause instanceof Error ? cause.message : String(cause) }));
    if (cause instanceof Error && cause.stack) this.stack = `${this.message}\n${cause.stack}`;
  }
}

/** campaign.yaml is missing or invalid: nothing can be aggregated. */
export class CampaignConfigError extends Error {
  constructor(readonly file: string, readonly diagnostics: CoreDiagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; ') || file);
  }
}

function byPosition(a: CoreDiagnostic, b: CoreDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Whether a file is one of the profiles shipped with the tool (not the user's to fix). */
function isBuiltIn(file: string): boolean {
  return path.dirname(path.resolve(file)) === resourcePath('profiles');
}

function registryKeyOf(config: CampaignConfig | undefined, file: string): 'websites' | 'media' | 'mapping' | undefined {
  const r = config?.registries;
  if (!r) return undefined;
  const norm = (p?: string): string | undefined => p?.split(path.sep).join('/').replace(/^\.\//, '');
  if (norm(r.websites) === file) return 'websites';
  if (norm(r.media) === file) return 'media';
  if (norm(r.mapping) === file) return 'mapping';
  return undefined;
}

/** Whether two paths are the same folder (on disk: through links too). */
export async function sameFolder(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([fs.realpath(a).catch(() => path.resolve(a)), fs.realpath(b).catch(() => path.resolve(b))]);
  return ra === rb;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/** What the index keeps of a file read from disk: its hash, stamp, declared kind, suppression marker and serialized check. */
interface DiskInfo {
  hash: string;
  stamp?: FileStamp;
  declaredKind?: string;
  /** The text holds `inspection-disable-` (a suppression comment may apply). */
  marked: boolean;
  /** The check as the cache or a worker serialized it, written as it is while it is not decoded. */
  blob?: StoredBlob;
}

/** A serialized check and the list of rule outcomes its indices point into (from `base` on). */
interface StoredBlob {
  rest: CachedEntry['rest'];
  outcomes: readonly RuleOutcome[];
  base: number;
}

/** A document of a load: read (text) or vouched for by the index (no text), with its cached or worker result. */
interface Loaded {
  file: string;
  text?: string;
  problems: CoreDiagnostic[];
  hit?: Checked;
  disk?: DiskInfo;
}

/** A check made before (cached, or by a worker): what `restore` keeps at once, the rest serialized. */
interface Checked {
  kind: CachedEntry['kind'];
  diagnostics: CachedEntry['diagnostics'];
  keys: string[];
  blob: StoredBlob;
}

/** A cached entry as a check made before, its outcome indices into `outcomes`. */
function fromCache(entry: CachedEntry, outcomes: readonly RuleOutcome[]): Checked {
  return { kind: entry.kind, diagnostics: entry.diagnostics, keys: entry.keys, blob: { rest: entry.rest, outcomes, base: entry.outcomeBase ?? 0 } };
}

/**
 * The records of a load that need checking, as the folder read finds them: held until there are
 * enough to start worker threads, then sent a chunk at a time while the reading goes on.
 */
class StreamingChecks {
  private pending: CheckDocument[] = [];
  private offered = 0;
  private pool: CheckPool | undefined;
  private poolFailed = false;

  constructor(
    private readonly plan: { minimum: number; count: number; chunk: number } | undefined,
    private readonly start: () => CheckPool | undefined,
  ) {}

  /** A record to check. */
  offer(document: CheckDocument): void {
    if (!this.plan || this.poolFailed) return;
    this.pending.push(document);
    this.offered++;
    if (!this.pool && this.offered >= this.plan.minimum) {
      this.pool = this.start();
      if (!this.pool) return void ((this.poolFailed = true), (this.pending = []));
    }
    if (this.pool && this.pending.length >= this.plan.chunk) this.flush();
  }

  private flush(): void {
    this.pool!.submit(this.pending);
    this.pending = [];
  }

  /** The workers' checks by file and how many workers there were; undefined when no workers checked (too few records, none could start, one failed). */
  async finish(): Promise<{ results: Map<string, PooledCheck>; workers: number } | undefined> {
    if (!this.pool) return undefined;
    if (this.pending.length > 0) this.flush();
    const results = await this.pool.finish();
    return results && { results, workers: Math.min(this.plan!.count, results.size) };
  }

  /** Stops any workers still running (nothing needed checking after all, or the load failed). */
  cancel(): void {
    this.pool?.close();
  }
}
