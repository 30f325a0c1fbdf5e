// The generator's vocabulary: departments, subordinate units, column and guide names, platform mix,
// name variants. Synthetic but shaped like real campaigns (see docs/ARCHITECTURE.md record format).
import type { ColumnCategory, InteractionColumnType, Platform } from '../../server/src/core/model';

/** A government department as it is named at each level, in media names, and in domain labels. */
export interface Department {
  key: string;
  /** Name at province level (appended to the province name), or undefined when there is none. */
  province?: string;
  prefecture?: string;
  county?: string;
  /** Word used in account names: `海口` + `教育` → 海口教育. */
  media: string;
  /** Extra account-name patterns; `{R}` is the short region name. */
  mediaPatterns?: string[];
  /** Domain label of its website. */
  domain: string;
  /** How many accounts such a unit typically runs (relative). */
  weight: number;
}

export const GOVERNMENT: Department = {
  key: '政府', province: '人民政府', prefecture: '人民政府', county: '人民政府', media: '发布',
  mediaPatterns: ['{R}发布', '{R}政务', '{R}政府网', '{R}政务服务', 'i{R}'], domain: 'www', weight: 6,
};

export const DEPARTMENTS: Department[] = [
  { key: '发改', province: '发展和改革委员会', prefecture: '发展和改革委员会', county: '发展和改革局', media: '发改', domain: 'fgw', weight: 1 },
  { key: '教育', province: '教育厅', prefecture: '教育局', county: '教育局', media: '教育', mediaPatterns: ['{R}教育', '{R}教育发布', '{R}教育在线'], domain: 'jyj', weight: 2 },
  { key: '科技', province: '科学技术厅', prefecture: '科学技术局', county: '科学技术局', media: '科技', domain: 'kjj', weight: 1 },
  { key: '工信', province: '工业和信息化厅', prefecture: '工业和信息化局', county: '工业和信息化局', media: '工信', domain: 'gxj', weight: 1 },
  { key: '公安', province: '公安厅', prefecture: '公安局', county: '公安局', media: '公安', mediaPatterns: ['平安{R}', '{R}公安', '{R}警方', '{R}交警', '{R}公安在线'], domain: 'gaj', weight: 3 },
  { key: '民政', province: '民政厅', prefecture: '民政局', county: '民政局', media: '民政', domain: 'mzj', weight: 1 },
  { key: '司法', province: '司法厅', prefecture: '司法局', county: '司法局', media: '司法', mediaPatterns: ['{R}司法', '{R}司法行政在线', '{R}普法', '法治{R}'], domain: 'sfj', weight: 1.5 },
  { key: '财政', province: '财政厅', prefecture: '财政局', county: '财政局', media: '财政', domain: 'czj', weight: 0.8 },
  { key: '人社', province: '人力资源和社会保障厅', prefecture: '人力资源和社会保障局', county: '人力资源和社会保障局', media: '人社', mediaPatterns: ['{R}人社', '{R}人社发布', '{R}就业'], domain: 'hrss', weight: 1.5 },
  { key: '自然资源', province: '自然资源和规划厅', prefecture: '自然资源和规划局', county: '自然资源和规划局', media: '自然资源', mediaPatterns: ['{R}自然资源', '{R}不动产登记'], domain: 'lr', weight: 1 },
  { key: '生态环境', province: '生态环境厅', prefecture: '生态环境局', county: '生态环境局', media: '生态环境', domain: 'sthj', weight: 1 },
  { key: '住建', province: '住房和城乡建设厅', prefecture: '住房和城乡建设局', county: '住房和城乡建设局', media: '住建', domain: 'zjj', weight: 1 },
  { key: '交通', province: '交通运输厅', prefecture: '交通运输局', county: '交通运输局', media: '交通', mediaPatterns: ['{R}交通', '{R}交通运输', '{R}出行'], domain: 'jtj', weight: 1 },
  { key: '水务', province: '水务厅', prefecture: '水务局', county: '水务局', media: '水务', domain: 'swj', weight: 0.8 },
  { key: '农业', province: '农业农村厅', prefecture: '农业农村局', county: '农业农村局', media: '农业农村', mediaPatterns: ['{R}农业农村', '{R}三农', '{R}农业'], domain: 'nyncj', weight: 1 },
  { key: '商务', province: '商务厅', prefecture: '商务局', county: '商务局', media: '商务', domain: 'commerce', weight: 0.8 },
  { key: '文旅', province: '旅游和文化广电体育厅', prefecture: '旅游和文化广电体育局', county: '旅游和文化广电体育局', media: '文旅', mediaPatterns: ['{R}文旅', '{R}旅游', '游{R}', '{R}文化'], domain: 'lwj', weight: 1.5 },
  { key: '卫健', province: '卫生健康委员会', prefecture: '卫生健康委员会', county: '卫生健康委员会', media: '卫健', mediaPatterns: ['健康{R}', '{R}卫健', '{R}卫生健康'], domain: 'wsjkw', weight: 2 },
  { key: '退役军人', province: '退役军人事务厅', prefecture: '退役军人事务局', county: '退役军人事务局', media: '退役军人', domain: 'dva', weight: 0.8 },
  { key: '应急', province: '应急管理厅', prefecture: '应急管理局', county: '应急管理局', media: '应急管理', mediaPatterns: ['{R}应急管理', '{R}应急', '安全{R}'], domain: 'yjj', weight: 1 },
  { key: '审计', province: '审计厅', prefecture: '审计局', county: '审计局', media: '审计', domain: 'sjj', weight: 0.5 },
  { key: '市场监管', province: '市场监督管理局', prefecture: '市场监督管理局', county: '市场监督管理局', media: '市场监管', domain: 'amr', weight: 1.5 },
  { key: '统计', province: '统计局', prefecture: '统计局', county: '统计局', media: '统计', domain: 'stats', weight: 0.5 },
  { key: '医保', province: '医疗保障局', prefecture: '医疗保障局', county: '医疗保障局', media: '医保', mediaPatterns: ['{R}医保', '{R}医疗保障'], domain: 'ybj', weight: 1 },
  { key: '林业', province: '林业局', prefecture: '林业局', county: '林业局', media: '林业', domain: 'lyj', weight: 0.5 },
  { key: '信访', province: '信访局', prefecture: '信访局', county: '信访局', media: '信访', domain: 'xfj', weight: 0.5 },
  { key: '政务服务', province: '政务服务中心', prefecture: '政务服务中心', county: '政务服务中心', media: '政务服务', mediaPatterns: ['{R}政务服务', '{R}办事', '{R}12345'], domain: 'zwfw', weight: 1 },
  { key: '监狱', province: '监狱管理局', media: '监狱', mediaPatterns: ['{R}监狱', '{R}监狱管理局'], domain: 'jyglj', weight: 1 },
  { key: '金融', province: '地方金融监督管理局', prefecture: '金融工作局', media: '金融', domain: 'jrj', weight: 0.4 },
  { key: '机关事务', province: '机关事务管理局', prefecture: '机关事务管理局', media: '机关事务', domain: 'jgswj', weight: 0.3 },
  { key: '乡村振兴', province: '乡村振兴局', prefecture: '乡村振兴局', county: '乡村振兴局', media: '乡村振兴', domain: 'xczx', weight: 0.6 },
  { key: '城管', prefecture: '综合行政执法局', county: '综合行政执法局', media: '城管', mediaPatterns: ['{R}城管', '{R}综合执法'], domain: 'zhzf', weight: 0.8 },
  { key: '粮食', province: '粮食和物资储备局', prefecture: '粮食和物资储备局', media: '粮食', domain: 'lsj', weight: 0.3 },
  { key: '气象', province: '气象局', prefecture: '气象局', county: '气象局', media: '气象', mediaPatterns: ['{R}气象', '{R}天气'], domain: 'qxj', weight: 1 },
  { key: '融媒', county: '融媒体中心', media: '融媒', mediaPatterns: ['{R}融媒', '{R}新闻', '{R}头条', '今日{R}'], domain: 'rmt', weight: 3 },
];

