// The language service's messages (l10n/messages/service.json), Chinese first, English complete.
import { catalogue } from '../core/l10n';
import bundle from '../../../l10n/messages/service.json';

/** Translates a key of the service bundle. */
export const serviceText = catalogue(bundle);
