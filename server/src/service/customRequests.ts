// The server side of the custom requests of protocol.ts (status bar, dashboard, bulletin, 补报 list,
// new record, re-check): each one a function from its params to its result, over the campaign
// workspace the session keeps open. Failures are ResponseErrors carrying a localised sentence
// (with file:line:column when it is about an input), as the protocol asks.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver';
import { aggregateCampaign } from '../core/bulletin/aggregate';
import type { BulletinModel, KindFigures as ModelKindFigures, RecheckFigures } from '../core/bulletin/bulletinModel';
import { BulletinSettingsError, resolveSettings } from '../core/bulletin/settings';
import { periodText } from '../core/bulletin/wording';
import { writeBulletin } from '../core/bulletin/writeBulletin';
import { CAMPAIGN_FILE_NAMES, DEFAULT_OUTPUT } from '../core/campaign/campaignFolder';
import { CampaignConfigError, CampaignWorkspace } from '../core/campaign/workspace';
import { writeFileAtomic } from '../core/io/atomicWrite';
import { containedOutputFolder } from '../core/io/outputFolder';
import { fileErrorMessage } from '../core/io/fileErrors';
import type { AnalysedCampaign, CoreDiagnostic, IsoDate, Locale, RecordKind, RegistryRowRef } from '../core/model';
import { canonicalPlatform } from '../core/registry/normalise';
import { supplementCsv, supplementFileBase, supplementXlsx } from '../core/registry/supplementExport';
import { supplementList } from '../core/registry/supplementList';
import { parseYaml } from '../core/yaml/yamlDocument';
import type {
  CampaignSummary,
  CampaignSummaryParams,
  ExportSupplementParams,
  ExportSupplementResult,
  Figures,
  GenerateBulletinParams,
  GenerateBulletinResult,
  IndicatorFailures,
  InspectionSettings,
  KindFigures,
  NewRecordSkeleton,
  NewRecordSkeletonParams,
  RecheckPreviousParams,
  RecheckPreviousResult,
  RecheckSummary,
  RegionFigures,
  RegistryEntriesParams,
  RegistryEntriesResult,
  RegistryEntry,
  RegistryFigures,
} from '../protocol';
import { setValueEdit, yamlScalar } from './edits';
import { fileToUri, uriToFile } from './fileUri';
import type { LspClient } from './lspClient';
import { ruleName, ruleOf } from './profileRules';
import { shippedSchemas } from './schemaAccess';
import { serviceText } from './serviceText';
import type { WorkspaceView } from './workspaceView';

/** What the requests need from the session. */
export interface RequestHost {
  readonly locale: Locale;
  settings(): InspectionSettings;
  campaignView(root: string): Promise<WorkspaceView | undefined>;
  campaignProblems(root: string): Promise<{ errors: number; warnings: number; filesWithErrors: number }>;
  today(): IsoDate;
}

