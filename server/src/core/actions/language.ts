// What the editor's language service reads from the core besides the campaign operations: the
// check of a document outside any campaign, schema lookups for hover and completion, suppression
// comments, platform names, calendar dates, and the types of a checked document and its profile.
// The list is the contract: the service imports these from here, never from the core's folders.
import { promises as fs } from 'node:fs';
import { checkText } from '../campaign/checkFile';
import type { DocumentCheck, Locale } from '../model';

export { IDENTITY_FIELDS } from '../model';

export { parseIsoDate, todayInChina } from '../dates';
export { isInside } from '../io/containment';
export { watchFolder } from '../io/folderWatcher';
export { readUserText as readDocument } from '../io/readText';
export { canonicalPlatform, normaliseText } from '../registry/normalise';
export { rowLocation, suggestionLabel } from '../registry/registryDiagnostics';
export { schemaAt, schemaFileForKind, schemaKinds, schemaText, type JsonSchema, type SchemaNode } from '../schemas';
export { applySuppressions, parseSuppressions, suppressionEdit } from '../suppression';
export { insertPair, replaceScalar, scalarText, setValue, type YamlValue } from '../yaml/yamlPatch';
export { parseYaml, type ParsedYaml } from '../yaml/yamlDocument';
export type { CalendarWindow, Condition, CountThreshold, PercentThreshold, ResolvedProfile, Rule } from '../rules/profileTypes';

/** A document outside any campaign: syntax, kind, schema and dates only. */
export function checkStandalone(file: string, text: string, locale: Locale): DocumentCheck {
  const c = checkText(file, text, locale);
  return { parsed: c.parsed, kind: c.kind, diagnostics: c.diagnostics };
}

/** Whether a regular file exists at `file`. */
export function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then((st) => st.isFile(), () => false);
}
