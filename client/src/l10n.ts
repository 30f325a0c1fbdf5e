// Every string the extension shows, in one language: the one `inspectionRecords.locale` names (or,
// with `auto`, the editor's display language — Chinese unless it is English, as the server decides).
// `vscode.l10n.t` would follow the display language only, so that a Chinese setting in an English
// editor (or the other way round) gave notifications and pages in the other language than the
// diagnostics. The translations are the extension's l10n bundle (l10n/bundle.l10n.zh-cn.json, keyed
// by the English text); command titles in the palette come from package.nls*.json, which VS Code
// reads in its display language alone.
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';
import { readSettings, serverLocale } from './settings';

const ZH: Readonly<Record<string, string>> = zhCn;

/** The language of the extension's texts now: `zh-cn` or `en`. */
export function uiLocale(): 'zh-cn' | 'en' {
  return /^en\b/i.test(serverLocale(readSettings())) ? 'en' : 'zh-cn';
}

/** `message` (its English text is the key) in the extension's language, `{0}`, `{1}` … replaced by `args`. */
export function localize(message: string, ...args: (string | number | boolean)[]): string {
  const text = uiLocale() === 'zh-cn' ? (ZH[message] ?? message) : message;
  return text.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : whole));
}

/** A JavaScript error (or anything thrown) as a sentence in the extension's language, its detail kept. */
export function errorSentence(e: unknown): string {
  const detail = e instanceof Error ? e.message : String(e);
  // the server's refusals are already whole sentences in the user's language
  if (isLocalised(detail)) return detail;
  return localize('Something went wrong: {0}', detail);
}

/** Whether a message is already in the extension's language (the server answers in it). */
function isLocalised(message: string): boolean {
  const han = /[\u4e00-\u9fff]/.test(message);
  return uiLocale() === 'zh-cn' ? han : !han;
}
