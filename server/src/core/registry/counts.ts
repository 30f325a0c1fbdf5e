// The figures a bulletin takes from the registry: the running population per kind (the campaign
// may state its own), the unregistered (漏报) accounts found and how many of them fail content
// assurance — a verdict the indicator engine gives, so the caller passes it in.
import type { CampaignConfig, InspectionRecord, RecordKind, RegistryOutcome } from '../model';
import { identityKey, recordIdentities } from './reconcile';
import type { RegistryIndex } from './registryIndex';

export interface KindCounts {
  /** The population the bulletin uses: the campaign's figure, else the registry's running count. */
  population: number | null;
  populationSource: 'campaign' | 'registry' | null;
  /** Rows filed as running (正常 or empty status), each account/site once. */
  registryRunning: number | null;
  /** Records per outcome. */
  matched: number;
  closedActive: number;
  nearMiss: number;
  /** Distinct unregistered accounts/sites (two records of one account count once). */
  unregistered: number;
  /** Of those, how many fail content assurance; null when no verdict was given. */
  unregisteredFailing: number | null;
}

export interface RegistryCounts {
  websites: KindCounts;
  media: KindCounts;
}

export interface CountInput {
  record: InspectionRecord;
  outcome: RegistryOutcome;
}

/** Counts per kind; `failsContentAssurance` is the indicator engine's verdict (fail) for a record. */
export function registryCounts(
  index: Pick<RegistryIndex, 'runningCount'> | undefined,
  records: readonly CountInput[],
  population: CampaignConfig['population'] | undefined,
  failsContentAssurance?: (record: InspectionRecord, position: number) => boolean,
): RegistryCounts {
  const kindCounts = (kind: RecordKind): KindCounts => {
    const registryRunning = index ? index.runningCount(kind) : null;
    const stated = kind === 'media' ? population?.media : population?.websites;
    const fromCampaign = typeof stated === 'number';
    const counts: KindCounts = {
      population: fromCampaign ? stated : registryRunning,
      populationSource: fromCampaign ? 'campaign' : registryRunning !== null ? 'registry' : null,
      registryRunning,
      matched: 0, closedActive: 0, nearMiss: 0, unregistered: 0,
      unregisteredFailing: failsContentAssurance ? 0 : null,
    };
    // Unregistered records grouped into accounts: records sharing an identity are one account.
    const owner = new Map<string, { position: number; id?: string }>();
    const parent: number[] = [];
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const unregistered: number[] = [];
    records.forEach(({ record, outcome }, position) => {
      if (record.kind !== kind) return;
      if (outcome.status === 'matched') counts.matched++;
      else if (outcome.status === 'closed-but-active') counts.closedActive++;
      else if (outcome.status === 'near-miss') counts.nearMiss++;
      if (outcome.status !== 'unregistered') return;
      parent[position] = position;
      unregistered.push(position);
      for (const ident of recordIdentities(record)) {
        const key = identityKey(ident);
        const o = owner.get(key);
        if (o === undefined) owner.set(key, { position, id: ident.id });
        // same name with different account IDs: two accounts
        else if (!(ident.id && o.id && ident.id !== o.id)) parent[find(position)] = find(o.position);
      }
    });
    const failing = new Set<number>();
    const accounts = new Set<number>();
    for (const position of unregistered) {
      const root = find(position);
      accounts.add(root);
      if (failsContentAssurance?.(records[position].record, position)) failing.add(root);
    }
    counts.unregistered = accounts.size;
    if (counts.unregisteredFailing !== null) counts.unregisteredFailing = failing.size;
    return counts;
  };
  return { websites: kindCounts('website'), media: kindCounts('media') };
}
