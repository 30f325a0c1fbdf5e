// The shipped record and campaign schemas: every property titled and described in Chinese with an
// English entry, enums identical to the model's constants, strict draft 2020-12, lookups by path, and
// the documented examples (docs/ARCHITECTURE.md) valid.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  COLUMN_CATEGORIES,
  GUIDE_ELEMENTS,
  INTERACTION_COLUMN_TYPES,
  MEDIA_STATUSES,
  OWNER_LEVELS,
  PLATFORMS,
  RECORD_SOURCES,
  SITE_TYPES,
} from '../../server/src/core/model';
import { SCHEMA_BASE, schemaAt, schemaEnglish, schemaFileForKind, schemaLoadProblems, schemaOf, schemaText } from '../../server/src/core/schemas';
import { validateDocument } from '../../server/src/core/validate/validateDocument';
import { parseYaml } from '../../server/src/core/yaml/yamlDocument';

/** The schemas of this part (others ship their own and test them). */
const OWN = ['common-defs.schema.json', 'website-record.schema.json', 'media-record.schema.json', 'campaign.schema.json'];
const ROOT = path.resolve(__dirname, '../..');
const readSchema = (file: string) => JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as Record<string, unknown>;

/** Every property schema (under any `properties`) with its JSON pointer. */
function properties(node: unknown, pointer = ''): { pointer: string; schema: Record<string, unknown> }[] {
  const out: { pointer: string; schema: Record<string, unknown> }[] = [];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...properties(v, `${pointer}/${i}`)));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === 'properties' && v && typeof v === 'object') {
        for (const [name, sub] of Object.entries(v)) {
          out.push({ pointer: `${p}/${name}`, schema: sub as Record<string, unknown> });
          out.push(...properties(sub, `${p}/${name}`));
        }
      } else out.push(...properties(v, p));
    }
  }
  return out;
}

