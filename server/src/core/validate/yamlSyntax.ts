// YAML syntax problems (IR1xxx) in the inspector's words: the yaml library's English messages are
// replaced by our own, one stable code per kind of mistake, located at the library's offsets.
import { isScalar, visit, type ErrorCode, type YAMLError } from 'yaml';
import { Severity, type CoreDiagnostic, type Locale, type Range } from '../model';
import type { ParsedYaml } from '../yaml/yamlDocument';
import { YAML_LIMITS } from '../yaml/yamlDocument';
import { t } from './messages';
import { SYNTAX_CODES } from '../codes';

type SyntaxKind = keyof typeof SYNTAX_CODES;

const KIND_OF: Partial<Record<ErrorCode, SyntaxKind>> = {
  DUPLICATE_KEY: 'duplicateKey',
  BAD_INDENT: 'badIndent',
  TAB_AS_INDENT: 'tabIndent',
  MISSING_CHAR: 'missingChar',
  MULTILINE_IMPLICIT_KEY: 'implicitKey',
  BLOCK_AS_IMPLICIT_KEY: 'implicitKey',
  MULTIPLE_DOCS: 'multipleDocs',
  BAD_DQ_ESCAPE: 'badEscape',
  BAD_SCALAR_START: 'badScalarStart',
  BAD_ALIAS: 'badAlias',
  ALIAS_PROPS: 'badAlias',
  MULTIPLE_ANCHORS: 'badAlias',
  // while composing, the parser reports exhaustion only for nesting too deep for the stack;
  // too many aliases surface later, when converting (conversionDiagnostic)
  RESOURCE_EXHAUSTION: 'tooDeep',
  TAG_RESOLVE_FAILED: 'tag',
  MULTIPLE_TAGS: 'tag',
  BAD_COLLECTION_TYPE: 'tag',
  BAD_PROP_ORDER: 'tag',
  KEY_OVER_1024_CHARS: 'longKey',
  BAD_DIRECTIVE: 'directive',
  BLOCK_IN_FLOW: 'blockInFlow',
  NON_STRING_KEY: 'complexKey',
};

/** Syntax diagnostics of a parsed document: the parser's errors and warnings, and toJS failures. */
export function syntaxDiagnostics(parsed: ParsedYaml, locale: Locale): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const add = (e: YAMLError, severity: Severity): void => {
    let kind = KIND_OF[e.code] ?? 'unexpected';
    let range = parsed.rangeAt(e.pos[0], Math.max(e.pos[1], e.pos[0]));
    let message: string | undefined;
    const unclosed = kind === 'missingChar' || kind === 'badIndent' ? findUnclosed(parsed, e.pos[0]) : undefined;
    if (unclosed) {
      // the parser notices a missing quote or bracket where the file ends; the fix is where it opens
      kind = 'missingChar';
      range = parsed.rangeAt(unclosed.start, lineEnd(parsed.text, unclosed.start));
      message = unclosed.close
        ? t(locale, 'yaml.unclosedBracket', { open: unclosed.open, close: unclosed.close })
        : t(locale, 'yaml.unclosedQuote', { quote: unclosed.open });
    } else if (kind === 'missingChar') {
      const what = missingCharKind(parsed, e.pos[0]);
      if (what === 'badIndent' || what === 'tag' || what === 'badAlias') kind = what;
      else if (what) message = t(locale, `yaml.${what}`);
    } else if (kind === 'duplicateKey') ({ message, range } = duplicateKey(parsed, e.pos[0], range, locale));
    else if (kind === 'badScalarStart') message = t(locale, 'yaml.badScalarStart', { char: parsed.text.charAt(e.pos[0]) });
    else if (kind === 'aliasLimit') message = t(locale, 'yaml.aliasLimit', { limit: YAML_LIMITS.maxAliasCount });
    const code = SYNTAX_CODES[kind];
    // the parser may report one mistake twice from the same place (a key that is also a bad indent);
    // nesting too deep is one problem of the document however many levels hit the limit
    const samePlace = (d: CoreDiagnostic): boolean => d.range.start.line === range.start.line && d.range.start.character === range.start.character;
    if (out.some((d) => d.code === code && (kind === 'tooDeep' || samePlace(d)))) return;
    out.push({ range, severity, code, message: message ?? t(locale, `yaml.${kind}`), source: 'yaml' });
  };
  parsed.errors.forEach((e) => add(e, Severity.Error));
  parsed.warnings.forEach((e) => add(e, Severity.Warning));
  if (parsed.conversionError !== undefined) out.push(conversionDiagnostic(parsed, locale));
  return out;
}

/**
 * What a missing character that is no unclosed quote or bracket is: a plain line that needs `: ` to
 * be a key (`name:abc`, `name 儋州教育`), or a key indented off its level (the parser sees a list item
 * without `- `). Undefined when the text there looks like none of these.
 */
