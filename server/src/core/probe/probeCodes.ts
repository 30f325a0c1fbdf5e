// Stable codes of the problems probe and monitor report about a record or a campaign (IR7xxx:
// evidence collection). Findings about a site (a dead link, a timeout) are not coded problems:
// they are facts of the probe's report.
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
  /** A monitoring log line that cannot be read. */
  badLogLine: 'IR7007',
  /** The record or its evidence could not be written. */
  writeFailed: 'IR7008',
} as const;
