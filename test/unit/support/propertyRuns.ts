// Run sizes of the property-based tests: small by default so that the unit suite stays fast, many
// times larger with `INSPECTION_LONG=1` for long runs (nightly, or before a release).

/** Whether this is a long run (`INSPECTION_LONG=1`). */
export const LONG_RUN = process.env.INSPECTION_LONG === '1';

/** The number of runs of a property: `base` normally, 50 × `base` in a long run. */
export function runs(base: number): number {
  return LONG_RUN ? base * 50 : base;
}

/** A fixed seed unless one is given (`FC_SEED=…`), so that a failure can be replayed. */
export function seed(): number | undefined {
  const s = process.env.FC_SEED;
  return s === undefined ? undefined : Number(s);
}
