// The bulletins of the corpus (real bulletins of other provinces, cities and counties), each from a
// test campaign of test/fixtures/bulletins/<nn-issuer>/: records that fail by their facts (written
// by scripts/make-bulletin-fixtures.ts) and settings alone (campaign.yaml, written by hand). Every
// printed figure and every named entity the corpus shows, copied by hand into expected.json, must
// be in the bulletin as printed; every generated sentence must read right (no 的存在, no doubled
// baseline, no dangling ；, no empty paragraph, no names run together).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { aggregateCampaign } from '../../server/src/core/bulletin/aggregate';
import type { BulletinModel } from '../../server/src/core/bulletin/bulletinModel';
import { renderMarkdown } from '../../server/src/core/bulletin/render/markdown';
import { loadTemplate, resolveSettings } from '../../server/src/core/bulletin/settings';
import { analyseForBulletin, openCampaign } from '../../server/src/core/actions';
import { flat, grammarFaults } from './support/bulletinText';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'bulletins');

interface Expected {
  corpus: string;
  printed: string[];
  names: string[];
  /** Strings the bulletin must not print (a figure the corpus prints inconsistently, say). */
  absent?: string[];
  /** Model figures that the printed strings do not show on their own. */
  figures?: Record<string, number | string>;
}

const fixtures = existsSync(CORPUS) ? readdirSync(CORPUS).filter((d) => existsSync(path.join(CORPUS, d, 'expected.json'))).sort() : [];
/** The corpus itself: one Markdown copy per real bulletin. */
const CORPUS_COPIES = path.join(ROOT, '..', 'shared', 'domain', 'bulletin-corpus');

describe('the bulletins of the corpus, by settings alone', function () {
  this.timeout(120000);

  it('has a test campaign with settings and expected strings for every bulletin of the corpus', () => {
    const campaigns = readdirSync(CORPUS).filter((d) => !d.endsWith('-previous')).sort();
    assert.equal(campaigns.length, 18, campaigns.join(', '));
    assert.deepEqual(campaigns.filter((d) => !fixtures.includes(d)), [], 'a corpus bulletin without campaign.yaml and expected.json');
    for (const d of campaigns) assert.ok(existsSync(path.join(CORPUS, d, 'campaign.yaml')), `${d} has no campaign.yaml`);
    // each names the corpus file it reproduces (and, where the corpus is beside the checkout, that file exists)
    for (const d of fixtures) {
      const { corpus } = JSON.parse(readFileSync(path.join(CORPUS, d, 'expected.json'), 'utf8')) as Expected;
      assert.equal(corpus, `${d}.md`, `${d}/expected.json names another corpus file`);
      if (existsSync(CORPUS_COPIES)) assert.ok(existsSync(path.join(CORPUS_COPIES, corpus)), `${corpus} is not in the corpus`);
    }
  });

  for (const dir of fixtures) {
    it(dir, async () => {
      const expected = JSON.parse(readFileSync(path.join(CORPUS, dir, 'expected.json'), 'utf8')) as Expected;
      // a previous campaign sits beside its campaign: read because the corpus folder is allowed, as a user allows it
      const campaign = await openCampaign(path.join(CORPUS, dir), { locale: 'zh-cn', keepTexts: false, allowed: [CORPUS] });
      const c = await analyseForBulletin(campaign);
      const s = resolveSettings(c.config.bulletin, c.config);
      const model: BulletinModel = aggregateCampaign(c, s);
      const md = renderMarkdown(model, loadTemplate(s, c.root, 'zh-cn'));
      const text = flat(md);
      const missing = [...expected.printed, ...expected.names].filter((p) => !text.includes(flat(p)));
      assert.deepEqual(missing, [], `not printed as the bulletin prints it:\n${md.split('\n---\n')[0]}`);
      for (const a of expected.absent ?? []) assert.ok(!text.includes(flat(a)), `printed, though it must not be: ${a}`);
      assert.deepEqual(grammarFaults(md), []);
      assert.deepEqual([...model.sumMismatches, ...model.namedSumMismatches], [], 'every breakdown adds up to its total');
      for (const [key, value] of Object.entries(expected.figures ?? {})) {
        const [kind, figure] = key.split('.') as ['websites' | 'media', string];
        assert.equal((model[kind] as unknown as Record<string, unknown>)[figure], value, key);
      }
    });
  }
});
