// The campaigns the server holds open, one view per campaign folder (opened on first use), the
// schema-only view for files outside any campaign, the problems each campaign has outside its YAML
// documents, and which files a change on disk makes stale.
import * as path from 'node:path';
import { isInside } from '../core/actions/language';
import type { CoreDiagnostic, FileChange, Locale } from '../core/model';
import { isCampaignFileName } from '../../../shared/campaignFiles';
import type { WorkspaceView } from './workspaceView';

export interface CampaignViewsHost<V extends WorkspaceView> {
  openWorkspace(root: string): Promise<V>;
  /** A quick view of a campaign (its settings and profile, no index) for documents opened before it is ready. */
  previewWorkspace?(root: string): Promise<WorkspaceView>;
  /** A campaign finished opening: documents checked with its preview are checked again. */
  opened?(root: string): void;
  schemaOnly(locale: Locale): WorkspaceView;
  /** The nearest campaign folder at or above a file, if any. */
  findCampaignRoot(fileOrFolder: string): Promise<string | undefined>;
  /** Campaign folders at or below a workspace folder. */
  findCampaignRoots(folder: string): Promise<string[]>;
  /** A campaign could not be opened: tell the user. */
  openFailed(root: string, error: unknown): void;
  locale(): Locale;
}

/** What a change on disk means for the files with diagnostics. */
export interface ChangeEffect {
  /** Campaign files whose records must be checked again (open or not). */
  files: Set<string>;
  /** Campaigns whose every open document must be checked again. */
  wholeCampaigns: Set<string>;
  /** Campaigns whose figures may have changed. */
  touched: Set<string>;
  /** Campaigns newly opened (a campaign.yaml appeared) or dropped (one was deleted). */
  opened: string[];
  dropped: string[];
}

export class CampaignViews<V extends WorkspaceView> {
  private readonly views = new Map<string, Promise<V | undefined>>();
  /** Campaigns whose opening has finished (their view answers at once). */
  private readonly ready = new Set<string>();
  private readonly previews = new Map<string, Promise<WorkspaceView | undefined>>();
  private schemaOnlyView: WorkspaceView | undefined;
  private readonly rootCache = new Map<string, string | undefined>();
  /** Per campaign: problems outside its YAML documents, by file. */
  private readonly outside = new Map<string, Map<string, CoreDiagnostic[]>>();

  constructor(private readonly host: CampaignViewsHost<V>) {}

  /** The schema-only view (files outside any campaign). */
  schemaOnly(): WorkspaceView {
    return (this.schemaOnlyView ??= this.host.schemaOnly(this.host.locale()));
  }

  /** The campaign view of a folder, opened on first use; undefined when it could not be opened. */
  campaign(root: string): Promise<V | undefined> {
    let view = this.views.get(root);
    if (!view) {
      view = this.host.openWorkspace(root).then(
        (v) => {
          if (this.views.get(root) === view) {
            this.ready.add(root);
            this.previews.delete(root);
            this.host.opened?.(root);
          }
          return v;
        },
        (e: unknown) => {
          this.host.openFailed(root, e);
          return undefined;
        },
      );
      this.views.set(root, view);
    }
    return view;
  }

  /** The campaign view of a file, or the schema-only view. */
  async viewFor(file: string): Promise<WorkspaceView> {
    const root = await this.rootOf(file);
    return (root ? await this.campaign(root) : undefined) ?? this.schemaOnly();
  }

  /**
   * The view to check an open document with now: its campaign's when that is ready; else (the
   * campaign is still being indexed) a preview of it, so that the document's own problems are shown
   * at once, and its campaign's when it is ready (the host hears `opened`).
   */
  async viewNow(file: string): Promise<WorkspaceView> {
    const root = await this.rootOf(file);
    if (!root) return this.schemaOnly();
    const full = this.campaign(root);
    if (this.ready.has(root) || !this.host.previewWorkspace) return (await full) ?? this.schemaOnly();
    let preview = this.previews.get(root);
    if (!preview) {
      preview = this.host.previewWorkspace(root).catch(() => undefined);
      this.previews.set(root, preview);
    }
    // whichever answers first: a campaign that opens at once (cached) needs no preview
    return (await Promise.race([full, preview])) ?? (await preview) ?? (await full) ?? this.schemaOnly();
  }

