// The rules area's message bundle (l10n/messages/rules.json), typed.
import bundle from '../../../../l10n/messages/rules.json';
import { catalogue } from '../l10n';
import type { Locale } from '../model';
import type { LocalisedText } from './profileTypes';

export const t = catalogue(bundle);
export type RulesMessageKey = Extract<keyof typeof bundle, string>;

/** The text of a profile's localised field in the given locale (Chinese when English is empty). */
export function text(locale: Locale, value: LocalisedText | undefined): string {
  if (!value) return '';
  return (locale === 'en' ? value.en : value['zh-cn']) || value['zh-cn'];
}
