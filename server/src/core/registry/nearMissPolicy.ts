// Which similar names are near misses worth a "did you mean …": the registrant dropped or added a
// character (卫健委 / 卫生健康委, 儋州教育 / 儋州教育官方) — not names that differ in a character of
// their own. In Chinese one character in place of another is another word: 第一中学 and 第四中学 are
// two schools, 东莞 and 增城 two places, 财政 and 民政 two departments. Suggesting those would hide a
// 漏报 behind an implausible suggestion; so a near miss is one name found inside the other (in order),
// what the longer one adds is no number or ordinal (第八人民医院 is not 人民医院, 第十六 not 第六) —
// unless the shorter one plainly lost it (第中学: an ordinal with no number is a slip of the pen) —
// and they name no two different places.
import rules from './normalisationRules.json';
import type { UnitNames } from './normalise';

const NUMERALS = new Set(rules.nearMissNumerals.characters);
const ORDINALS = new Set(rules.nearMissNumerals.ordinalMarkers);

/** The characters of `longer` left over when `shorter` is read inside it in order, or undefined when it is not. */
export function addedCharacters(shorter: string, longer: string): string | undefined {
  let i = 0;
  let added = '';
  for (const c of longer) {
    if (i < shorter.length && c === shorter[i]) i++;
    else added += c;
  }
  return i === shorter.length ? added : undefined;
}

/** The numbers a name holds, as written (runs of numeral characters): 第十六幼儿园 → [十六]. */
export function numbersOf(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const c of text) {
    if (NUMERALS.has(c)) run += c;
    else if (run) (out.push(run), (run = ''));
  }
  if (run) out.push(run);
  return out;
}

/** Whether a name holds an ordinal marker with no number after it (第中学): a number lost in typing. */
function hasBareOrdinal(text: string): boolean {
  const chars = [...text];
  return chars.some((c, i) => ORDINALS.has(c) && !NUMERALS.has(chars[i + 1] ?? ''));
}

/**
 * Whether `key` (a registry name) is a near miss of `query` (a record's name), both normalised: one
 * holds the other in order, what it adds holds no numeral, and they name no two different places.
 * `region` is the record's own (it places a name that does not say where it is).
 */
export function isMeaningfulNearMiss(query: string, key: string, units: UnitNames, region?: string): boolean {
  const [shorter, longer] = query.length <= key.length ? [query, key] : [key, query];
  const added = addedCharacters(shorter, longer);
  if (added === undefined || added.length === 0) return false;
  if (numbersOf(added).length > 0 && !(numbersOf(shorter).length === 0 && hasBareOrdinal(shorter))) return false;
  const here = units.placeOf(query, region);
  const there = units.placeOf(key);
  return !here || !there || here === there;
}