/** Subordinate units, numbered when `{n}` occurs (第三中学 …); `{R}` is the full region name. */
export const SUBORDINATE_UNITS: { pattern: string; media: string; domain: string }[] = [
  { pattern: '{R}第{n}中学', media: '{S}第{n}中学', domain: 'zx{n}' },
  { pattern: '{R}第{n}小学', media: '{S}第{n}小学', domain: 'xx{n}' },
  { pattern: '{R}人民医院', media: '{S}人民医院', domain: 'rmyy' },
  { pattern: '{R}中医院', media: '{S}中医院', domain: 'zyy' },
  { pattern: '{R}妇幼保健院', media: '{S}妇幼保健', domain: 'fy' },
  { pattern: '{R}疾病预防控制中心', media: '{S}疾控', domain: 'cdc' },
  { pattern: '{R}图书馆', media: '{S}图书馆', domain: 'lib' },
  { pattern: '{R}博物馆', media: '{S}博物馆', domain: 'museum' },
  { pattern: '{R}文化馆', media: '{S}文化馆', domain: 'whg' },
  { pattern: '{R}公共资源交易中心', media: '{S}公共资源交易', domain: 'ggzy' },
  { pattern: '{R}住房公积金管理中心', media: '{S}公积金', domain: 'gjj' },
  { pattern: '{R}不动产登记中心', media: '{S}不动产', domain: 'bdc' },
  { pattern: '{R}社会保险事业局', media: '{S}社保', domain: 'sbj' },
  { pattern: '{R}就业服务中心', media: '{S}就业服务', domain: 'jyfw' },
  { pattern: '{R}档案馆', media: '{S}档案', domain: 'da' },
  { pattern: '{R}第{n}幼儿园', media: '{S}第{n}幼儿园', domain: 'yey{n}' },
  { pattern: '{R}职业技术学校', media: '{S}职校', domain: 'zjxx' },
  { pattern: '{R}第{n}人民医院', media: '{S}第{n}人民医院', domain: 'rmyy{n}' },
];

