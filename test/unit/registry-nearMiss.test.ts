// Near misses that mean it: a registry name that lost or gained a character is suggested (卫健委 /
// 卫生健康委, …官方); one that differs in a character of its own — a number or ordinal (第一/第四,
// 一中/四中), a place (东莞/增城), a word (财政/民政) — names another unit, and the record is 漏报.
import { strict as assert } from 'node:assert';
import type { MediaRecord } from '../../server/src/core/model';
import { importRegistry } from '../../server/src/core/registry/importRegistry';
import { addedCharacters, isMeaningfulNearMiss, numbersOf } from '../../server/src/core/registry/nearMissPolicy';
import { UnitNames } from '../../server/src/core/registry/normalise';
import { reconcileRecord } from '../../server/src/core/registry/reconcile';
import { RegistryIndex } from '../../server/src/core/registry/registryIndex';

const HEADER = '序号,地区,平台,账号名称,账号ID,主办单位,运维单位,状态,报送日期';
const ROWS = [
  '1,东莞市,微信公众号,东莞第一中学,,东莞市第一中学,,正常,',
  '2,东莞市,微信公众号,东莞第二中学,,东莞市第二中学,,正常,',
  '3,东莞市,微信公众号,东莞第三中学,,东莞市第三中学,,正常,',
  '4,广州市,微信公众号,增城不动产登记,,广州市增城区不动产登记中心,,正常,',
  '5,海口市,微信公众号,海口一中,,海口市第一中学,,正常,',
  '6,海口市,微信公众号,海口财政,,海口市财政局,,正常,',
  '7,省直,新浪微博,海南省卫生健康委,,海南省卫生健康委员会,,正常,',
  '8,汕尾市,微信公众号,汕尾第中学,,汕尾市第一中学,,正常,',
  '9,儋州市,微信公众号,儋州教育,,儋州市教育局,,正常,',
  '10,惠州市,微信公众号,惠州人民医院,,惠州市人民医院,,正常,',
];

function media(platform: MediaRecord['platform'], name: string, region?: string): MediaRecord {
  return { kind: 'media', platform, name, checkDate: '2021-06-15', ...(region ? { region } : {}) };
}

describe('registry near misses that mean it', () => {
  let index: RegistryIndex;
  before(async () => {
    const r = await importRegistry(Buffer.from([HEADER, ...ROWS].join('\n')), { kind: 'media', file: 'registry/media.csv' });
    assert.deepEqual(r.problems, []);
    index = new RegistryIndex({ kind: 'media', rows: r.rows, files: ['registry/media.csv'] }, undefined);
  });
  const outcome = (record: MediaRecord) => reconcileRecord(index, record).outcome;

  it('a school of another number is no near miss (东莞第四中学 is not 东莞第一/第二/第三中学; 四中 is not 一中)', () => {
    assert.deepEqual(outcome(media('微信公众号', '东莞第四中学', '东莞市')), { status: 'unregistered' });
    assert.deepEqual(outcome(media('微信公众号', '海口四中', '海口市')), { status: 'unregistered' });
    // nor a hospital given a number the filed one does not have
    assert.deepEqual(outcome(media('微信公众号', '惠州第八人民医院', '惠州市')), { status: 'unregistered' });
  });

  it('the same unit in another place is no near miss (东莞不动产登记 is not 增城不动产登记)', () => {
    assert.deepEqual(outcome(media('微信公众号', '东莞不动产登记', '东莞市')), { status: 'unregistered' });
  });

  it('another department is no near miss (海口民政 is not 海口财政)', () => {
    assert.deepEqual(outcome(media('微信公众号', '海口民政', '海口市')), { status: 'unregistered' });
  });

  it('a name that lost or gained characters is one, with its row suggested', () => {
    const short = outcome(media('新浪微博', '海南省卫健委'));
    assert.equal(short.status, 'near-miss');
    assert.deepEqual(short.suggestions?.map((s) => s.values.name), ['海南省卫生健康委']);
    const official = outcome(media('微信公众号', '儋州教育官方', '儋州市'));
    assert.deepEqual([official.status, official.suggestions?.map((s) => s.values.name)], ['near-miss', ['儋州教育']]);
    // the filing lost the school's number: 第中学 is a slip of the pen, worth asking about
    const lost = outcome(media('微信公众号', '汕尾第一中学', '汕尾市'));
    assert.deepEqual([lost.status, lost.suggestions?.map((s) => s.values.name)], ['near-miss', ['汕尾第中学']]);
  });

  describe('the policy on its own', () => {
    const units = new UnitNames();
    for (const r of ['东莞市', '广州市', '增城区', '海口市']) units.addRegion(r);

    it('reads one name inside the other, in order, and says what the longer adds', () => {
      assert.equal(addedCharacters('卫健委', '卫生健康委'), '生康');
      assert.equal(addedCharacters('财政', '民政'), undefined);
      assert.equal(addedCharacters('第六', '第十六'), '十');
    });

    it('finds the numbers a name holds', () => {
      assert.deepEqual(numbersOf('东莞第十六幼儿园'), ['十六']);
      assert.deepEqual(numbersOf('揭东12345热线2'), ['12345', '2']);
      assert.deepEqual(numbersOf('儋州教育'), []);
    });

    it('accepts dropped characters, refuses numbers and other places', () => {
      assert.equal(isMeaningfulNearMiss('海南省卫健委', '海南省卫生健康委', units), true);
      assert.equal(isMeaningfulNearMiss('东莞第六幼儿园', '东莞第十六幼儿园', units), false);
      assert.equal(isMeaningfulNearMiss('东莞第一中学', '东莞第中学', units), true);
      assert.equal(isMeaningfulNearMiss('东莞不动产登记', '增城不动产登记', units), false);
      // a place added in front is the same unit more fully named, not another place
      assert.equal(isMeaningfulNearMiss('海口发布', '海南海口发布', units), true);
      assert.equal(isMeaningfulNearMiss('儋州教育', '儋州教育', units), false, 'equal names are a match, not a near miss');
    });
  });
});
