// Localisation of every user-facing string of the core. Each area keeps its messages in one bundle,
// `l10n/messages/<area>.json`, mapping a key to its Chinese and English text side by side; the
// area's code wraps that bundle with `catalogue()` and never writes user-facing literals itself.
import type { Locale } from './model';

export type MessageBundle = Record<string, { 'zh-cn': string; en: string }>;
export type MessageArgs = Record<string, string | number | boolean | null | undefined>;

/** Chinese first: anything that is not English is Chinese. */
export function toLocale(tag: string | undefined | null): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'zh-cn';
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they are noticed. */
export function format(template: string, args?: MessageArgs): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = args[name];
    return v === undefined || v === null ? whole : displayValue(v);
  });
}

/**
 * Any value as message text, like String() but never throwing: a record may hold a mapping such as
 * `{ toString: 1 }`, which String() cannot convert; such values are shown as JSON instead.
 */
export function displayValue(v: unknown): string {
  try {
    return String(v);
  } catch {
    try {
      return JSON.stringify(v) ?? Object.prototype.toString.call(v);
    } catch {
      return Object.prototype.toString.call(v);
    }
  }
}

export type Translate<K extends string> = (locale: Locale, key: K, args?: MessageArgs) => string;

/** Wraps a bundle into a typed translation function. */
export function catalogue<B extends MessageBundle>(bundle: B): Translate<Extract<keyof B, string>> {
  return (locale, key, args) => {
    const entry = bundle[key];
    if (!entry) return key;
    return format(entry[locale] ?? entry['zh-cn'], args);
  };
}