function fail(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

/** `campaign.yaml:12:5 message` lines of a configuration error. */
function located(file: string, root: string, diagnostics: CoreDiagnostic[]): string {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return diagnostics.map((d) => `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n');
}

/** The campaign of a `campaignUri`, open in the session. */
async function workspaceOf(host: RequestHost, campaignUri: string): Promise<CampaignWorkspace> {
  const root = uriToFile(campaignUri);
  if (!root || !CAMPAIGN_FILE_NAMES.some((n) => existsSync(path.join(root, n)))) {
    fail(serviceText(host.locale, 'request.notCampaign', { folder: root ?? campaignUri }));
  }
  const ws = await host.campaignView(root);
  if (!(ws instanceof CampaignWorkspace)) fail(serviceText(host.locale, 'request.notCampaign', { folder: root }));
  return ws;
}

/** The campaign analysed, or a located error when campaign.yaml cannot be used. */
async function analysed(host: RequestHost, ws: CampaignWorkspace): Promise<AnalysedCampaign> {
  try {
    return await ws.analyse();
  } catch (e) {
    if (e instanceof CampaignConfigError) fail(serviceText(host.locale, 'request.campaignInvalid', { detail: located(e.file, ws.root, e.diagnostics) }));
    throw e;
  }
}

function campaignFileRef(root: string): { path: string; display: string } {
  const name = CAMPAIGN_FILE_NAMES.find((n) => existsSync(path.join(root, n))) ?? CAMPAIGN_FILE_NAMES[0];
  return { path: path.join(root, name), display: name };
}

/** The bulletin model: what the status bar, the dashboard and the bulletin all count. */
function modelOf(host: RequestHost, c: AnalysedCampaign): BulletinModel {
  try {
    return aggregateCampaign(c, resolveSettings(c.config.bulletin, host.locale, campaignFileRef(c.root)));
  } catch (e) {
    if (e instanceof BulletinSettingsError) fail(e.message);
    throw e;
  }
}

function figures(checked: number, failed: number, undetermined: number, rateText: string | null): Figures {
  return { checked, failed, undetermined, rate: checked > 0 ? (checked - failed) / checked : null, rateText };
}

function kindFigures(f: ModelKindFigures): KindFigures {
  return {
    ...figures(f.checked, f.failed, f.undetermined, f.passRate ? `${f.passRate.text}%` : null),
    population: f.population,
    samplingRatio: f.population ? f.checked / f.population : null,
    samplingRatioText: f.samplingRatio ? `${f.samplingRatio.text}%` : null,
  };
}

/** Rows of one breakdown of a kind, by key. */
function breakdownRows(f: ModelKindFigures, by: 'region' | 'platform'): Map<string, Figures> {
  const rows = new Map<string, Figures>();
  for (const r of f.breakdowns.find((b) => b.by === by)?.rows ?? []) rows.set(r.key, figures(r.checked, r.failed, 0, r.passRate ? `${r.passRate.text}%` : null));
  return rows;
}

const EMPTY: Figures = { checked: 0, failed: 0, undetermined: 0, rate: null, rateText: null };

/** `inspection/campaignSummary`. */
export async function campaignSummary(host: RequestHost, params: CampaignSummaryParams): Promise<CampaignSummary> {
  const ws = await workspaceOf(host, params.campaignUri);
  const c = await analysed(host, ws);
  const m = modelOf(host, c);
  const websiteRegions = breakdownRows(m.websites, 'region');
  const mediaRegions = breakdownRows(m.media, 'region');
  const byRegion: RegionFigures[] = [...new Set([...websiteRegions.keys(), ...mediaRegions.keys()])].map((region) => ({
    region,
    websites: websiteRegions.get(region) ?? EMPTY,
    media: mediaRegions.get(region) ?? EMPTY,
  }));
  const byPlatform = [...breakdownRows(m.media, 'platform')].map(([platform, media]) => ({ platform, media }));
  const failures = new Map<string, IndicatorFailures>();
  const profile = ws.profile();
  for (const r of c.records) {
    if (r.result.verdict !== 'fail') continue;
    for (const ruleId of new Set(r.result.hits.filter((h) => h.kind === 'veto').map((h) => h.ruleId))) {
      const key = `${r.record.kind}:${ruleId}`;
      const rule = ruleOf(profile, ruleId);
      const entry = failures.get(key) ?? { ruleId, title: rule ? ruleName(rule, host.locale) : ruleId, kind: r.record.kind, records: 0 };
      entry.records++;
      failures.set(key, entry);
    }
  }
  const counts = ws.counts();
  const registry: RegistryFigures = {
    unregistered: counts.websites.unregistered + counts.media.unregistered,
    unregisteredFailing: (counts.websites.unregisteredFailing ?? 0) + (counts.media.unregisteredFailing ?? 0),
    nearMiss: counts.websites.nearMiss + counts.media.nearMiss,
    closedButActive: counts.websites.closedActive + counts.media.closedActive,
    configured: !!(c.config.registries?.media || c.config.registries?.websites),
  };
  return {
    campaignUri: params.campaignUri,
    title: periodText(m.settings, m.campaign),
    issuer: c.config.issuer,
    checkWindow: c.config.checkWindow,
    websites: kindFigures(m.websites),
    media: kindFigures(m.media),
    byRegion,
    byPlatform,
    failuresByIndicator: [...failures.values()].sort((a, b) => b.records - a.records || a.ruleId.localeCompare(b.ruleId)),
    registry,
    recheck: recheckSummary(c, m),
    problems: await host.campaignProblems(ws.root),
  };
}

function recheckSummary(c: AnalysedCampaign, m: BulletinModel): RecheckSummary | null {
  if (!m.recheck || !c.previous) return null;
  const items: RecheckSummary['items'] = [];
  const push = (f: RecheckFigures): void => {
    for (const e of f.stillFailing) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'still-failing', uri: fileToUri(path.join(c.root, e.file)) });
    for (const e of f.fixed) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'fixed', uri: fileToUri(path.join(c.root, e.file)) });
    for (const e of f.notRechecked) items.push({ name: e.name, kind: e.kind, platform: e.platform, region: e.region, status: 'not-rechecked' });
  };
  push(m.recheck.websites);
  push(m.recheck.media);
  const both = [m.recheck.websites, m.recheck.media];
  const sum = (pick: (f: RecheckFigures) => unknown[]): number => both.reduce((s, f) => s + pick(f).length, 0);
  return {
    previousUri: fileToUri(c.previous.root),
    previousTitle: periodText(m.settings, { ...c.previous.config.period }),
    previouslyFailed: sum((f) => f.previousFailed),
    fixed: sum((f) => f.fixed),
    stillFailing: sum((f) => f.stillFailing),
    notRechecked: sum((f) => f.notRechecked),
    items,
  };
}

/** The output folder: the user's setting, else the campaign's `output`; never outside the campaign. */
async function outputFolder(host: RequestHost, root: string, configured: string | undefined): Promise<string> {
  const rel = host.settings().outputFolder || configured || DEFAULT_OUTPUT;
  const dir = await containedOutputFolder(root, rel).catch((e: Error) => fail(serviceText(host.locale, 'request.writeFailed', { folder: rel, error: fileErrorMessage(e, host.locale) })));
  if (!dir) fail(serviceText(host.locale, 'request.outputOutside', { path: rel }));
  return dir;
}

/** `inspection/generateBulletin`. An existing bulletin is never replaced without `force`: the new one takes a free name. */
export async function generateBulletin(host: RequestHost, params: GenerateBulletinParams): Promise<GenerateBulletinResult> {
  const ws = await workspaceOf(host, params.campaignUri);
  const c = await analysed(host, ws);
  const outDir = await outputFolder(host, ws.root, c.config.output);
  let result;
  try {
    result = await writeBulletin(c, { formats: params.formats, outDir, force: params.force, locale: host.locale });
  } catch (e) {
    if (e instanceof BulletinSettingsError) fail(e.message);
    fail(serviceText(host.locale, 'request.writeFailed', { folder: outDir, error: fileErrorMessage(e, host.locale) }));
  }
  const m = result.model;
  const warnings: string[] = [];
  for (const f of result.files) if (f.renamed) warnings.push(serviceText(host.locale, 'request.renamed', { file: path.basename(f.file) }));
  for (const s of m.sumMismatches) {
    warnings.push(serviceText(host.locale, 'request.sumMismatch', { kind: serviceText(host.locale, `kind.${s.kind}`), by: s.by, checkedSum: s.checked.sum, checked: s.checked.total, failedSum: s.failed.sum, failed: s.failed.total }));
  }
  const undetermined = m.websites.undetermined + m.media.undetermined;
  if (undetermined > 0) warnings.push(serviceText(host.locale, 'request.undetermined', { count: undetermined }));
  const counts = ws.counts();
  return {
    written: result.files.map((f) => ({ uri: fileToUri(f.file), format: f.format })),
    existing: [],
    overview: {
      websites: kindFigures(m.websites),
      media: kindFigures(m.media),
      registry: {
        unregistered: counts.websites.unregistered + counts.media.unregistered,
        unregisteredFailing: (counts.websites.unregisteredFailing ?? 0) + (counts.media.unregisteredFailing ?? 0),
        nearMiss: counts.websites.nearMiss + counts.media.nearMiss,
        closedButActive: counts.websites.closedActive + counts.media.closedActive,
        configured: !!(c.config.registries?.media || c.config.registries?.websites),
      },
    },
    warnings,
    ...(result.pdfProblem ? { pdfProblem: result.pdfProblem } : {}),
  };
}

/** The stable id of a registry row: `registry/media.xlsx#Sheet1!12`. */
function entryId(row: RegistryRowRef): string {
  return `${row.file}#${row.sheet ?? ''}!${row.row}`;
}

/** `inspection/registryEntries`. */
export async function registryEntries(host: RequestHost, params: RegistryEntriesParams): Promise<RegistryEntriesResult> {
  const ws = await workspaceOf(host, params.campaignUri);
  const matched = new Map<string, string>();
  for (const file of ws.recordFiles()) {
    const row = ws.checked(file)?.registry?.row;
    if (row && !matched.has(entryId(row))) matched.set(entryId(row), fileToUri(file));
  }
  const entries: RegistryEntry[] = [];
  for (const kind of params.kind ? [params.kind] : (['website', 'media'] as RecordKind[])) {
    for (const row of ws.registryRows(kind)) {
      const v = row.values;
      const entry: RegistryEntry = { id: entryId(row), kind, name: v.name ?? v.siteCode ?? '', source: { file: row.file, row: row.row } };
      if (row.sheet) entry.source.sheet = row.sheet;
      for (const f of ['platform', 'accountId', 'siteCode', 'url', 'sponsor', 'region', 'status'] as const) if (v[f]) entry[f] = f === 'platform' ? (canonicalPlatform(v[f]) ?? v[f]) : v[f];
      const recordUri = matched.get(entry.id);
      if (recordUri) entry.recordUri = recordUri;
      entries.push(entry);
    }
  }
  const problems = ws.outsideProblems().filter((p) => p.diagnostic.source === 'registry' && p.diagnostic.severity === 1).map((p) => `${path.relative(ws.root, p.file).split(path.sep).join('/')}:${p.diagnostic.range.start.line + 1}:${p.diagnostic.range.start.character + 1} ${p.diagnostic.message}`);
  return { entries, problems };
}

/** Identity fields a new record takes from its registry row, per kind. */
const SKELETON_FIELDS: Record<RecordKind, string[]> = {
  media: ['platform', 'name', 'accountId', 'sponsor', 'region'],
  website: ['name', 'siteCode', 'url', 'sponsor', 'region'],
};
/** Facts the inspector observes, prompted as comments in a new record. */
const OBSERVED_FIELDS: Record<RecordKind, string[]> = {
  media: ['lastPost', 'interaction', 'serviceMenu', 'commercialLinks', 'unrelatedContent', 'status'],
  website: ['homepage', 'availability', 'columns', 'interaction', 'services'],
};

/** A file-name segment from free text (no separators or characters file systems refuse). */
function safeSegment(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').trim().slice(0, 80) || '_';
}

/** `inspection/newRecordSkeleton`. */
export async function newRecordSkeleton(host: RequestHost, params: NewRecordSkeletonParams): Promise<NewRecordSkeleton> {
  const ws = await workspaceOf(host, params.campaignUri);
  const { kind } = params;
  let row: RegistryRowRef | undefined;
  if (params.entryId) {
    row = ws.registryRows(kind).find((r) => entryId(r) === params.entryId);
    if (!row) fail(serviceText(host.locale, 'request.unknownEntry', { id: params.entryId }));
  }
  const lines = [`kind: ${kind}`];
  for (const f of SKELETON_FIELDS[kind]) {
    const raw = row?.values[f];
    if (!raw) continue;
    lines.push(`${f}: ${yamlScalar(f === 'platform' ? (canonicalPlatform(raw) ?? raw) : raw)}`);
  }
  if (!row) lines.push(kind === 'media' ? 'platform: ' : 'name: ', ...(kind === 'media' ? ['name: '] : []));
  const window = ws instanceof CampaignWorkspace ? ws.config()?.checkWindow : undefined;
  lines.push(`checkDate: ${params.checkDate ?? checkDateWithin(host.today(), window)}`, `source: ${row ? '抽查' : '库外发现'}`);
  lines.push(`# ${serviceText(host.locale, 'skeleton.observe')}`);
  for (const f of OBSERVED_FIELDS[kind]) {
    const node = shippedSchemas.at(kind, [f]);
    const title = node ? shippedSchemas.text(node, host.locale).title : undefined;
    lines.push(`# ${f}:${title ? `   # ${title}` : ''}`);
  }
  const v = row?.values ?? {};
  const folder = kind === 'media' ? ['media', safeSegment(v.region ?? serviceText(host.locale, 'skeleton.noRegion'))] : ['websites'];
  const base = safeSegment(v.name ?? serviceText(host.locale, 'skeleton.newName'));
  let relativePath = [...folder, `${base}.yaml`].join('/');
  for (let i = 2; existsSync(path.join(ws.root, relativePath)); i++) relativePath = [...folder, `${base} (${i}).yaml`].join('/');
  return { relativePath, text: `${lines.join('\n')}\n` };
}

/** `inspection/exportSupplement`: the 补报 list as .xlsx and .csv in the output folder. */
export async function exportSupplement(host: RequestHost, params: ExportSupplementParams): Promise<ExportSupplementResult> {
  const ws = await workspaceOf(host, params.campaignUri);
  const config = ws.config();
  if (!config) fail(serviceText(host.locale, 'request.campaignInvalid', { detail: '' }));
  if (!config.registries?.media) fail(serviceText(host.locale, 'request.noMediaRegistry'));
  const records = ws
    .recordFiles()
    .map((file) => ({ file, check: ws.checked(file) }))
    .filter((r) => r.check?.record !== undefined);
  const entries = supplementList(
    records.map((r) => ({ file: ws.relative(r.file), record: r.check!.record!, outcome: r.check!.registry ?? { status: 'not-applicable' as const } })),
    host.locale,
    (_record, i) => records[i].check!.result?.verdict === 'fail',
  );
  if (entries.length === 0) return { written: [], existing: [], count: 0 };
  const outDir = await outputFolder(host, ws.root, config.output);
  const base = supplementFileBase(config, host.locale);
  const files = [path.join(outDir, `${base}.xlsx`), path.join(outDir, `${base}.csv`)];
  if (!params.force) {
    // both checked before either is written, so that a refusal leaves the folder as it was
    const existing = files.filter((f) => existsSync(f));
    if (existing.length > 0) return { written: [], existing: existing.map(fileToUri), count: entries.length };
  }
  try {
    await fs.mkdir(outDir, { recursive: true });
    await writeFileAtomic(files[0], await supplementXlsx(entries, host.locale, base), { overwrite: params.force });
    await writeFileAtomic(files[1], supplementCsv(entries, host.locale), { overwrite: params.force });
  } catch (e) {
    fail(serviceText(host.locale, 'request.writeFailed', { folder: outDir, error: fileErrorMessage(e, host.locale) }));
  }
  return { written: [{ uri: fileToUri(files[0]), format: 'xlsx' }, { uri: fileToUri(files[1]), format: 'csv' }], existing: [], count: entries.length };
}

/**
 * The command behind the quick fix on an unregistered account: writes the 補报 list, asks before
 * replacing an existing one, and says where it went.
 */
export async function exportSupplementCommand(host: RequestHost, client: LspClient, campaignUri: string): Promise<void> {
  const { locale } = host;
  try {
    let result = await exportSupplement(host, { campaignUri, force: false });
    if (result.existing.length > 0) {
      const files = result.existing.map((u) => path.basename(uriToFile(u) ?? u)).join(serviceText(locale, 'list.separator'));
      const overwrite = serviceText(locale, 'command.overwrite');
      const answer = await client.ask('warn', serviceText(locale, 'command.supplementExists', { files }), [overwrite, serviceText(locale, 'command.cancel')]);
      if (answer !== overwrite) return;
      result = await exportSupplement(host, { campaignUri, force: true });
    }
    if (result.count === 0) return client.showMessage('info', serviceText(locale, 'command.supplementNone'));
    const files = result.written.map((w) => uriToFile(w.uri) ?? w.uri).join(serviceText(locale, 'list.separator'));
    client.showMessage('info', serviceText(locale, 'command.supplementWritten', { count: result.count, files }));
  } catch (e) {
    client.showMessage('error', e instanceof Error ? e.message : String(e));
  }
}

/** `inspection/recheckPrevious`: the previous campaign's failures now; the edit that names it in campaign.yaml. */
export async function recheckPrevious(host: RequestHost, params: RecheckPreviousParams): Promise<RecheckPreviousResult> {
  const ws = await workspaceOf(host, params.campaignUri);
  const config = ws.config();
  if (!config) {
    await analysed(host, ws); // throws the located configuration error
    fail(serviceText(host.locale, 'request.campaignInvalid', { detail: '' }));
  }
  const requested = params.previousUri ? uriToFile(params.previousUri) : undefined;
  const configured = config.previous ? path.resolve(ws.root, config.previous) : undefined;
  const previousRoot = requested ?? configured;
  if (!previousRoot) fail(serviceText(host.locale, 'request.noPrevious'));
  if (!CAMPAIGN_FILE_NAMES.some((n) => existsSync(path.join(previousRoot, n)))) fail(serviceText(host.locale, 'request.previousMissing', { folder: previousRoot }));
  const current = await analysed(host, ws);
  if (previousRoot !== configured || !current.previous) {
    const prev = await CampaignWorkspace.open(previousRoot, { locale: host.locale, withPrevious: false });
    current.previous = await analysed(host, prev);
  }
  const recheck = recheckSummary(current, modelOf(host, current))!;
  const result: RecheckPreviousResult = { recheck };
  if (previousRoot !== configured) {
    const file = campaignFileRef(ws.root).path;
    const parsed = parseYaml(await fs.readFile(file, 'utf8'));
    const relative = path.relative(ws.root, previousRoot).split(path.sep).join('/');
    const edit = setValueEdit(parsed, ['previous'], relative);
    if (edit) result.edit = { changes: { [fileToUri(file)]: [edit] } };
  }
  return result;
}

/** Today when it falls inside the campaign's check window, else the window's nearest end (a new record of a past campaign must not start with a date outside it). */
export function checkDateWithin(today: IsoDate, window: { start?: IsoDate; end?: IsoDate } | undefined): IsoDate {
  // ISO dates compare as strings
  if (window?.end && today > window.end) return window.end;
  if (window?.start && today < window.start) return window.start;
  return today;
}
