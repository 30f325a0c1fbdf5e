// Entry point @vscode/test-electron calls inside the extension host: runs the mocha suite.
import Mocha from 'mocha';
import * as path from 'node:path';

/** Runs workbench.test.js; rejects when a test fails. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'workbench.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