  /** The campaign folder a file belongs to: the nearest known campaign, else the nearest above it. */
  async rootOf(file: string): Promise<string | undefined> {
    let best: string | undefined;
    for (const root of this.views.keys()) if (isInside(file, root) && (!best || root.length > best.length)) best = root;
    if (best) return best;
    const dir = path.dirname(file);
    if (this.rootCache.has(dir)) return this.rootCache.get(dir);
    const found = await this.host.findCampaignRoot(dir);
    this.rootCache.set(dir, found);
    return found;
  }

  /** The campaign folders of workspace folders: the campaign holding each, else those below it. */
  async rootsOf(folders: string[]): Promise<string[]> {
    const roots: string[] = [];
    for (const folder of folders) {
      const above = await this.host.findCampaignRoot(folder);
      if (above) roots.push(above);
      else roots.push(...(await this.host.findCampaignRoots(folder)));
    }
    return [...new Set(roots)];
  }

  roots(): string[] {
    return [...this.views.keys()];
  }

  has(root: string): boolean {
    return this.views.has(root);
  }

  /** Closes every campaign (the settings or the locale changed); returns their folders. */
  closeAll(): string[] {
    const roots = this.roots();
    this.views.clear();
    this.ready.clear();
    this.previews.clear();
    this.schemaOnlyView = undefined;
    return roots;
  }

  /** Closes one campaign. */
  drop(root: string): void {
    this.views.delete(root);
    this.ready.delete(root);
    this.previews.delete(root);
    this.outside.delete(root);
    this.rootCache.clear();
  }

  /** Problems of a campaign's files that are no YAML document of it (exports, profiles, unreadable files). */
  outsideOf(root: string, file: string): CoreDiagnostic[] {
    return this.outside.get(root)?.get(file) ?? [];
  }

  /** Every file of a campaign that has a report: its records and the files holding outside problems. */
  filesOf(view: WorkspaceView): Set<string> {
    return new Set([...view.recordFiles(), ...(this.outside.get(view.root)?.keys() ?? [])]);
  }

  /** Re-reads the problems the campaign has outside its YAML documents; returns the files whose set changed. */
  refreshOutside(view: WorkspaceView): string[] {
    const before = this.outside.get(view.root) ?? new Map<string, CoreDiagnostic[]>();
    const after = new Map<string, CoreDiagnostic[]>();
    for (const { file, diagnostic } of view.outsideProblems?.() ?? []) {
      const list = after.get(file) ?? [];
      list.push(diagnostic);
      after.set(file, list);
    }
    this.outside.set(view.root, after);
    const changed: string[] = [];
    for (const file of new Set([...before.keys(), ...after.keys()])) {
      if (JSON.stringify(before.get(file) ?? []) !== JSON.stringify(after.get(file) ?? [])) changed.push(file);
    }
    return changed;
  }

  /**
   * Files changed on disk: each campaign concerned reloads what depends on them. A campaign file
   * that appears opens its campaign (the caller indexes it); one that is deleted drops it.
   */
  async filesChanged(changes: { file: string; change: FileChange }[]): Promise<ChangeEffect> {
    const effect: ChangeEffect = { files: new Set(), wholeCampaigns: new Set(), touched: new Set(), opened: [], dropped: [] };
    for (const { file, change } of changes) {
      this.rootCache.clear();
      if (isCampaignFileName(file)) {
        const root = path.dirname(file);
        if (change === 'deleted') {
          this.drop(root);
          effect.dropped.push(root);
          continue;
        }
        if (!this.views.has(root)) {
          effect.opened.push(root);
          continue;
        }
      }
      for (const [root, pending] of [...this.views]) {
        const view = await pending;
        if (!view) continue;
        // a file outside every campaign may still be named by one (a shared registry export)
        const owner = await this.rootOf(file);
        if (owner && owner !== root) continue;
        const before = this.filesOf(view);
        const { recheck } = await view.fileChanged(file, change);
        const outsideChanged = this.refreshOutside(view);
        const targets = recheck === 'all' ? [...new Set([...before, ...this.filesOf(view)])] : [...new Set([...recheck, ...outsideChanged])];
        if (targets.length > 0) effect.touched.add(root);
        for (const f of targets) effect.files.add(f);
        if (recheck === 'all') effect.wholeCampaigns.add(root);
      }
    }
    return effect;
  }
}

export { isInside };
