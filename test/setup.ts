// Runs before every test file: the tool's result cache goes to a temporary folder for the whole run
// (inherited by the CLI and server processes tests spawn), never into the user's cache folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const cache = mkdtempSync(path.join(tmpdir(), 'ir-test-cache-'));
process.env.INSPECTION_RECORDS_CACHE = cache;
process.on('exit', () => rmSync(cache, { recursive: true, force: true }));
