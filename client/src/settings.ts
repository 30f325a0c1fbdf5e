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
    allowedFolders: asList(c.get<unknown>('allowedFolders', [])),
  };
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : []).filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim());
}

/**
 * Adds `folder` to the user's own (global) `allowedFolders`, unless a folder there holds it already
 * (`inside(folder, allowed)`); whether it was added. Never the workspace's settings: a campaign's
 * files cannot allow a folder.
 */
export async function allowFolderForUser(folder: string, inside: (a: string, b: string) => boolean): Promise<boolean> {
  const c = vscode.workspace.getConfiguration(SECTION);
  const allowed = asList(c.inspect<unknown>('allowedFolders')?.globalValue);
  if (allowed.some((f) => inside(folder, f))) return false;
  await c.update('allowedFolders', [...allowed, folder], vscode.ConfigurationTarget.Global);
  return true;
}

/** The language tag the server should speak: the setting, else the editor's display language. */
export function serverLocale(settings: InspectionSettings): string {
  return settings.locale === 'auto' ? vscode.env.language : settings.locale;
}

/** True when a configuration change touches our settings. */
export function affectsSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