function enumAt(file: string, pointer: string): unknown[] {
  let node: unknown = readSchema(file);
  for (const seg of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[seg];
  return (node as { enum: unknown[] }).enum;
}

describe('schemas', () => {
  it('load without problems, each with the $id of its file name', () => {
    assert.deepEqual(schemaLoadProblems(), []);
    for (const file of OWN) assert.equal(schemaOf(file)?.$id, SCHEMA_BASE + file);
    assert.equal(schemaFileForKind('website'), 'website-record.schema.json');
    assert.equal(schemaFileForKind('media'), 'media-record.schema.json');
    assert.equal(schemaFileForKind('campaign'), 'campaign.schema.json');
  });

  it('compile under Ajv strict mode (no unknown keywords, no ambiguous types)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: `${SCHEMA_BASE}bulletin-settings.schema.json` });
    for (const file of OWN) ajv.addSchema(readSchema(file));
    for (const file of OWN.slice(1)) assert.ok(ajv.getSchema(SCHEMA_BASE + file), file);
  });

  it('title and describe every property in Chinese', () => {
    for (const file of OWN) {
      for (const { pointer, schema } of properties(readSchema(file))) {
        for (const key of ['title', 'description'] as const) {
          const text = schema[key];
          assert.ok(typeof text === 'string' && /[\u4e00-\u9fff]/.test(text), `${file}#${pointer} ${key}: ${String(text)}`);
        }
      }
    }
  });

  it('have an English title and description for every property, and no stale entries', () => {
    const english = schemaEnglish();
    const expected = new Set<string>();
    for (const file of OWN) {
      for (const { pointer } of properties(readSchema(file))) {
        const key = `${file}#${pointer}`;
        expected.add(key);
        const entry = english[key];
        assert.ok(entry?.title && entry.description, `no English for ${key}`);
        assert.doesNotMatch(`${entry.title}${entry.description}`, /^[\u4e00-\u9fff]/, key);
      }
    }
    const own = JSON.parse(readFileSync(path.join(ROOT, 'l10n/schema.en.json'), 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(own)) {
      const [file, pointer] = key.split('#');
      let node: unknown = readSchema(file);
      for (const seg of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[seg];
      assert.ok(node && typeof node === 'object', `stale English entry ${key}`);
    }
  });

  it('keep their enums identical to the model constants', () => {
    assert.deepEqual(enumAt('media-record.schema.json', '/properties/platform'), [...PLATFORMS]);
    assert.deepEqual(enumAt('media-record.schema.json', '/properties/status'), [...MEDIA_STATUSES]);
    for (const file of ['website-record.schema.json', 'media-record.schema.json']) {
      assert.deepEqual(enumAt(file, '/properties/ownerLevel'), [...OWNER_LEVELS], file);
      assert.deepEqual(enumAt(file, '/properties/source'), [...RECORD_SOURCES], file);
    }
    assert.deepEqual(enumAt('website-record.schema.json', '/properties/siteType'), [...SITE_TYPES]);
    assert.deepEqual(enumAt('website-record.schema.json', '/properties/columns/items/properties/category'), [...COLUMN_CATEGORIES]);
    assert.deepEqual(
      enumAt('website-record.schema.json', '/properties/interaction/properties/columns/items/properties/type'),
      [...INTERACTION_COLUMN_TYPES],
    );
    assert.deepEqual(
      enumAt('website-record.schema.json', '/properties/services/properties/guides/items/properties/missing/items'),
      [...GUIDE_ELEMENTS],
    );
    assert.deepEqual(enumAt('campaign.schema.json', '/properties/period/properties/quarter'), [1, 2, 3, 4]);
  });

  it('refuse unknown keys in records and the campaign file', () => {
    for (const file of OWN.slice(1)) assert.equal(readSchema(file).additionalProperties, false, file);
  });

  describe('schemaAt', () => {
    it('resolves $ref while keeping the property\'s own title', () => {
      const node = schemaAt('website-record.schema.json', ['checkDate']);
      assert.equal(node?.schema.format, 'date');
      assert.deepEqual([node?.file, node?.pointer], ['website-record.schema.json', '/properties/checkDate']);
      assert.deepEqual(schemaText(node!, 'zh-cn').title, '检查日期');
      assert.deepEqual(schemaText(node!, 'en').title, 'Check date');
    });

    it('walks list items and shared definitions', () => {
      assert.deepEqual(schemaAt('website-record.schema.json', ['columns', 3, 'category'])?.schema.enum, [...COLUMN_CATEGORIES]);
      const seen = schemaAt('media-record.schema.json', ['findings', 0, 'evidence', 'seen'])!;
      assert.deepEqual([seen.file, seen.pointer], ['common-defs.schema.json', '/$defs/evidence/properties/seen']);
      assert.equal(schemaText(seen, 'zh-cn').title, '发现日期');
      assert.equal(schemaText(seen, 'en').description, 'Date the inspector saw the problem (YYYY-MM-DD).');
      assert.equal(schemaAt('campaign.schema.json', ['population', 'media'])?.schema.title, '新媒体总数');
    });

    it('gives undefined where the schema has nothing', () => {
      assert.equal(schemaAt('website-record.schema.json', ['nosuchkey']), undefined);
      assert.equal(schemaAt('website-record.schema.json', ['name', 'deeper']), undefined);
      assert.equal(schemaAt('no-such.schema.json', []), undefined);
    });
  });

  for (const doc of ['docs/ARCHITECTURE.md', 'README.md']) {
    it(`accept the YAML examples of ${doc}`, () => {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
      assert.ok(blocks.length >= 2);
      for (const block of blocks) {
        const r = validateDocument(parseYaml(block), 'zh-cn');
        assert.deepEqual(r.diagnostics.map((d) => d.message), [], block.split('\n')[0]);
        assert.ok(r.kind === 'website' || r.kind === 'media' || r.kind === 'campaign', block.split('\n')[0]);
      }
    });
  }
});
