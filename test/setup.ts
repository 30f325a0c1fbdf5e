// Runs before every test file: the tool's result cache goes to a temporary folder for the whole run
// (inherited by the CLI and server processes tests spawn), never into the user's cache folder; and
// property tests run the same cases every time (CI is deterministic): `FC_SEED=…` replays a seed,
// `INSPECTION_LONG=1` explores with fresh ones (see test/unit/support/propertyRuns.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { seed } from './unit/support/propertyRuns';

const cache = mkdtempSync(path.join(tmpdir(), 'ir-test-cache-'));
process.env.INSPECTION_RECORDS_CACHE = cache;
process.on('exit', () => rmSync(cache, { recursive: true, force: true }));

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: seed() });
