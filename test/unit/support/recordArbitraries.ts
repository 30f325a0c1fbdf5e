// Arbitrary inputs for the property-based tests: record-shaped values whose fields are sometimes right,
// sometimes of the wrong type, empty, NaN, huge or hostile (`__proto__`), YAML token soups that
// reach the parser's error paths, and texts with any UTF-16 code unit (lone surrogates included).
// Objects always have Object.prototype (`noNullPrototype`): that is what YAML yields.
import fc from 'fast-check';
import { formatIsoDate, fromDayNumber, toDayNumber } from '../../../server/src/core/dates';
import { COLUMN_CATEGORIES, GUIDE_ELEMENTS, INTERACTION_COLUMN_TYPES, OWNER_LEVELS, PLATFORMS, RECORD_SOURCES, SITE_TYPES } from '../../../server/src/core/model';

const FIRST = toDayNumber({ year: 2019, month: 1, day: 1 });
const LAST = toDayNumber({ year: 2022, month: 12, day: 31 });

/** Any UTF-16 code unit: lone surrogates, NUL, controls and bidi overrides included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Texts over every code unit. */
export const anyText = fc.string({ unit: codeUnit, maxLength: 80 });

/** Keys a hostile file might use, and the record's own. */
export const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'kind', 'name', 'checkDate', '', '<<');

/** A real calendar date around the sample period, as YAML writes it. */
export const isoDate = fc.integer({ min: FIRST, max: LAST }).map((n) => formatIsoDate(fromDayNumber(n)));

/** A date field: usually a real date, sometimes a wrong spelling, type or nothing. */
export const dateField = fc.oneof(
  { weight: 6, arbitrary: isoDate },
  { weight: 1, arbitrary: fc.constantFrom('2021-02-30', '2021/6/1', '2021-13-01', '', '1921-06-10', '2201-06-16', '昨天') },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null), fc.boolean()) },
);

/** A count: usually small and right, sometimes negative, fractional, NaN, infinite or text. */
export const countField = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER, 1e300) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null), fc.boolean()) },
);

/** A yes/no field: usually a boolean, sometimes a word or a number. */
export const boolField = fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('是', 'yes', 0, 1, null, '') });

/** A text field: short text, sometimes odd characters or a number. */
export const textField = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('定安发布', '海南司法行政网', '儋州教育', '省直', '海南省司法厅') },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null)) },
);

/** One of a list of values, or something else. */
function oneOf<T>(values: readonly T[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: textField });
}

/** Any JSON value (what YAML yields), bounded. */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), hostileKey), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

/** A field that is sometimes replaced by anything at all. */
function field<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: jsonish });
}

function list<T>(arb: fc.Arbitrary<T>, maxLength = 4): fc.Arbitrary<unknown> {
  return field(fc.array(arb, { maxLength }));
}

const findings = list(
  fc.record(
    { indicator: oneOf(['W-V1', 'W-V2', 'M-V1', 'M-V2', 'W-D1', 'X-9']), note: textField, count: countField, evidence: field(fc.record({ url: textField, seen: dateField }, { requiredKeys: [], noNullPrototype: true })) },
    { requiredKeys: [], noNullPrototype: true },
  ),
  3,
);

const common = {
  name: field(textField),
  sponsor: field(textField),
  region: field(oneOf(['省直', '海口市', '儋州市', '定安县'])),
  ownerLevel: field(oneOf(OWNER_LEVELS)),
  checkDate: field(dateField),
  source: field(oneOf(RECORD_SOURCES)),
  findings,
  bulletin: field(fc.record({ problem: textField, themes: fc.array(textField, { maxLength: 2 }) }, { requiredKeys: [], noNullPrototype: true })),
};

/** A new-media record, any field possibly wrong. */
export const mediaRecord = fc.record(
  {
    kind: fc.constant('media'),
    platform: field(oneOf(PLATFORMS)),
    accountId: field(textField),
    lastPost: field(dateField),
    interaction: field(fc.record({ available: boolField, unansweredMessages: countField }, { requiredKeys: [], noNullPrototype: true })),
    serviceMenu: field(fc.record({ links: countField, broken: countField }, { requiredKeys: [], noNullPrototype: true })),
    commercialLinks: field(boolField),
    unrelatedContent: field(boolField),
    status: field(oneOf(['正常', '已关停'])),
    ...common,
  },
  { requiredKeys: ['kind'], noNullPrototype: true },
);

const column = fc.record(
  { name: textField, category: oneOf(COLUMN_CATEGORIES), level: countField, lastUpdate: dateField, blank: boolField, shouldUpdate: boolField },
  { requiredKeys: [], noNullPrototype: true },
);
const message = fc.record({ received: dateField, answered: fc.oneof(dateField, fc.constant(null)), valid: boolField }, { requiredKeys: [], noNullPrototype: true });
const interactionColumn = fc.record(
  {
    name: textField,
    type: oneOf(INTERACTION_COLUMN_TYPES),
    messages: list(message, 5),
    counts: field(fc.record({ received: countField, answered: countField, overdue: countField }, { requiredKeys: [], noNullPrototype: true })),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A website record, any field possibly wrong. */
export const websiteRecord = fc.record(
  {
    kind: fc.constant('website'),
    siteCode: field(textField),
    url: field(textField),
    siteType: field(oneOf(SITE_TYPES)),
    externalServices: field(boolField),
    homepage: field(
      fc.record({ lastUpdate: dateField, navigationOnly: boolField, subpages: list(fc.record({ name: textField, lastUpdate: dateField }, { requiredKeys: [], noNullPrototype: true }), 3) }, { requiredKeys: [], noNullPrototype: true }),
    ),
    availability: field(fc.record({ days: countField, probes: countField, failures: countField, timeoutSeconds: countField }, { requiredKeys: [], noNullPrototype: true })),
    columns: list(column, 5),
    interaction: field(fc.record({ channel: boolField, columns: list(interactionColumn, 3) }, { requiredKeys: [], noNullPrototype: true })),
    services: field(fc.record({ provided: boolField, guides: list(fc.record({ name: textField, missing: fc.array(oneOf(GUIDE_ELEMENTS), { maxLength: 4 }) }, { requiredKeys: [], noNullPrototype: true }), 3) }, { requiredKeys: [], noNullPrototype: true })),
    ...common,
  },
  { requiredKeys: ['kind'], noNullPrototype: true },
);

/** Any record: website or media. */
export const anyRecord = fc.oneof(websiteRecord, mediaRecord);

/** Pieces of YAML, valid and broken, that make the parser take its error paths. */
const YAML_TOKENS = [
  'kind: media\n', 'kind: website\n', 'name: ', 'platform: 抖音\n', 'checkDate: 2021-06-16\n', 'columns:\n', '  - ', '- ', '  ', '\t',
  '\n', ': ', ':', '"', "'", '[', ']', '{', '}', ',', '? ', '&a ', '*a', '*b', '!!str ', '!x ', '%YAML 1.2\n', '---\n', '...\n', '|\n', '>-\n',
  '#', '\\', '\\u', '@', '`', '2021/6/1', '定安发布', '\u202e', '\u0000', '\r\n', '\ufeff', '<<: ', '__proto__: ', 'a'.repeat(40),
];

/** A soup of YAML tokens. */
export const yamlSoup = fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));
