// Each normalisation that keeps names in records and exports from producing false 漏报.
import { strict as assert } from 'node:assert';
import {
  canonicalPlatform,
  isProvincialRegion,
  isWellFormedSiteCode,
  normaliseAccountId,
  normaliseText,
  rowState,
  siteNameKey,
  UnitNames,
  urlKeys,
} from '../../server/src/core/registry/normalise';
import { PLATFORMS } from '../../server/src/core/model';

describe('registry normalisation', () => {
  describe('normaliseText', () => {
    it('simplifies to a fixed point: the form of a form is itself (薴 → 苎 → 苧, found by the property test)', () => {
      const once = normaliseText('薴麻站');
      assert.equal(normaliseText(once), once);
      assert.equal(normaliseText('苎麻站'), once);
    });
    it('folds full-width letters, digits and brackets to half width (NFKC) and lower case', () => {
      assert.equal(normaliseText('ＨＡＩＮＡＮ１２３（试点）'), 'hainan123(试点)');
    });
    it('drops quotes of every kind', () => {
      assert.equal(normaliseText('“儋州教育”'), '儋州教育');
      assert.equal(normaliseText('「儋州教育」'), '儋州教育');
      assert.equal(normaliseText('『儋州教育』'), '儋州教育');
      assert.equal(normaliseText('"儋州\'教育\''), '儋州教育');
      assert.equal(normaliseText('《海南日报》'), '海南日报');
    });
    it('unifies brackets 【】〔〕［］ to ( )', () => {
      assert.equal(normaliseText('海南【试】〔2021〕［一］'), '海南(试)(2021)(一)');
    });
    it('removes spaces, ideographic spaces, tabs and zero-width characters', () => {
      assert.equal(normaliseText(' 儋州\u3000教育\t\u200b局 '), '儋州教育局');
    });
    it('converts traditional characters to simplified', () => {
      assert.equal(normaliseText('海南司法行政網'), '海南司法行政网');
      assert.equal(normaliseText('美蘭監獄'), '美兰监狱');
      assert.equal(normaliseText('海南省衛生健康委員會'), '海南省卫生健康委员会');
    });
    it('leaves simplified text and ASCII IDs as they are (apart from case)', () => {
      assert.equal(normaliseText('儋州市生态环境局'), '儋州市生态环境局');
      assert.equal(normaliseText('dzjy0898'), 'dzjy0898');
    });
  });

  it('normaliseAccountId: width, spaces, leading @ and case', () => {
    assert.equal(normaliseAccountId(' @ＤＺＪＹ 0898 '), 'dzjy0898');
  });

  describe('canonicalPlatform', () => {
    it('maps the WeChat spellings to 微信公众号', () => {
      for (const s of ['微信', '微信公众号', '公众号', '服务号', '订阅号', '微信服务号', 'WeChat', '「公众号」']) assert.equal(canonicalPlatform(s), '微信公众号', s);
    });
    it('maps other aliases', () => {
      assert.equal(canonicalPlatform('微博'), '新浪微博');
      assert.equal(canonicalPlatform('新浪微博'), '新浪微博');
      assert.equal(canonicalPlatform('头条'), '今日头条号');
      assert.equal(canonicalPlatform('今日头条'), '今日头条号');
      assert.equal(canonicalPlatform('抖音号'), '抖音');
      assert.equal(canonicalPlatform('B站'), '哔哩哔哩');
      assert.equal(canonicalPlatform('APP'), '移动客户端');
      assert.equal(canonicalPlatform('其它'), '其他');
      assert.equal(canonicalPlatform('視頻號'), '微信视频号');
    });
    it('knows every canonical platform by its own name and nothing unknown', () => {
      for (const p of PLATFORMS) assert.equal(canonicalPlatform(p), p);
      assert.equal(canonicalPlatform('脸书'), undefined);
      assert.equal(canonicalPlatform(''), undefined);
    });
  });

  it('rowState reads the status words', () => {
    assert.equal(rowState('正常'), 'running');
    assert.equal(rowState('运行'), 'running');
    assert.equal(rowState(''), 'running');
    assert.equal(rowState(undefined), 'running');
    assert.equal(rowState('关停'), 'closed');
    assert.equal(rowState('已关停'), 'closed');
    assert.equal(rowState('注销'), 'deregistered');
    assert.equal(rowState('已注销'), 'deregistered');
    assert.equal(rowState('例外'), 'exception');
    assert.equal(rowState('暂停'), 'unknown');
  });

  it('isProvincialRegion', () => {
    assert.equal(isProvincialRegion('省直'), true);
    assert.equal(isProvincialRegion('海口市'), false);
    assert.equal(isProvincialRegion(undefined), false);
  });

  describe('UnitNames (short vs full unit names)', () => {
    const units = new UnitNames();
    units.addRegion('海口市');
    units.addRegion('三亚市');
    units.addRegion('琼中黎族苗族自治县');
    units.addRegion('省直');
    units.addProvinceOf('海南省司法厅');

    it('splits region prefixes (full and short forms) from the core', () => {
      assert.deepEqual(units.parse('海南省海口市人民政府'), { regions: ['海南省', '海口市'], generic: undefined, core: '政府' });
      assert.deepEqual(units.parse('省司法厅'), { regions: [], generic: 'province', core: '司法厅' });
      assert.deepEqual(units.parse('海口教育'), { regions: ['海口市'], generic: undefined, core: '教育' });
      assert.deepEqual(units.parse('琼中教育局'), { regions: ['琼中黎族苗族自治县'], generic: undefined, core: '教育局' });
      // 省直 is no place name: it is not stripped
      assert.deepEqual(units.parse('省直机关工委'), { regions: [], generic: 'province', core: '直机关工委' });
    });
    it('treats short and full names of one unit as the same', () => {
      assert.equal(units.same('省司法厅', '海南省司法厅'), true);
      assert.equal(units.same('海南司法厅', '海南省司法厅'), true);
      assert.equal(units.same('海口市政府', '海南省海口市人民政府'), true);
      assert.equal(units.same('司法厅', '海南省司法厅'), true);
      assert.equal(units.same('“海南省司法厅”', '海南省司法厅'), true);
    });
    it('keeps units of different places apart', () => {
      assert.equal(units.same('海口市教育局', '三亚市教育局'), false);
      assert.equal(units.same('市教育局', '海南省教育局'), false);
      assert.equal(units.same('海南省司法厅', '海南省教育厅'), false);
    });
    it('for matching, both names must say where they are', () => {
      assert.equal(units.same('省司法厅', '海南省司法厅', true), true);
      assert.equal(units.same('司法厅', '海南省司法厅', true), false);
      assert.equal(units.same('海南省司法厅', '海南省司法厅', true), true);
    });
    it('never strips a whole name', () => {
      assert.deepEqual(units.parse('海口'), { regions: [], generic: undefined, core: '海口' });
    });
  });

  it('siteNameKey drops one trailing 门户网站 / 网站 / 网 (海南司法行政网站 is 海南司法行政网)', () => {
    assert.equal(siteNameKey('海南省林业局网站'), '海南省林业局');
    assert.equal(siteNameKey('海口市人民政府门户网站'), '海口市人民政府');
    assert.equal(siteNameKey('海南司法行政网'), '海南司法行政');
    assert.equal(siteNameKey('海南司法行政网站'), '海南司法行政');
    assert.equal(siteNameKey('网站'), '网站');
  });

  it('urlKeys: scheme, case, www., index pages and trailing slashes do not matter; paths do', () => {
    assert.deepEqual(urlKeys('HTTP://WWW.Hainan.gov.cn/hainan/sfj/index.html'), { full: 'hainan.gov.cn/hainan/sfj', host: 'hainan.gov.cn' });
    assert.deepEqual(urlKeys('justice.hainan.gov.cn/'), { full: 'justice.hainan.gov.cn', host: 'justice.hainan.gov.cn' });
    assert.deepEqual(urlKeys('https://ｗｗｗ.haikou.gov.cn:8080'), { full: 'haikou.gov.cn:8080', host: 'haikou.gov.cn:8080' });
    assert.equal(urlKeys('   '), undefined);
    assert.equal(urlKeys('http://'), undefined);
  });

  it('isWellFormedSiteCode: division code + 4 digits, or bm + 8 digits', () => {
    assert.equal(isWellFormedSiteCode('4600000012'), true);
    assert.equal(isWellFormedSiteCode('1200000052'), true);
    assert.equal(isWellFormedSiteCode('bm07000001'), true);
    assert.equal(isWellFormedSiteCode('BM07000001'), true);
    assert.equal(isWellFormedSiteCode('４６００００００１２'), true);
    assert.equal(isWellFormedSiteCode('46000000'), false);
    assert.equal(isWellFormedSiteCode('46000000123'), false);
    assert.equal(isWellFormedSiteCode('9900000012'), false, 'no province 99');
    assert.equal(isWellFormedSiteCode('bm0700001'), false);
    assert.equal(isWellFormedSiteCode('46000a0012'), false);
  });
});
