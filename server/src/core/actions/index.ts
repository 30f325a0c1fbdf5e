// The front door of the core: every operation a user runs on a campaign, one module each, and what
// the editor's language service reads besides. The CLI (`cli/`) and the language server
// (`service/`, `server.ts`) import the core only through here, the model, the code table and l10n;
// `npm test` enforces it (see docs/ARCHITECTURE.md).
export { ActionError, type ActionErrorKind } from './actionError';
export { analyseCampaign, cacheFolder, findCampaignRoot, findCampaignRootsBelow, openCampaign, previewCampaign, requireConfig, type Campaign, type LoadProgress, type OpenCampaignOptions } from './campaign';
export { checkPaths, type CheckOptions, type CheckResult } from './check';
export { DEFAULT_PROFILE, explainRecords, type ExplainedRecord, type ExplainOptions, type ExplainResult } from './explain';
export { registryEntries, registryEntryId, registryReport, type DuplicateFiling, type ReconciledRecord, type RegistryEntry, type RegistryReport } from './registry';
export { exportSupplement, type SupplementEntry, type SupplementOptions, type SupplementResult } from './supplement';
export { analyseForBulletin, BULLETIN_FORMATS, bulletinModel, DEFAULT_BULLETIN_FORMATS, generateBulletin, writeBulletin, type BulletinFormat, type BulletinOptions, type BulletinResult } from './bulletin';
export { campaignFigures, kindFigures, registryFigures, type CampaignFigures, type Figures, type KindFigures, type RecheckFiguresSummary, type RecheckItem, type RegistryFigures } from './summary';
export { checkDateWithin, newRecord, type NewRecord, type NewRecordOptions } from './newRecord';
export { recheckPrevious, type RecheckResult } from './recheck';
export * as language from './language';

export * from './text';
export { ALLOW_ENV, allowedFolders, isInsideAny } from './allowed';
