// Run sizes of the property-based tests: small by default so that the unit suite stays fast, many
// times larger with `INSPECTION_LONG=1` for long runs (nightly, or before a release).

/** Whether this is a long run (`INSPECTION_LONG=1`). */
export const LONG_RUN = process.env.INSPECTION_LONG === '1';

/** The number of runs of a property: `base` normally, 50 × `base` in a long run. */
export function runs(base: number): number {
  return LONG_RUN ? base * 50 : base;
}

/** The seed a normal run uses: CI runs the same cases every time. */
const FIXED_SEED = 20190419;

/**
 * The seed of a property run: the one given (`FC_SEED=…`, to replay a failure), else a fixed one, so
 * that the unit suite is deterministic; a long run (`INSPECTION_LONG=1`) explores with a fresh seed
 * (fast-check prints it with any failure).
 */
export function seed(): number | undefined {
  const s = process.env.FC_SEED;
  if (s !== undefined) return Number(s);
  return LONG_RUN ? undefined : FIXED_SEED;
}
