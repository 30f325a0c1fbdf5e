// The validation area's messages (l10n/messages/validate.json), Chinese and English.
import bundle from '../../../../l10n/messages/validate.json';
import { catalogue } from '../l10n';

/** Translates a validation message key. */
export const t = catalogue(bundle);
export type ValidateMessageKey = Extract<keyof typeof bundle, string>;
