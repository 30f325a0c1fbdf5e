// Path logic of campaign folders, free of the VS Code API so that it is unit-tested directly.

/** The parts of a URI the lookup needs (a `vscode.Uri` fits). */
export interface UriLike {
  readonly scheme: string;
  readonly path: string;
}

/** The campaign folder that contains `uri` (the deepest one when campaigns sit inside each other). */
export function campaignOf<T extends UriLike>(uri: UriLike, campaigns: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const c of campaigns) {
    if (c.scheme !== uri.scheme) continue;
    const prefix = c.path.endsWith('/') ? c.path : `${c.path}/`;
    if ((uri.path === c.path || uri.path.startsWith(prefix)) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best;
}
