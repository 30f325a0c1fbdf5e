// The schema facts hover, completion and the outline need, behind an interface so that the service
// does not load files itself; `shippedSchemas` reads the JSON Schemas shipped in schemas/.
import type { FileKind, Locale, NodePath } from '../core/model';
import { schemaAt, schemaFileForKind, schemaKinds, schemaText, type JsonSchema, type SchemaNode } from '../core/actions/language';

export type { JsonSchema, SchemaNode };

export interface SchemaAccess {
  /** The schema of the value at `path` in a file of `kind` ($refs resolved), if any. */
  at(kind: FileKind, path: NodePath): SchemaNode | undefined;
  /** A node's title and description in the locale. */
  text(node: SchemaNode, locale: Locale): { title?: string; description?: string };
  /** Every `kind` some schema validates. */
  kinds(): string[];
}

/** The schemas shipped with the tool. */
export const shippedSchemas: SchemaAccess = {
  at: (kind, path) => {
    const file = schemaFileForKind(kind);
    return file ? schemaAt(file, path) : undefined;
  },
  text: schemaText,
  kinds: schemaKinds,
};

/** Property names a schema node allows, own ones first, then those of its allOf/anyOf/oneOf branches. */
export function propertyNames(node: SchemaNode): string[] {
  const names = new Set<string>();
  const collect = (s: JsonSchema): void => {
    const props = s.properties;
    if (props && typeof props === 'object') Object.keys(props).forEach((k) => names.add(k));
    for (const keyword of ['allOf', 'anyOf', 'oneOf', 'then', 'else']) {
      const list = s[keyword];
      if (Array.isArray(list)) list.forEach((b) => b && typeof b === 'object' && collect(b as JsonSchema));
      else if (list && typeof list === 'object') collect(list as JsonSchema);
    }
  };
  collect(node.schema);
  return [...names];
}

/** Required property names of a schema node (own `required` only: what every such object must have). */
export function requiredNames(node: SchemaNode): string[] {
  const r = node.schema.required;
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : [];
}

/** The JSON types a node admits (`type` keyword, or inferred from enum/const). */
export function schemaTypes(node: SchemaNode): string[] {
  const t = node.schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if (node.schema.properties) return ['object'];
  if (node.schema.items) return ['array'];
  return [];
}

/** Whether a node describes a calendar date (`format: date`). */
export function isDateSchema(node: SchemaNode): boolean {
  return node.schema.format === 'date';
}
