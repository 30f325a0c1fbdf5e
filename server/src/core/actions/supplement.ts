// The 补报 list of a campaign: the unregistered (漏报) new-media accounts, grouped by owning office,
// written as .xlsx and .csv into the output folder. Both files are checked before either is written,
// so a refusal leaves the folder as it was; an existing list is replaced only with `force`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { outputFolder } from '../campaign/campaignFolder';
import { REGISTRY_CODES } from '../codes';
import { writeFileAtomic } from '../io/atomicWrite';
import { Severity, type FileDiagnostic, type Locale } from '../model';
import { supplementCsv, supplementFileBase, supplementXlsx } from '../registry/supplementExport';
import { supplementList, type SupplementEntry } from '../registry/supplementList';
import { ActionError, outputRefused, t } from './actionError';
import { requireConfig, type Campaign } from './campaign';
import { campaignRecords } from './records';

export type { SupplementEntry };

export interface SupplementOptions {
  /** The output folder: the user's own (`--out`, absolute), or an editor setting relative to the campaign. */
  out?: { absolute?: string; relative?: string };
  force?: boolean;
  locale: Locale;
}

export interface SupplementResult {
  entries: SupplementEntry[];
  /** The files written (absolute); empty when there is nothing to file or the files exist. */
  files: string[];
  /** Files that exist and were left alone (without `force`): nothing was written. */
  existing: string[];
  /** Errors in the registry exports: the list may miss accounts their unreadable rows would have matched. */
  problems: FileDiagnostic[];
}

/** Writes the campaign's 补报 list (nothing when no account is unregistered). */
export async function exportSupplement(campaign: Campaign, options: SupplementOptions): Promise<SupplementResult> {
  const { locale } = options;
  const config = requireConfig(campaign);
  if (!config.registries?.media) {
    const at = campaign.campaignFile(['registries']);
    const message = t(locale, 'supplement.noMediaRegistry');
    throw new ActionError('campaign', message, [{ file: at.file, diagnostic: { range: at.range, severity: Severity.Error, code: REGISTRY_CODES.notConfigured, message, source: 'campaign' } }]);
  }
  const problems = campaign.outsideProblems().filter((p) => p.diagnostic.source === 'registry' && p.diagnostic.severity === Severity.Error);
  // a cached result that does not decode is checked again, against the registry
  await campaign.loadRegistry();
  const records = campaignRecords(campaign);
  // 内容保障不合格 in the note: the indicator engine's verdict on the record
  const entries = supplementList(
    records.map((r) => ({ file: r.file, record: r.record, outcome: r.check.registry ?? { status: 'not-applicable' as const } })),
    locale,
    (_record, i) => records[i].check.result?.verdict === 'fail',
  );
  if (entries.length === 0) return { entries, files: [], existing: [], problems };
  let outDir = campaign.root;
  try {
    outDir = await outputFolder(campaign.root, config.output, options.out, campaign.containment().allowed);
    const base = supplementFileBase(config, locale);
    const files = [path.join(outDir, `${base}.xlsx`), path.join(outDir, `${base}.csv`)];
    if (!options.force) {
      const existing: string[] = [];
      for (const f of files) if (await fs.lstat(f).then(() => true, () => false)) existing.push(f);
      if (existing.length > 0) return { entries, files: [], existing, problems };
    }
    await writeFileAtomic(files[0], await supplementXlsx(entries, locale, base), { overwrite: options.force });
    await writeFileAtomic(files[1], supplementCsv(entries, locale), { overwrite: options.force });
    return { entries, files, existing: [], problems };
  } catch (e) {
    throw await outputRefused(e, campaign.root, outDir, options, locale);
  }
}