/** Ministries of the State Council for a national campaign (网站标识码 `bm` + 8 digits). */
export const MINISTRIES: string[] = [
  '外交部', '国防部', '国家发展和改革委员会', '教育部', '科学技术部', '工业和信息化部', '国家民族事务委员会', '公安部',
  '民政部', '司法部', '财政部', '人力资源和社会保障部', '自然资源部', '生态环境部', '住房和城乡建设部', '交通运输部',
  '水利部', '农业农村部', '商务部', '文化和旅游部', '国家卫生健康委员会', '退役军人事务部', '应急管理部', '中国人民银行',
  '审计署', '国务院国有资产监督管理委员会', '海关总署', '国家税务总局', '国家市场监督管理总局', '国家金融监督管理总局',
  '中国证券监督管理委员会', '国家广播电视总局', '国家体育总局', '国家信访局', '国家统计局', '国家知识产权局', '国家国际发展合作署',
  '国家医疗保障局', '国务院参事室', '国家机关事务管理局', '国家粮食和物资储备局', '国家能源局', '国家国防科技工业局',
  '国家烟草专卖局', '国家移民管理局', '国家林业和草原局', '国家铁路局', '中国民用航空局', '国家邮政局', '国家文物局',
  '国家中医药管理局', '国家疾病预防控制局', '国家矿山安全监察局', '国家消防救援局', '国家外汇管理局', '国家药品监督管理局',
];

/** Platform mix of real campaigns: 微信公众号 most, then 新浪微博, 抖音, 今日头条号 … */
export const PLATFORM_WEIGHTS: ReadonlyArray<readonly [Platform, number]> = [
  ['微信公众号', 44], ['新浪微博', 15], ['抖音', 13], ['今日头条号', 10], ['微信视频号', 5], ['快手', 4], ['百家号', 2.5],
  ['移动客户端', 1.5], ['企鹅号', 1], ['小红书', 1], ['哔哩哔哩', 0.6], ['大鱼号', 0.5], ['微信小程序', 0.6],
  ['百度贴吧', 0.3], ['其他', 1],
];

/** How platforms are spelled in registry exports besides the canonical name. */
export const PLATFORM_ALIASES: Partial<Record<Platform, string[]>> = {
  微信公众号: ['微信', '公众号', '微信订阅号', '微信服务号'],
  新浪微博: ['微博', '新浪'],
  今日头条号: ['头条号', '今日头条'],
  抖音: ['抖音号'],
  移动客户端: ['APP', '客户端'],
  快手: ['快手号'],
};

/** Ordinary (non-interaction) website columns by category; lastUpdate habits follow the category. */
export const COLUMN_NAMES: ReadonlyArray<readonly [ColumnCategory, string[]]> = [
  ['动态要闻', ['工作动态', '要闻动态', '部门动态', '基层动态', '图片新闻', '媒体关注', '市县动态', '领导活动']],
  ['通知公告', ['通知公告', '公示公告', '招考信息']],
  ['政策文件', ['政策文件', '规范性文件', '部门文件', '政府文件', '其他文件']],
  ['政策解读', ['政策解读', '图解政策', '专家解读', '文件解读']],
  ['人事信息', ['人事信息', '人事任免', '公务员招录']],
  ['规划计划', ['规划计划', '发展规划', '年度计划', '工作总结']],
  ['办事统计', ['办事统计']],
  ['解读回应', ['回应关切', '新闻发布会', '热点回应']],
  ['调查征集', ['意见征集', '网上调查', '民意征集']],
  ['其他', ['机构概况', '领导信息', '机构职能', '专题专栏', '财政预决算', '政府信息公开年报', '建议提案办理', '双随机一公开',
    '统计数据', '安全生产', '营商环境', '乡村振兴专题', '政务服务', '公共资源配置', '重大项目', '社会公益事业', '环境保护', '食品药品安全']],
];

