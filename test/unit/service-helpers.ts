// Helpers of the language service tests: documents checked by the real validator, a workspace view
// that returns the rule hits and registry outcome a test gives it, positions found by substring.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver';
import { checkText } from '../../server/src/core/campaign/checkFile';
import type { Locale, RecordResult, RegistryOutcome, RegistryRowRef } from '../../server/src/core/model';
import type { ResolvedProfile, Rule } from '../../server/src/core/rules/profileTypes';
import { getLanguageService, type LanguageService, type LanguageServiceParams } from '../../server/src/service/languageService';
import type { DocumentContext } from '../../server/src/service/documentContext';
import type { DocumentCheck, WorkspaceView } from '../../server/src/service/workspaceView';

export const ROOT = '/campaign';
export const TODAY = '2021-06-18';

/** The position of `needle` in `text` (its start, or `offset` characters into it). */
export function positionOf(text: string, needle: string, offset = 0): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`not in the document: ${needle}`);
  if (text.indexOf(needle, at + 1) >= 0) throw new Error(`ambiguous in the document: ${needle}`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** The position just after `needle`. */
export function positionAfter(text: string, needle: string): Position {
  return positionOf(text, needle, needle.length);
}

/** The text after applying edits (as an editor would). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 1, text), edits);
}

export interface FakeCampaign {
  result?: RecordResult;
  registry?: RegistryOutcome;
  rows?: RegistryRowRef[];
  profile?: ResolvedProfile;
  files?: string[];
}

/** A campaign view: real syntax/schema/date checks, plus the rule result and registry outcome given. */
export function fakeWorkspace(c: FakeCampaign = {}, locale: Locale = 'zh-cn'): WorkspaceView {
  return {
    root: ROOT,
    recordFiles: () => c.files ?? [],
    checkDocument: (file, text) => {
      const checked = checkText(file, text, locale);
      const check: DocumentCheck = { parsed: checked.parsed, kind: checked.kind, diagnostics: checked.diagnostics };
      if (c.result) check.result = c.result;
      if (c.registry) check.registry = c.registry;
      return check;
    },
    fileChanged: async () => ({ recheck: [] }),
    registryRows: (kind) => (c.rows ?? []).filter((r) => (kind === 'media' ? r.values.platform !== undefined : r.values.platform === undefined)),
    profile: () => c.profile,
  };
}

export interface Fixture {
  service: LanguageService;
  ctx: DocumentContext;
  text: string;
}

/** A service and the context of `text` as file `media/x.yaml` of the fake campaign. */
export function setup(text: string, c: FakeCampaign = {}, locale: Locale = 'zh-cn', params: Partial<LanguageServiceParams> = {}): Fixture {
  const service = getLanguageService({
    fileToUri: (file) => `file://${file}`,
    today: () => TODAY,
    client: { markdown: true },
    ...params,
  });
  const ws = fakeWorkspace(c, locale);
  const file = `${ROOT}/media/x.yaml`;
  const ctx = service.context(`file://${file}`, file, ws.checkDocument(file, text), ws, locale);
  return { service, ctx, text };
}

/** A registry row of the media export. */
export function mediaRow(row: number, values: Record<string, string>): RegistryRowRef {
  return { file: 'registry/media.csv', row, values };
}

/** A rule as the national profile states it (only what hover and completion read). */
export function rule(id: string, zh: string, en: string, extra: Partial<Rule> = {}): Rule {
  return { id, name: { 'zh-cn': zh, en }, kind: 'veto', confidence: 'high', conditions: {}, ...extra };
}

export function profileOf(rules: Rule[]): ResolvedProfile {
  return { id: 'test', name: { 'zh-cn': '测试', en: 'test' }, chain: ['test'], files: [], rules };
}
