// Paths in campaign.yaml that the tool writes to (IR2115): the output folder must stay inside the
// campaign folder, so that a campaign file copied from elsewhere cannot aim the bulletin at
// `../../etc` or an absolute path. A warning where it is written, as soon as it is typed; the
// writers refuse such a folder themselves (an error here would stop the whole campaign's checks).
import { isContainedRelative } from '../io/containment';
import { Severity, type CoreDiagnostic, type FileKind } from '../model';
import { t } from './messages';
import { diag, type SchemaContext } from './messageParts';
import { SCHEMA_CODES } from '../codes';

/** A warning on campaign.yaml's `output` when it leads outside the campaign folder. */
export function outputPathDiagnostics(ctx: SchemaContext, kind: FileKind): CoreDiagnostic[] {
  const value = ctx.parsed.value as Record<string, unknown> | undefined;
  if (kind !== 'campaign' || typeof value?.output !== 'string' || value.output === '') return [];
  if (isContainedRelative(value.output)) return [];
  const message = t(ctx.locale, 'path.outputOutside', { path: value.output });
  return [{ ...diag(ctx, ['output'], 'value', SCHEMA_CODES.outsideCampaign, message), severity: Severity.Warning }];
}
