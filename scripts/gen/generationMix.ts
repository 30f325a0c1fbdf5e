// How often each situation occurs in a generated campaign: failure kinds, record sizes, registry
// anomalies. Rates are fractions of records; `hotRegionFactor` multiplies failure and 漏报 rates in
// the one or two regions a campaign calls out (儋州市 and 定安县 in the seed bulletin). Day counts
// are chosen with a margin around the national-2019 thresholds so that hits do not depend on the
// exact check date.

export const MIX = {
  hotRegions: 2,
  hotRegionFactor: 3,
  website: {
    unregistered: 0.01,
    closedRegistryRows: 0.02,
    recheck: 0.02,
    failures: {
      homepageStale: 0.012,
      probeFailures: 0.01,
      staleColumns: 0.012,
      longStaleColumns: 0.005,
      blankColumns: 0.006,
      unansweredMessages: 0.008,
      missingInteraction: 0.004,
      servicesMissing: 0.003,
      finding: 0.002,
    },
    /** Below-the-line situations that vendors warn about (homepage 10–13 days, 2–4 blank columns …). */
    nearMiss: 0.1,
    /** Share of large sites (30–60 columns, long message lists). */
    large: 0.12,
    navigationOnly: 0.03,
    problemClause: 0.6,
  },
  media: {
    unregistered: 0.06,
    /** Registry rows of accounts not drawn in the sample, per sampled account. */
    unsampledPerSampled: 1,
    recheck: 0.02,
    /** 漏报 accounts fail content assurance far more often (40 of 64 in the seed). */
    unregisteredFailureFactor: 5,
    failures: {
      stalePosts: 0.05,
      mediaNoInteraction: 0.025,
      mediaUnanswered: 0.01,
      brokenMenu: 0.01,
      commercialLinks: 0.008,
      unrelatedContent: 0.008,
      mediaFinding: 0.002,
      observedClosed: 0.008,
    },
    withAccountId: 0.85,
    problemClause: 0.5,
    registry: {
      /** Row carries no account ID: matched on (platform, name). */
      nameOnly: 0.2,
      /** Name or platform spelled differently but equal after normalisation. */
      normalised: 0.1,
      /** Name differs beyond normalisation, no ID: reported as a near miss. */
      nearMiss: 0.02,
      /** Row says 关停/注销 while the account is active. */
      closedButActive: 0.015,
    },
  },
  thresholds: {
    /** national-2019: homepage / 动态 columns within 14 days; 通知公告/政策文件 within 6 months. */
    updateDays: 14,
    policyMonths: 6,
    probeFailureRatio: 0.05,
    unansweredMonths: 3,
  },
} as const;

export type WebsiteFailure = keyof typeof MIX.website.failures;
export type MediaFailure = keyof typeof MIX.media.failures;
