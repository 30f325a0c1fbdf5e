// A small campaign shaped like the seed bulletin (the named websites and accounts of its section 二,
// with the facts that condemn them), for rendering tests that must not depend on the sample folder.
import type { AnalysedCampaign } from '../../../server/src/core/model';
import { campaign, many, media, veto, website } from './bulletinCampaign';

/** Seed-like current campaign (2021 Q2) with its previous quarter. */
export function seedLikeCampaign(): AnalysedCampaign {
  const previous = campaign(
    [
      media('微信公众号', '儋州教育', {
        region: '儋州市',
        sponsor: '儋州市教育局',
        ownerLevel: '县级',
        hits: [veto('M-L1'), veto('M-L2')],
        extra: { accountId: 'dzjy0898' },
      }),
    ],
    { config: { period: { year: 2021, quarter: 1 }, checkWindow: { start: '2021-03-10', end: '2021-03-19' } }, population: { websites: 115, media: 820 } },
  );
  const w = (name: string, code: string, problem: string, region = '省直') =>
    website(name, code, { region, sponsor: `${name}主办`, hits: [veto('W-V4', { staleColumns: 10 })], problem });
  const records = [
    w('海南农业信息网', '4600000003', '解读回应栏目更新不及时'),
    w('海南司法行政网', '4600000012', '解读回应栏目更新不及时'),
    w('海南省供销合作网', '4600000021', '办事栏目长期未更新'),
    w('海南省卫生健康委员会', '4600000025', '互动交流栏目长期未更新'),
    w('海南省林业局', '4600000030', '解读回应栏目更新不及时'),
    w('海口市教育局', '4601000040', '解读回应栏目更新不及时，调查征集栏目建设管理不规范，未能真实有效地开展网上意见征集', '海口市'),
    ...many(109, (i) => website(`合格网站${i}`, `4690${String(i).padStart(6, '0')}`, { region: '三亚市' })),
    media('微信公众号', '海南省不动产登记', { sponsor: '海南省不动产登记中心', themes: ['media-management'], hits: [veto('M-V2', { lastPost: '2019-10-08' })] }),
    media('今日头条号', '海南司法行政在线', { sponsor: '海南省司法厅', themes: ['media-management'], hits: [veto('M-V2', { lastPost: '2019-10-21' })] }),
    media('微信公众号', '美兰监狱', { sponsor: '海南省监狱管理局', themes: ['media-management'], hits: [veto('M-V2', { lastPost: '2021-05-20' })] }),
    media('新浪微博', '海南省新康监狱', { sponsor: '海南省监狱管理局', themes: ['media-management'], hits: [veto('M-V2', { lastPost: '2021-05-12' })] }),
    media('今日头条号', '三亚监狱', { sponsor: '海南省监狱管理局', themes: ['media-management'], hits: [veto('M-V2', { lastPost: '2021-04-30' })] }),
    media('微信公众号', '儋州教育', {
      region: '儋州市',
      sponsor: '儋州市教育局',
      ownerLevel: '县级',
      themes: ['regional-supervision'],
      problem: '未按《考核指标》的要求开设有效的互动功能',
      hits: [veto('M-V3')],
      extra: { accountId: 'dzjy0898' },
    }),
    media('微信公众号', '儋州市生态环境局', { region: '儋州市', sponsor: '儋州市生态环境局', ownerLevel: '县级', themes: ['regional-supervision'], hits: [veto('M-L3', { links: 5, broken: 5 })] }),
    ...many(7, (i) => media('抖音', `儋州不合格${i}`, { region: '儋州市', ownerLevel: '县级', hits: [veto('M-V2', { lastPost: '2021-05-01' })] })),
    media('微信公众号', '临高公安', { region: '临高县', sponsor: '临高县公安局', ownerLevel: '县级', themes: ['media-management'], hits: [veto('M-V3')] }),
    media('微信公众号', '临高交警', { region: '临高县', sponsor: '临高县公安局', ownerLevel: '县级', themes: ['media-management'], hits: [veto('M-V3')] }),
    ...many(18, (i) => media('新浪微博', `其他不合格${i}`, { region: '万宁市', ownerLevel: '县级', hits: [veto('M-V2', { lastPost: '2021-05-01' })] })),
    ...many(217, (i) => media('微信公众号', `合格账号${i}`, { region: '文昌市', ownerLevel: '县级' })),
    ...many(45, (i) => media('抖音', `儋州库外${i}`, { region: '儋州市', ownerLevel: '县级', source: '库外发现', registry: 'unregistered', hits: i < 27 ? [veto('M-V2', { lastPost: '2020-12-01' })] : [] })),
    ...many(19, (i) => media('快手', `定安库外${i}`, { region: '定安县', ownerLevel: '县级', source: '库外发现', registry: 'unregistered', hits: i < 13 ? [veto('M-V2', { lastPost: '2021-01-05' })] : [] })),
  ];
  return campaign(records, { previous, population: { websites: 115, media: 837 } });
}

/** The settings a seed-like bulletin uses on top of the defaults. */
export const SEED_LIKE_SETTINGS = {
  basis: [
    '《国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知》（国办秘函〔2019〕19号，以下简称《考核指标》）',
    '《海南省政府网站管理办法》',
  ],
  regionOrder: ['省直', '海口市', '三亚市', '儋州市', '万宁市', '文昌市', '定安县', '临高县'],
  deadlines: { rectification: '2021-07-15', filing: '3个工作日内' },
  requirements: [
    {
      heading: '强化日常监管，落实工作职责',
      text: '各市县人民政府、省政府直属各单位要认真履行政府网站和政务新媒体主管责任，严格按照《考核指标》要求，进一步加强本地区、本单位政府网站和政务新媒体常态化监管力度，不断强化日常监测和定期检查手段，对检查出的问题及时督促整改到位。同时，要对被通报的政府网站和政务新媒体整改落实情况进行“回头看”，切实提高建网、办网、管网的能力。',
    },
    {
      heading: '加强运维管理，确保政府网站与政务新媒体规范高效运行',
      text: '各市县人民政府、省政府直属各单位要加强政府网站栏目清理整合，科学设置网站栏目，对信息数据无力持续更新或维护的栏目进行优化调整，确保栏目规范有序、简洁实用，杜绝出现栏目不更新、栏目与信息不符、互动回应差、站点无法访问等问题；对功能相近、群众关注度低、互动回应差和利用率低的政务新媒体进行清理整合，无力维护的要坚决予以关停。',
    },
  ],
  responsible: '各有关市县政府、省政府直属各有关单位',
  filingResponsible: '各有关市县政府办公室',
  // the seed names the records its inspectors marked (bulletin.themes), not every failure
  recheck: { placement: 'none' },
  problems: {
    headingCount: '',
    groups: [
      { key: 'website-updates', heading: '部分政府网站栏目更新不及时', where: { kind: 'website', verdict: ['fail'] } },
      { key: 'regional-supervision', heading: '个别市县政务新媒体监管不力', lead: '抽查发现，', style: 'region-callouts', where: { kind: 'media', declared: true } },
      { key: 'media-management', heading: '政务新媒体建设管理仍需进一步规范', where: { kind: 'media', declared: true } },
    ],
  },
  names: { sponsorAbbreviations: [{ from: '海南省', to: '省' }] },
  facts: {
    'M-L1': { text: '链接至商业账号' },
    'M-L2': { text: '发布与工作无关信息' },
    'M-L3': { text: '服务栏目链接全部失效' },
  },
};
