// The registry area's messages (l10n/messages/registry.json), Chinese and English.
import bundle from '../../../../l10n/messages/registry.json';
import { catalogue } from '../l10n';

/** Translates a registry message key. */
export const t = catalogue(bundle);
export type RegistryMessageKey = Extract<keyof typeof bundle, string>;
