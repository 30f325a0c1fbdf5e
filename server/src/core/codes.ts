// Every diagnostic code the tool reports, grouped by range. Codes are stable (users silence them in
// `# inspection-disable-next-line` comments, scripts read them from `--format json`): add new ones,
// never renumber. No code is written as a literal anywhere else; a test checks.
//   IR1xxx YAML syntax · IR2xxx fields and values · IR3xxx dates · IR4xxx files and folders ·
//   IR5xxx indicator profiles and verdict notes · IR6xxx suppression comments · IR7xxx evidence
//   collection (probe, monitor) · REG-… registry.
// Rule hits carry their rule's id (`W-V3`, `M-V2` …) from the profile, not a code from here.

/** IR1xxx: the YAML text itself. */
export const SYNTAX_CODES = {
  unexpected: 'IR1001',
  duplicateKey: 'IR1002',
  badIndent: 'IR1003',
  tabIndent: 'IR1004',
  missingChar: 'IR1005',
  implicitKey: 'IR1006',
  multipleDocs: 'IR1007',
  badEscape: 'IR1008',
  badScalarStart: 'IR1009',
  badAlias: 'IR1010',
  aliasLimit: 'IR1011',
  tag: 'IR1012',
  longKey: 'IR1013',
  directive: 'IR1014',
  blockInFlow: 'IR1015',
  complexKey: 'IR1016',
  tooDeep: 'IR1017',
  cyclicAlias: 'IR1018',
} as const;

/** IR20xx: what kind of document a file is. */
export const DOCUMENT_CODES = {
  missingKind: 'IR2001',
  unknownKind: 'IR2002',
  notMapping: 'IR2003',
  empty: 'IR2004',
} as const;

/** IR21xx: fields and values against the schema, and the checks beside it. */
export const SCHEMA_CODES = {
  type: 'IR2101',
  enum: 'IR2102',
  unknownKey: 'IR2103',
  required: 'IR2104',
  pattern: 'IR2105',
  format: 'IR2106',
  range: 'IR2107',
  length: 'IR2108',
  itemCount: 'IR2109',
  uniqueItems: 'IR2110',
  const: 'IR2111',
  oneOf: 'IR2112',
  /** A count larger than the count it is part of (broken > links). */
  exceeds: 'IR2113',
  /** Control characters or bidirectional overrides in text. */
  unsafeText: 'IR2114',
  /** A path in campaign.yaml that leads outside the campaign folder (output, template …). */
  outsideCampaign: 'IR2115',
  /** NaN or an infinite number. */
  notFinite: 'IR2116',
  /** A file name from the settings that names a folder or holds characters file systems refuse. */
  badFileName: 'IR2117',
  /** A bulletin template (or settings phrase) beyond the bounds on nesting and size, or unreadable as a template. */
  templateLimit: 'IR2118',
  /** A population smaller than the number of records checked (a sampling ratio above 100 %). */
  populationBelowChecked: 'IR2119',
  /** An output folder that cannot take outputs: a file, the campaign folder itself, a folder holding records. */
  unusableOutput: 'IR2120',
  other: 'IR2199',
} as const;

/** IR3xxx: calendar dates. */
export const DATE_CODES = {
  respell: 'IR3001',
  excelSerial: 'IR3002',
  impossible: 'IR3003',
  notDate: 'IR3004',
  order: 'IR3005',
  implausible: 'IR3006',
  outsideWindow: 'IR3007',
} as const;

/** IR40xx: the campaign folder. */
export const FOLDER_CODES = {
  nested: 'IR4001',
  misplacedCampaign: 'IR4002',
  campaignKind: 'IR4003',
  loop: 'IR4004',
  dangling: 'IR4005',
  unreadable: 'IR4006',
  bothCampaignFiles: 'IR4007',
  previousMissing: 'IR4010',
  /** The previous campaign is the campaign itself (`previous: .`). */
  previousSelf: 'IR4011',
  /** A symbolic link in the campaign folder leading out of it: not followed. */
  linkOutside: 'IR4008',
  /** Folders nested deeper than the scan goes, or a path longer than the system allows. */
  tooDeep: 'IR4009',
} as const;

/** IR41xx: reading one file. */
export const READ_CODES = {
  notFound: 'IR4101',
  permission: 'IR4102',
  isDirectory: 'IR4103',
  failed: 'IR4104',
  tooLarge: 'IR4105',
  binary: 'IR4106',
  gb18030: 'IR4107',
  utf16: 'IR4108',
  badEncoding: 'IR4109',
  loop: 'IR4110',
  /** A pipe, a device or a socket where a file was expected: never read. */
  notRegular: 'IR4111',
  /** The file was written by another program while it was read: what was checked may be neither version. */
  changedWhileRead: 'IR4112',
} as const;