function missingCharKind(parsed: ParsedYaml, offset: number): 'colonWithoutSpace' | 'missingColon' | 'badIndent' | 'tag' | 'badAlias' | undefined {
  const { text } = parsed;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const line = text.slice(offset, lineEnd(text, offset));
  // a tag or anchor run into what follows (`!备注 …`: a tag may not hold Chinese characters)
  const token = /\S*$/.exec(before)![0];
  if (token.startsWith('!')) return 'tag';
  if (token.startsWith('&')) return 'badAlias';
  if (/^[ ]+[^\s#:'"[{-][^:]*:(\s|$)/.test(line) && before === '') return 'badIndent';
  // the rest only where a key starts: the first thing on its line
  if (before.trim() !== '' && !/^\s*-\s+$/.test(before)) return undefined;
  if (/^[^\s#:'"[{][^:]*:[^\s:]/.test(line)) return 'colonWithoutSpace';
  if (/^[^\s#:'"[{-][^:]*$/.test(line)) return 'missingColon';
  return undefined;
}

/** The quoted text or flow collection still open at `offset` (innermost), with its opening character. */
function findUnclosed(parsed: ParsedYaml, offset: number): { start: number; open: string; close?: string } | undefined {
  let found: { start: number; open: string; close?: string } | undefined;
  const consider = (range: readonly [number, number, number] | null | undefined, open: string, close?: string): void => {
    if (!range || range[0] >= offset || offset > range[2]) return;
    const source = parsed.text.slice(range[0], range[1]).trimEnd();
    const closing = close ?? open;
    if (source.length > 1 && source.endsWith(closing)) return;
    if (!found || range[0] > found.start) found = { start: range[0], open, close };
  };
  visit(parsed.doc, {
    Scalar(_, node) {
      if (node.type === 'QUOTE_DOUBLE') consider(node.range, '"');
      else if (node.type === 'QUOTE_SINGLE') consider(node.range, "'");
    },
    Map(_, node) {
      if (node.flow) consider(node.range, '{', '}');
    },
    Seq(_, node) {
      if (node.flow) consider(node.range, '[', ']');
    },
  });
  return found;
}

/** Where the line holding `offset` ends, before its line break (LF, CRLF or a lone CR). */
function lineEnd(text: string, offset: number): number {
  const m = /[\r\n]/.exec(text.slice(offset));
  return m ? offset + m.index : text.length;
}

/** The message (with the line where the key first appears) and the whole repeated key's range. */
function duplicateKey(parsed: ParsedYaml, offset: number, fallback: Range, locale: Locale): { message: string; range: Range } {
  let key = '';
  let range = fallback;
  let firstLine: number | undefined;
  visit(parsed.doc, {
    Map(_, map) {
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) return undefined;
      key = String(dup.key.value);
      if (dup.key.range) range = parsed.rangeAt(dup.key.range[0], dup.key.range[1]);
      const first = map.items.find((p) => p !== dup && isScalar(p.key) && String(p.key.value) === key);
      const start = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (start !== undefined) firstLine = parsed.positionAt(start).line + 1;
      return visit.BREAK;
    },
  });
  if (!key) key = /^[^:\n]*/.exec(parsed.text.slice(offset))![0].trim();
  const message =
    firstLine !== undefined ? t(locale, 'yaml.duplicateKey', { key, line: firstLine }) : t(locale, 'yaml.duplicateKeyUnknownFirst', { key });
  return { message, range };
}

/** toJS failed: an alias without anchor, or too many aliases (a "billion laughs" document). */
function conversionDiagnostic(parsed: ParsedYaml, locale: Locale): CoreDiagnostic {
  let firstAlias: [number, number] | undefined;
  let unresolved: [number, number] | undefined;
  visit(parsed.doc, {
    Alias(_, alias) {
      const range: [number, number] | undefined = alias.range ? [alias.range[0], alias.range[1]] : undefined;
      firstAlias ??= range;
      if (alias.resolve(parsed.doc)) return undefined;
      unresolved = range;
      return visit.BREAK;
    },
  });
  const at = unresolved ?? firstAlias;
  const range = at ? parsed.rangeAt(at[0], at[1]) : parsed.rangeOf([]);
  // without any alias the conversion can only have run out of stack: nesting too deep
  const kind = unresolved ? 'badAlias' : parsed.cyclicAlias ? 'cyclicAlias' : firstAlias ? 'aliasLimit' : 'tooDeep';
  const message = kind === 'aliasLimit' ? t(locale, 'yaml.aliasLimit', { limit: YAML_LIMITS.maxAliasCount }) : t(locale, kind === 'badAlias' ? 'yaml.unresolvedAlias' : `yaml.${kind}`);
  return { range, severity: Severity.Error, code: SYNTAX_CODES[kind], message, source: 'yaml' };
}
