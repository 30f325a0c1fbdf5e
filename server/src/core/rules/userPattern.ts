// Regular expressions written in profiles (`matches`, `notMatches`): a profile may come from the
// campaign folder, and a pattern such as `^(a|a)*$` or `^(.*a){12}$` makes a backtracking engine
// run for minutes on a near-matching value. Profile patterns therefore run on RE2's linear-time
// automaton (re2js, a JavaScript port of RE2): every match takes time proportional to the text,
// whatever the pattern. RE2's syntax is JavaScript's without lookaround and backreferences (their
// absence is what makes it linear); a pattern using them is reported as unsupported.
import { RE2JS } from 're2js';

/** A compiled profile pattern: whether it occurs in a text (like RegExp.test, unanchored). */
export interface UserPattern {
  test(text: string): boolean;
}

/** A pattern RE2 cannot compile: its own message (English, technical) for the diagnostic. */
export class UserPatternError extends Error {}

const compiled = new Map<string, UserPattern>();

/** Compiles a profile pattern once (throws UserPatternError when RE2 does not accept it). */
export function compileUserPattern(source: string): UserPattern {
  let hit = compiled.get(source);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    throw new UserPatternError(e instanceof Error ? e.message.replace(/^error parsing regexp:\s*/, '') : String(e));
  }
  hit = { test: (text) => re.matcher(text).find() };
  // profiles hold a handful of patterns; a bound keeps an editor session typing patterns from growing
  if (compiled.size > 500) compiled.clear();
  compiled.set(source, hit);
  return hit;
}
