// Text that does not say what it shows (IR2114): control characters, bidirectional overrides such as
// U+202E and invisible characters in any key or value, usually pasted from a web page. Warnings on
// the character itself when it is written literally, else on the whole value; the outputs escape
// them anyway (core/io/unsafeText.ts), so the warning is about fixing the record.
import { findUnsafeChars, type UnsafeChar } from '../io/unsafeText';
import { Severity, type CoreDiagnostic, type NodePath, type Range } from '../model';
import { t } from './messages';
import { label, rangeFor, type SchemaContext } from './messageParts';
import { SCHEMA_CODES } from '../codes';

/** Distinct characters named in one message, at most. */
const MAX_NAMED = 3;

/** Warnings for keys and string values holding control, bidi or invisible characters. */
export function unsafeTextDiagnostics(ctx: SchemaContext): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  // explicit stack: a hostile document may nest deeply
  const stack: { value: unknown; path: NodePath }[] = [{ value: ctx.parsed.value, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const found = findUnsafeChars(value);
      if (found.length > 0) out.push(unsafeDiagnostic(ctx, path, 'value', found));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const found = findUnsafeChars(k);
        if (found.length > 0) out.push(unsafeDiagnostic(ctx, [...path, k], 'key', found));
        stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return out;
}

function unsafeDiagnostic(ctx: SchemaContext, path: NodePath, part: 'value' | 'key', found: UnsafeChar[]): CoreDiagnostic {
  const { locale } = ctx;
  const codes = [...new Set(found.map((c) => `U+${c.code.toString(16).toUpperCase().padStart(4, '0')}`))];
  const named = codes.slice(0, MAX_NAMED).join(t(locale, 'list.separator')) + (codes.length > MAX_NAMED ? '…' : '');
  const kind = found[0].kind;
  const message = t(locale, 'text.unsafe', {
    label: label(ctx, path),
    what: t(locale, `text.unsafe.${kind}`),
    codes: named,
    why: t(locale, `text.unsafe.${kind}.why`),
  });
  return { range: characterRange(ctx, path, part, found[0]), severity: Severity.Warning, code: SCHEMA_CODES.unsafeText, message, source: 'schema' };
}

/** The character itself when the source holds it literally inside the node, else the node's range. */
function characterRange(ctx: SchemaContext, path: NodePath, part: 'value' | 'key', c: UnsafeChar): Range {
  const { parsed } = ctx;
  const range = part === 'key' ? parsed.keyRange(path) : parsed.nodeRange(path);
  if (range) {
    const ch = String.fromCharCode(c.code);
    const at = parsed.text.indexOf(ch, range.start);
    if (at >= 0 && at < range.end) return parsed.rangeAt(at, at + 1);
  }
  return rangeFor(parsed, path, part);
}
