// The whole campaign analysed in one call: what the bulletin, the registry figures and the
// dashboard aggregate. A thin front to CampaignWorkspace so that batch callers need not hold one.
import type { AnalysedCampaign, Locale } from '../model';
import { CampaignWorkspace, type LoadProgress } from './workspace';

/** Opens the campaign at `root` and analyses every record (and the previous campaign it names). */
export async function analyseCampaign(root: string, locale: Locale, options: { cache?: string; onProgress?: (p: LoadProgress) => void } = {}): Promise<AnalysedCampaign> {
  // a batch analysis: texts are not kept (the bulletin needs records and results only)
  const ws = await CampaignWorkspace.open(root, { locale, cache: options.cache, keepTexts: false, onProgress: options.onProgress });
  return ws.analyse();
}
