// Locates files shipped with the tool (profiles/, schemas/, templates/) both from the bundles in
// dist/ and from the TypeScript sources run by tests: walk up from this module to the package root.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

/** The folder holding the tool's package.json (the extension or checkout root). */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schemas'))) return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package root not found above ${__dirname}`);
    dir = up;
  }
}

/** Absolute path of a shipped resource, e.g. `resourcePath('profiles', 'national-2019.yaml')`. */
export function resourcePath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}