export const INTERACTION_COLUMNS: ReadonlyArray<readonly [InteractionColumnType, string[]]> = [
  ['政务咨询', ['领导信箱', '咨询投诉', '12345热线', '网上咨询', '局长信箱', '主任信箱']],
  ['建言献策', ['建言献策', '我为发展献一策']],
  ['在线访谈', ['在线访谈', '厅局长访谈']],
  ['调查征集', ['网上调查', '意见征集']],
  ['网上信访', ['网上信访']],
  ['纪检举报', ['纪检监察举报']],
];

export const SERVICE_GUIDES = [
  '律师执业许可', '教师资格认定', '社会团体成立登记', '建设工程规划许可', '食品经营许可', '药品零售许可', '道路运输经营许可',
  '医师执业注册', '营业执照办理', '不动产登记', '城乡居民养老保险参保登记', '失业保险金申领', '残疾人证办理', '建筑施工许可',
  '取水许可', '排污许可', '林木采伐许可', '户口迁移', '居住证办理', '出入境证件办理', '公证服务', '法律援助申请',
];

/** Inspector findings (W-V1 / M-V1): notes as inspectors write them. */
export const WEBSITE_FINDINGS = ['首页转载文章存在严重表述错误', '网站存在弄虚作假行为，更改信息发布日期', '网站被植入暗链，未及时处置', '栏目信息泄露个人隐私'];
export const MEDIA_FINDINGS = ['存在购买粉丝（买粉）行为', '强制要求群众点赞转发', '转发文章存在严重表述错误', '存在弄虚作假行为'];

/** Problem clauses inspectors write for the bulletin, by failure kind. */
export const PROBLEM_CLAUSES: Record<string, string> = {
  homepageStale: '首页长期未更新',
  probeFailures: '站点无法访问',
  staleColumns: '栏目更新不及时',
  longStaleColumns: '多个栏目长期未更新',
  blankColumns: '存在多个空白栏目',
  unansweredMessages: '互动交流栏目留言长期未回复',
  missingInteraction: '未提供有效互动功能',
  servicesMissing: '办事服务不实用',
  finding: '存在严重表述错误',
  stalePosts: '内容长期不更新',
  mediaNoInteraction: '未提供有效互动功能',
  mediaUnanswered: '群众留言长期未回复',
  brokenMenu: '服务栏目链接全部失效',
  commercialLinks: '链接至商业账号',
  unrelatedContent: '发布与工作无关信息',
  mediaFinding: '存在弄虚作假行为',
  observedClosed: '账号已关停未注销',
};

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤符';
export const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文斌宇浩凯健俊帆帅旭宁琳晨雪婷欣悦瑞泽楠思佳雨晓海';

/** Words of synthetic operating companies (运维单位). */
export const COMPANY_WORDS = ['云帆', '华信', '智联', '鼎新', '远景', '联创', '新航', '博达', '众合', '天成', '星汇', '融通'];
export const COMPANY_KINDS = ['信息技术有限公司', '网络科技有限公司', '文化传媒有限公司', '数字科技有限公司'];

/** Simplified → traditional for the characters of generated names (registry rows typed in 繁体). */
export const TRADITIONAL: Record<string, string> = {
  发: '發', 卫: '衛', 检: '檢', 务: '務', 门: '門', 户: '戶', 网: '網', 关: '關', 讯: '訊', 乡: '鄉', 镇: '鎮', 区: '區',
  县: '縣', 会: '會', 华: '華', 东: '東', 龙: '龍', 广: '廣', 长: '長', 厅: '廳', 业: '業', 环: '環', 监: '監', 视: '視',
  场: '場', 药: '藥', 农: '農', 财: '財', 税: '稅', 医: '醫', 疗: '療', 资: '資', 应: '應', 审: '審', 计: '計', 统: '統',
  纪: '紀', 图: '圖', 书: '書', 馆: '館', 运: '運', 输: '輸', 设: '設', 规: '規', 划: '劃', 游: '遊', 体: '體', 军: '軍',
  质: '質', 态: '態', 气: '氣', 邮: '郵', 经: '經', 济: '濟', 开: '開', 国: '國', 宁: '寧', 阳: '陽', 兴: '興', 庆: '慶',
  云: '雲', 贵: '貴', 汉: '漢', 陆: '陸', 齐: '齊', 宝: '寶', 凤: '鳳', 丰: '豐', 岭: '嶺', 湾: '灣', 车: '車', 马: '馬',
  鸡: '雞', 乐: '樂', 万: '萬', 儿: '兒', 园: '園', 职: '職', 学: '學', 历: '歷', 灾: '災', 险: '險',
  营: '營', 热: '熱', 线: '線', 办: '辦', 头: '頭', 条: '條', 闻: '聞', 报: '報', 专: '專', 电: '電', 讲: '講',
};