/** IR50xx: indicator profiles (beyond their schema, which reports IR21xx like every document). */
export const PROFILE_CODES = {
  notFound: 'IR5001',
  yamlSyntax: 'IR5002',
  cycle: 'IR5005',
  unknownRule: 'IR5006',
  unknownCondition: 'IR5007',
  duplicateRule: 'IR5008',
  badRule: 'IR5009',
  unknownReference: 'IR5011',
  unknownSupersede: 'IR5012',
  pointsSum: 'IR5013',
  scaleMismatch: 'IR5014',
  duplicateScoringId: 'IR5017',
  overridesWithoutExtends: 'IR5018',
  /** A profile file (the campaign's, or one extended) outside the campaign and the allowed folders. */
  outside: 'IR5019',
  /** An extends chain longer than allowed (profileLimits.json). */
  extendsTooDeep: 'IR5020',
} as const;

/** IR51xx–IR53xx: notes on a record's verdict. */
export const VERDICT_CODES = {
  unknownIndicator: 'IR5101',
  disabledIndicator: 'IR5102',
  notApplicable: 'IR5103',
  noScore: 'IR5201',
  /** The verdict cannot be decided (listed by the data gate when no missing fact is located). */
  undecided: 'IR5202',
  notRecord: 'IR5301',
} as const;

/** IR6xxx: suppression comments. */
export const SUPPRESSION_CODES = {
  unused: 'IR6001',
} as const;

/**
 * IR7xxx: evidence collection (probe, monitor): problems of a record or campaign that stop a probe
 * or a write. Findings about a site (a dead link, a timeout) are facts of the report, not codes.
 */
export const PROBE_CODES = {
  /** The record has no address to probe. */
  noUrl: 'IR7001',
  /** Not a website or new-media record. */
  notRecord: 'IR7002',
  /** The record changed on disk while it was probed: nothing written. */
  changed: 'IR7003',
  /** The record is not UTF-8: nothing written. */
  notUtf8: 'IR7004',
  /** The profile does not define the availability method (days, probes, timeout). */
  noMethod: 'IR7005',
  /** Another monitor holds the campaign's lock. */
  locked: 'IR7006',
  /** The record or its evidence could not be written. */
  writeFailed: 'IR7007',
} as const;

/** REG-…: reconciliation with the registry exports. */
export const REGISTRY_CODES = {
  unregistered: 'REG-UNREGISTERED',
  nearMiss: 'REG-NEAR-MISS',
  closedActive: 'REG-CLOSED-ACTIVE',
  nameMismatch: 'REG-NAME-MISMATCH',
  sponsorMismatch: 'REG-SPONSOR-MISMATCH',
  siteCodeMalformed: 'REG-SITECODE-MALFORMED',
  siteCodeUnknown: 'REG-SITECODE-UNKNOWN',
  duplicateRecord: 'REG-DUPLICATE-RECORD',
  duplicateRow: 'REG-DUPLICATE-ROW',
  importFile: 'REG-IMPORT-FILE',
  importHeader: 'REG-IMPORT-HEADER',
  importRow: 'REG-IMPORT-ROW',
  importValue: 'REG-IMPORT-VALUE',
  mapping: 'REG-MAPPING',
  /** An operation needs a registry export the campaign does not name. */
  notConfigured: 'REG-NOT-CONFIGURED',
} as const;

type Values<T> = T[keyof T];
/** A registry reconciliation code. */
export type RegistryCode = Values<typeof REGISTRY_CODES>;

/** Registry findings that say a record's name, sponsor or site code disagrees with its registry row. */
export const REGISTRY_MISMATCH_CODES: readonly RegistryCode[] = [
  REGISTRY_CODES.nameMismatch,
  REGISTRY_CODES.sponsorMismatch,
  REGISTRY_CODES.siteCodeMalformed,
  REGISTRY_CODES.siteCodeUnknown,
];

/**
 * Registry codes that are findings about the site or account (how it stands against the filing
 * system), as opposed to problems of the records or exports themselves (a malformed code in a
 * record, two records of one account, an export that cannot be read).
 */
export const REGISTRY_FINDING_CODES: readonly RegistryCode[] = [
  REGISTRY_CODES.unregistered,
  REGISTRY_CODES.nearMiss,
  REGISTRY_CODES.closedActive,
  REGISTRY_CODES.nameMismatch,
  REGISTRY_CODES.sponsorMismatch,
  REGISTRY_CODES.siteCodeUnknown,
];
