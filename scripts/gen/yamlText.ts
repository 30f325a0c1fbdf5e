// Writes generated records as YAML in the house style of hand-written records: block mappings at
// the top, one flow mapping per list item (`- { name: 政策解读, lastUpdate: 2020-11-03 }`), plain
// scalars where YAML reads them back as the same string, quotes where it would not (`"4600000012"`).

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`~][^:#,[\]{}\n\r\t]*$/;
const PLAIN_UNSAFE_WORDS = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const LOOKS_NUMERIC = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A scalar as YAML source text, quoted only when a plain scalar would read back differently. */
export function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  if (ISO_DATE.test(v)) return v; // read back as a string under the YAML 1.2 core schema
  if (v === '' || !PLAIN_SAFE.test(v) || v !== v.trim() || PLAIN_UNSAFE_WORDS.test(v) || LOOKS_NUMERIC.test(v)) {
    return JSON.stringify(v);
  }
  return v;
}

function isFlat(v: YamlValue): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object');
  return false;
}

/** A value on one line: scalars, flat lists and mappings of flat values. */
function flow(v: YamlValue): string {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${scalar(k)}: ${flow(x)}`);
  return `{ ${parts.join(', ')} }`;
}

function isFlowMapping(v: YamlValue): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === undefined || isFlat(x));
}

function block(v: { [key: string]: YamlValue | undefined }, indent: string, out: string[], flowKeys: ReadonlySet<string>): void {
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    const key = `${indent}${scalar(k)}:`;
    if (x === null || typeof x !== 'object') {
      out.push(`${key} ${scalar(x)}`);
    } else if (Array.isArray(x)) {
      if (x.length === 0) {
        out.push(`${key} []`);
      } else if (x.every(isFlat)) {
        out.push(`${key} ${flow(x)}`);
      } else {
        out.push(key);
        for (const item of x) {
          if (isFlowMapping(item)) {
            out.push(`${indent}  - ${flow(item)}`);
          } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
            const inner: string[] = [];
            block(item, `${indent}    `, inner, flowKeys);
            if (inner.length) inner[0] = `${indent}  - ${inner[0].slice(indent.length + 4)}`;
            out.push(...inner);
          } else {
            out.push(`${indent}  - ${flow(item)}`);
          }
        }
      }
    } else if (flowKeys.has(k) && isFlowMapping(x)) {
      out.push(`${key} ${flow(x)}`);
    } else {
      out.push(key);
      block(x, `${indent}  `, out, flowKeys);
    }
  }
}

/** A mapping as a YAML document; keys in `flowKeys` whose values are flat are written on one line. */
export function toYaml(value: { [key: string]: YamlValue | undefined }, flowKeys: Iterable<string> = []): string {
  const out: string[] = [];
  block(value, '', out, new Set(flowKeys));
  return out.join('\n') + '\n';
}
