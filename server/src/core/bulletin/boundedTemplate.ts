// Mustache with bounds: a template (or a settings phrase) comes from the campaign folder, and a few
// hundred bytes of sections nested inside each other over the problem list would render for minutes
// into gigabytes. The nesting is checked before rendering, and the rendering counts its pieces and
// the characters it produced, stopping at the limits of templateLimits.json with TemplateLimitError.
import Mustache from 'mustache';
import limits from './templateLimits.json';

/** A template beyond one of the limits: which, and the limit. */
export class TemplateLimitError extends Error {
  constructor(
    readonly limit: 'depth' | 'steps' | 'size',
    readonly value: number,
  ) {
    super(`template ${limit} above ${value}`);
  }
}

/** The limits in force (templateLimits.json). */
export const TEMPLATE_LIMITS: Readonly<{ maxDepth: number; maxSteps: number; maxOutputChars: number }> = limits;

type Token = [string, string, number, number, Token[]?, ...unknown[]];

/** How deep the sections of parsed tokens nest (0: none). */
function depthOf(tokens: Token[]): number {
  // iterative: a template's nesting is what is being checked, not something to recurse on
  let max = 0;
  const stack: { list: Token[]; depth: number }[] = [{ list: tokens, depth: 0 }];
  while (stack.length) {
    const { list, depth } = stack.pop()!;
    for (const tok of list) {
      if ((tok[0] === '#' || tok[0] === '^') && Array.isArray(tok[4])) {
        max = Math.max(max, depth + 1);
        if (max > TEMPLATE_LIMITS.maxDepth) return max;
        stack.push({ list: tok[4], depth: depth + 1 });
      }
    }
  }
  return max;
}

/** Templates already found within the nesting limit (phrases are filled many times over). */
const checked = new Set<string>();

/** Throws TemplateLimitError when a template's sections nest deeper than allowed; Mustache's own errors (an unclosed section) pass through. */
export function checkTemplate(template: string): void {
  if (checked.has(template)) return;
  const depth = depthOf(Mustache.parse(template) as unknown as Token[]);
  if (depth > TEMPLATE_LIMITS.maxDepth) throw new TemplateLimitError('depth', TEMPLATE_LIMITS.maxDepth);
  if (checked.size > 1000) checked.clear();
  checked.add(template);
}

type Pieces = Record<'renderTokens' | 'rawValue' | 'escapedValue' | 'unescapedValue', (...args: unknown[]) => unknown>;

/** What the rendering under way has used (one at a time: rendering is synchronous and calls no user code). */
const used = { steps: 0, chars: 0 };

/**
 * One writer for every rendering (it keeps parsed templates), counting as it renders: each list of
 * tokens rendered (the top level, a section's body once per item) adds its tokens to the steps, and
 * each piece of text produced its characters (the output is exactly those pieces joined).
 */
const writer = (() => {
  const w = new Mustache.Writer() as unknown as Pieces;
  const renderTokens = w.renderTokens.bind(w);
  w.renderTokens = (...args) => {
    used.steps += (args[0] as unknown[]).length;
    if (used.steps > TEMPLATE_LIMITS.maxSteps) throw new TemplateLimitError('steps', TEMPLATE_LIMITS.maxSteps);
    return renderTokens(...args);
  };
  for (const piece of ['rawValue', 'escapedValue', 'unescapedValue'] as const) {
    const produce = w[piece].bind(w);
    w[piece] = (...args) => {
      const out = produce(...args);
      if (out !== undefined && out !== null) {
        used.chars += String(out).length;
        if (used.chars > TEMPLATE_LIMITS.maxOutputChars) throw new TemplateLimitError('size', TEMPLATE_LIMITS.maxOutputChars);
      }
      return out;
    };
  }
  return w as unknown as Mustache.Writer;
})();

/**
 * Renders a template (Mustache, no partials) with the limits: at most maxDepth nested sections,
 * maxSteps pieces rendered, maxOutputChars characters produced. Throws TemplateLimitError.
 */
export function renderBounded(template: string, view: unknown, escape: (value: unknown) => string): string {
  checkTemplate(template);
  used.steps = 0;
  used.chars = 0;
  return writer.render(template, view, undefined, { escape });
}
