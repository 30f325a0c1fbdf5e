// Every `inspectionRecords.*` setting is read here and nowhere else, so adding one means: declare it
// in package.json (`contributes.configuration`, text in package.nls*.json), add it to
// `InspectionSettings` in server/src/protocol.ts, read it below, use it in the server.
import * as vscode from 'vscode';
import type { InspectionSettings } from '../../shared/protocol';

/** The settings section; also the language client's id, so `inspectionRecords.trace.server` works. */
export const SECTION = 'inspectionRecords';

const LOCALES: ReadonlyArray<InspectionSettings['locale']> = ['auto', 'zh-cn', 'en'];

/** Reads the `inspectionRecords` settings, falling back to the defaults for invalid values. */
export function readSettings(scope?: vscode.ConfigurationScope): InspectionSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const locale = c.get<string>('locale', 'auto');
  return {
    locale: LOCALES.includes(locale as InspectionSettings['locale']) ? (locale as InspectionSettings['locale']) : 'auto',
    profile: c.get<string>('profile', '').trim(),
    registryMapping: c.get<string>('registryMapping', '').trim(),
    outputFolder: c.get<string>('outputFolder', '').trim(),
    allowedFolders: (c.get<unknown[]>('allowedFolders', []) ?? []).filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim()),
  };
}

/** The language tag the server should speak: the setting, else the editor's display language. */
export function serverLocale(settings: InspectionSettings): string {
  return settings.locale === 'auto' ? vscode.env.language : settings.locale;
}

/** True when a configuration change touches our settings. */
export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
