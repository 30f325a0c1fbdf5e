// Rebuilds test/fixtures/yaml-test-suite/cases.json from a checkout of the `data` branch of
// yaml/yaml-test-suite: every case (a folder with in.yaml; cases with several parts are folders of
// numbered sub-folders), its name (the `===` file), its input and whether it is an error case.
// Usage: node scripts/vendorYamlTestSuite.mjs <folder of the data branch> <commit of that branch>
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const [dataDir, commit] = process.argv.slice(2);
if (!dataDir || !commit) {
  console.error('usage: node scripts/vendorYamlTestSuite.mjs <data-branch folder> <commit>');
  process.exit(2);
}
const cases = [];
const visit = (dir, id) => {
  if (existsSync(path.join(dir, 'in.yaml'))) {
    cases.push({
      id,
      name: readFileSync(path.join(dir, '==='), 'utf8').trim(),
      yaml: readFileSync(path.join(dir, 'in.yaml'), 'utf8'),
      error: existsSync(path.join(dir, 'error')),
    });
    return;
  }
  for (const name of readdirSync(dir).sort()) {
    // `name/` and `tags/` index the same cases by name and by tag
    if (!id && (name === 'name' || name === 'tags')) continue;
    const sub = path.join(dir, name);
    if (statSync(sub).isDirectory() && !name.startsWith('.')) visit(sub, id ? `${id}/${name}` : name);
  }
};
visit(dataDir, '');
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'test', 'fixtures', 'yaml-test-suite', 'cases.json');
writeFileSync(out, `${JSON.stringify({ source: 'https://github.com/yaml/yaml-test-suite', branch: 'data', commit, cases }, null, 1)}\n`);
console.log(`${cases.length} cases → ${out}`);
