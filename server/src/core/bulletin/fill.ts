// Filling a settings phrase's {{placeholders}}: logic-less Mustache over a view without prototypes,
// no escaping (the output is plain text; renderers escape for their format).
import { displayValue } from '../l10n';
import { renderBounded } from './boundedTemplate';

const RAW = { escape: (s: unknown) => displayValue(s) };

/**
 * A Mustache view without prototypes: Mustache looks names up with `in` and calls the functions it
 * finds, so a template from the workspace could otherwise reach `__proto__`, `constructor` or an
 * array's `push` and change objects of the whole process. Plain objects and arrays are copied into
 * null-prototype ones; everything else is kept.
 */
export function logicLessView(view: unknown): unknown {
  if (Array.isArray(view)) return Object.setPrototypeOf(view.map(logicLessView), null) as unknown[];
  if (view === null || typeof view !== 'object' || Object.getPrototypeOf(view) !== Object.prototype) return view;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(view)) out[k] = logicLessView(v);
  return out;
}

/** Fills a settings phrase's `{{placeholders}}` (Mustache, no escaping: the output is plain text). */
export function fill(phrase: string, view: object): string {
  if (!phrase.includes('{{')) return phrase;
  return renderBounded(phrase, logicLessView(view), RAW.escape);
}
