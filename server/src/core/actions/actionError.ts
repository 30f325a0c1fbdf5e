// How an operation refuses: one error type for every action, already in the user's words, with the
// problems located in the campaign's files when it is about them. The CLI turns it into lines and an
// exit code, the language server into a ResponseError; neither needs to know what went wrong inside.
import bundle from '../../../../l10n/messages/actions.json';
import { CampaignConfigError } from '../campaign/workspace';
import * as path from 'node:path';
import { campaignFileIn, OutputNotFolderError, OutputOutsideError } from '../campaign/campaignFolder';
import { SCHEMA_CODES } from '../codes';
import { OutputExistsError } from '../io/atomicWrite';
import { fileErrorMessage } from '../io/fileErrors';
import { catalogue } from '../l10n';
import { readUserText } from '../io/readText';
import { Severity, type FileDiagnostic, type Locale, type NodePath } from '../model';
import { parseYaml } from '../yaml/yamlDocument';

export const t = catalogue(bundle);

/**
 * What kind of refusal: `path` — a folder or file named by the user is missing or is no campaign
 * (the CLI's usage exit code); `campaign` — the campaign's own files must be fixed first; `output` —
 * an output cannot be written (it exists, it would leave the campaign, the disk refused it).
 */
export type ActionErrorKind = 'path' | 'campaign' | 'output';

/** An operation refused, with the reason localised and, when it is about a file, located. */
export class ActionError extends Error {
  constructor(
    readonly kind: ActionErrorKind,
    message: string,
    /** The problems to fix, each in its file (campaign.yaml, a record …). */
    readonly problems: readonly FileDiagnostic[] = [],
    /** The file or folder the refusal is about (absolute), when it is not located in a problem. */
    readonly subject?: string,
    /** A refusal of the data gate: how many files have data errors and how many records are undecided. */
    readonly gate?: { errorFiles: number; undetermined: number },
  ) {
    super(message);
  }
}

/** The campaign file could not be used: its diagnostics are the problems. */
export function campaignInvalid(e: CampaignConfigError, locale: Locale): ActionError {
  return new ActionError('campaign', t(locale, 'campaign.invalid', { file: e.file }), e.diagnostics.map((diagnostic) => ({ file: e.file, diagnostic })));
}

/** An output that cannot be written, in words: the file exists, the folder leaves the campaign, the disk said no. */
export function outputFailed(e: unknown, folder: string, locale: Locale): ActionError {
  if (e instanceof ActionError) return e;
  if (e instanceof OutputExistsError) return new ActionError('output', t(locale, 'output.exists'), [], e.file);
  if (e instanceof OutputOutsideError) return new ActionError('output', t(locale, 'output.outside', { folder: e.folder }));
  if (e instanceof OutputNotFolderError) return new ActionError('output', t(locale, `output.not.${e.why}`, { folder: e.folder }));
  // only what the file system said is about the folder; a fault of the tool is passed on as it is
  if (typeof (e as NodeJS.ErrnoException | undefined)?.code !== 'string') throw e;
  const file = (e as NodeJS.ErrnoException | undefined)?.path;
  return new ActionError('output', t(locale, 'output.failed', { error: fileErrorMessage(e, locale) }), [], typeof file === 'string' ? file : folder);
}

/**
 * An output that cannot be written; a folder that leaves the campaign is located at `output` in
 * campaign.yaml when that is where it came from (not from the user's --out or editor setting).
 */
export async function outputRefused(e: unknown, root: string, folder: string, options: { out?: { absolute?: string; relative?: string } }, locale: Locale): Promise<ActionError> {
  if (e instanceof OutputOutsideError && !options.out?.relative && !options.out?.absolute) {
    return refusedAt(root, ['output'], SCHEMA_CODES.outsideCampaign, t(locale, 'output.outside', { folder: e.folder }));
  }
  if (e instanceof OutputNotFolderError && !options.out?.relative && !options.out?.absolute) {
    return refusedAt(root, ['output'], SCHEMA_CODES.unusableOutput, t(locale, `output.not.${e.why}`, { folder: e.folder }));
  }
  return outputFailed(e, folder, locale);
}

/** A setting of campaign.yaml that cannot be used, located at its key path. */
export async function refusedAt(root: string, at: NodePath, code: string, message: string): Promise<ActionError> {
  const file = (await campaignFileIn(root)) ?? path.join(root, 'campaign.yaml');
  const read = await readUserText(file, 'zh-cn');
  const range = read.text !== undefined ? parseYaml(read.text).rangeOf(at) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return new ActionError('campaign', message, [{ file, diagnostic: { range, severity: Severity.Error, code, message, source: 'campaign' } }]);
}
