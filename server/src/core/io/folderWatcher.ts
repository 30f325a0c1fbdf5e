// The server's own watcher of a campaign folder, for clients that cannot watch files for it
// (Neovim 0.7 has no `workspace/didChangeWatchedFiles`): a recursive `fs.watch`, debounced per file,
// reporting only the files a campaign is made of (YAML records, registry exports).
import { existsSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { FileChange } from '../model';

const WATCHED = /\.(ya?ml|xlsx|xls|csv)$/i;
/** Editors write a file in several steps; one report per burst. */
const SETTLE_MS = 80;

/** Watches `folder` recursively; returns the function that stops watching. */
export function watchFolder(folder: string, onChange: (file: string, change: FileChange) => void): () => void {
  const timers = new Map<string, NodeJS.Timeout>();
  /** Files of the current burst that were renamed (created, deleted, or replaced by a rename). */
  const renamed = new Set<string>();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(folder, { recursive: true, persistent: false }, (event, name) => {
      if (!name) return;
      const rel = name.toString();
      if (!WATCHED.test(rel) || rel.split(/[\\/]/).some((seg) => seg.startsWith('.'))) return;
      const file = path.join(folder, rel);
      if (event === 'rename') renamed.add(file);
      const prior = timers.get(file);
      if (prior) clearTimeout(prior);
      timers.set(
        file,
        setTimeout(() => {
          timers.delete(file);
          const exists = existsSync(file);
          const wasRenamed = renamed.delete(file);
          onChange(file, !exists ? 'deleted' : wasRenamed ? 'created' : 'changed');
        }, SETTLE_MS),
      );
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    return () => undefined;
  }
  return () => {
    watcher?.close();
    for (const t of timers.values()) clearTimeout(t);
  };
}
