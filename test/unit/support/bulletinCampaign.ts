// Builders of analysed campaigns for the bulletin tests: records with their verdicts, hits and
// registry outcomes written out by hand, so that aggregation and rendering are tested on their own.
import type {
  AnalysedCampaign,
  AnalysedRecord,
  CampaignConfig,
  MediaRecord,
  Platform,
  RegistryStatus,
  RuleHit,
  Verdict,
  WebsiteRecord,
} from '../../../server/src/core/model';

export interface RecordOptions {
  region?: string;
  sponsor?: string;
  ownerLevel?: WebsiteRecord['ownerLevel'];
  verdict?: Verdict;
  hits?: RuleHit[];
  registry?: RegistryStatus;
  source?: WebsiteRecord['source'];
  problem?: string;
  themes?: string[];
  checkDate?: string;
  file?: string;
}

let counter = 0;

/** A veto hit of a rule with evidence. */
export function veto(ruleId: string, evidence: RuleHit['evidence'] = {}): RuleHit {
  return { ruleId, kind: 'veto', path: [], message: `${ruleId} hit`, evidence };
}

function analysed(record: WebsiteRecord | MediaRecord, o: RecordOptions): AnalysedRecord {
  counter++;
  const hits = o.hits ?? [];
  const verdict = o.verdict ?? (hits.some((h) => h.kind === 'veto') ? 'fail' : 'pass');
  return {
    file: o.file ?? `${record.kind === 'website' ? 'websites' : 'media'}/${String(counter).padStart(5, '0')}.yaml`,
    record,
    result: { verdict, reasons: [], hits, score: null },
    registry: { status: o.registry ?? 'matched' },
  };
}

function common(o: RecordOptions) {
  return {
    region: o.region ?? '省直',
    sponsor: o.sponsor,
    ownerLevel: o.ownerLevel ?? '省级',
    checkDate: o.checkDate ?? '2021-06-15',
    source: o.source ?? '抽查',
    bulletin: o.problem || o.themes ? { problem: o.problem, themes: o.themes } : undefined,
  } as const;
}

/** An analysed website record. */
export function website(name: string, siteCode: string, o: RecordOptions & { extra?: Partial<WebsiteRecord> } = {}): AnalysedRecord {
  return analysed({ kind: 'website', name, siteCode, ...common(o), sponsor: o.sponsor ?? `${name}主办单位`, ...o.extra }, o);
}

/** An analysed new-media record. */
export function media(platform: Platform, name: string, o: RecordOptions & { extra?: Partial<MediaRecord> } = {}): AnalysedRecord {
  return analysed({ kind: 'media', platform, name, ...common(o), sponsor: o.sponsor ?? `${name}运营单位`, ...o.extra }, o);
}

/** `n` passing records made by `make(i)`. */
export function many(n: number, make: (i: number) => AnalysedRecord): AnalysedRecord[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** An analysed campaign around the records. */
export function campaign(
  records: AnalysedRecord[],
  o: { population?: AnalysedCampaign['population']; previous?: AnalysedCampaign; config?: Partial<CampaignConfig>; root?: string } = {},
): AnalysedCampaign {
  const config: CampaignConfig = {
    kind: 'campaign',
    issuer: '海南省人民政府办公厅',
    issuerSelf: '我厅',
    scope: '全省',
    period: { year: 2021, quarter: 2 },
    checkWindow: { start: '2021-06-11', end: '2021-06-20' },
    profile: 'national-2019',
    ...o.config,
  };
  return { root: o.root ?? '/nonexistent-campaign', config, records, population: o.population ?? { websites: null, media: null }, previous: o.previous };
}
