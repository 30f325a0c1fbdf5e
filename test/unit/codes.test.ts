// The code table (server/src/core/codes.ts) is the only place a diagnostic code is written: every
// code appears there once, and no product source spells one as a literal.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as codes from '../../server/src/core/codes';

const REPO = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.m?ts$/.test(name) ? [full] : [];
  });
}

/** The text without comments (a code may be named in a comment that explains it). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/ .*$/gm, '');
}

describe('the code table', () => {
  const tables = Object.entries(codes).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v)) as [string, Record<string, string>][];

  it('gives every code once, in the range its group says', () => {
    const all = tables.flatMap(([, t]) => Object.values(t));
    assert.ok(all.length > 100, `only ${all.length} codes`);
    assert.deepEqual(all.filter((c, i) => all.indexOf(c) !== i), []);
    const ranges: Record<string, RegExp> = {
      SYNTAX_CODES: /^IR1\d{3}$/, DOCUMENT_CODES: /^IR20\d{2}$/, SCHEMA_CODES: /^IR21\d{2}$/, DATE_CODES: /^IR3\d{3}$/,
      FOLDER_CODES: /^IR40\d{2}$/, READ_CODES: /^IR41\d{2}$/, PROFILE_CODES: /^IR50\d{2}$/, VERDICT_CODES: /^IR5[1-3]\d{2}$/,
      SUPPRESSION_CODES: /^IR6\d{3}$/, REGISTRY_CODES: /^REG-[A-Z-]+$/,
    };
    for (const [name, table] of tables) {
      const range = ranges[name];
      if (!range) continue; // a later group (probe …) keeps its own range
      for (const code of Object.values(table)) assert.match(code, range, `${name}: ${code}`);
    }
  });

  it('is the only place a code is written', () => {
    const offenders: string[] = [];
    for (const file of [...sources(path.join(REPO, 'server/src')), ...sources(path.join(REPO, 'client/src')), ...sources(path.join(REPO, 'shared'))]) {
      if (file.endsWith(path.join('core', 'codes.ts'))) continue;
      for (const m of withoutComments(readFileSync(file, 'utf8')).matchAll(/['"`](IR\d{4}|REG-[A-Z-]+)['"`]/g)) offenders.push(`${path.relative(REPO, file)}: ${m[1]}`);
    }
    assert.deepEqual(offenders, []);
  });
});
