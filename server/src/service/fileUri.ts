// `file:` URIs to paths and back. Documents the client opened keep the URI it sent; files the server
// finds on disk get the URI Node spells (VS Code reads both as the same resource).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The absolute path of a `file:` URI, or undefined for other schemes (untitled:, git: …). */
export function uriToFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The `file:` URI of an absolute path. */
export function fileToUri(file: string): string {
  return pathToFileURL(file).href;
}
