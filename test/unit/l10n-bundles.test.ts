// Every word in the user's language: each key of every message bundle (l10n/messages/*.json) walked
// in both languages — both texts there, the same placeholders (English may fold a Chinese measure
// word into its phrasing), every placeholder filled when rendered, Chinese text in Chinese and
// English text in English — and every key the code asks for by name exists in a bundle.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalogue, type MessageBundle } from '../../server/src/core/l10n';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'l10n', 'messages');
const bundles = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, bundle: JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as MessageBundle }));
const HAN = /[\u4e00-\u9fff]/g;
const placeholders = (s: string): Set<string> => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
/** Chinese measure words and comparison words English phrasing folds in. */
const CHINESE_ONLY = new Set(['unit', 'cmp']);

describe('message bundles in both languages', () => {
  it('finds the bundles (the walk itself works)', () => {
    assert.ok(bundles.length >= 10, bundles.map((b) => b.name).join(', '));
    assert.ok(bundles.some((b) => 'check.summary' in b.bundle));
  });

  it('has both texts of every key, with the same placeholders', () => {
    const problems: string[] = [];
    for (const { name, bundle } of bundles) {
      for (const [key, entry] of Object.entries(bundle)) {
        // English has no measure words: an empty English text stands only for a short Chinese one (个, 条)
        const measureWord = entry['zh-cn']?.trim().length <= 2 && entry.en === '';
        if (!entry['zh-cn']?.trim() || (!entry.en?.trim() && !measureWord)) problems.push(`${name} ${key}: a text is empty`);
        const zh = placeholders(entry['zh-cn']);
        const en = placeholders(entry.en);
        for (const p of en) if (!zh.has(p)) problems.push(`${name} ${key}: {${p}} only in English`);
        for (const p of zh) if (!en.has(p) && !CHINESE_ONLY.has(p)) problems.push(`${name} ${key}: {${p}} only in Chinese`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('renders every key in both languages with nothing left unfilled, Chinese in Chinese and English in English', () => {
    const problems: string[] = [];
    for (const { name, bundle } of bundles) {
      const t = catalogue(bundle);
      for (const key of Object.keys(bundle)) {
        const args = Object.fromEntries([...placeholders(bundle[key]['zh-cn']), ...placeholders(bundle[key].en)].map((p) => [p, 7]));
        // the same in both languages by nature (the program's name and version): nothing to compare
        if (bundle[key]['zh-cn'] === bundle[key].en) continue;
        for (const locale of ['zh-cn', 'en'] as const) {
          const text = t(locale, key as never, args);
          if (/\{\w+\}/.test(text)) problems.push(`${name} ${key} (${locale}): unfilled ${text}`);
          const han = (text.match(HAN) ?? []).length;
          const letters = (text.match(/[A-Za-z]/g) ?? []).length;
          // Chinese text holds Chinese unless it holds no words at all (HTTP {status}, a version line)
          if (locale === 'zh-cn' && han === 0 && letters > 12) problems.push(`${name} ${key}: not Chinese: ${text}`);
          // English may name Chinese terms (报送系统, 正常/关停 …), never be mostly Chinese
          if (locale === 'en' && han > letters) problems.push(`${name} ${key}: not English: ${text}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has every key the code asks for by name', () => {
    const known = new Set(bundles.flatMap((b) => Object.keys(b.bundle)));
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name)) sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    walk(path.join(ROOT, 'scripts'));
    // a translate function called with a locale and a literal key: t(locale, 'area.key' …)
    const call = /\b\w+\(\s*[\w.]*locale\w*\s*,\s*'([a-z][\w-]*(?:\.[\w-]+)+)'/gi;
    const asked = new Set(sources.flatMap((src) => [...src.matchAll(call)].map((m) => m[1])));
    assert.ok(asked.size > 200, `only ${asked.size} keys found: the search is broken`);
    assert.deepEqual([...asked].filter((k) => !known.has(k)), []);
  });
});
