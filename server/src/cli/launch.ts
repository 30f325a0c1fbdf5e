// The `inspection-records` command as installed (dist/cli.js): loads the CLI bundle beside it
// (dist/cli-main.js) with the code cache of the user's cache folder (none with
// INSPECTION_RECORDS_CACHE=off) and runs it. Kept small: everything it imports is compiled on every run.
import * as path from 'node:path';
import { cacheFolder, loadWithCodeCache } from '../core/actions/launch';

// one cache per subcommand (the first word that is no option): each compiles functions of its own
const command = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? '';
const cli = loadWithCodeCache(path.join(__dirname, 'cli-main.js'), cacheFolder(process.env), command).exports as { runAsProgram: () => void };
cli.runAsProgram();
