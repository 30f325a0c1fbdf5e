// Snapshots: every page a probe read, saved as its bytes arrived, under the campaign's evidence
// folder (evidence/probe/<site>/<when read>/), with a manifest.json naming for each file the
// address asked for, where redirects led, the status, the time read (China) and a SHA-256 of the
// bytes. Files are written atomically and never over an existing one: each probe gets its own folder.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import { chinaStamp, chinaTimestamp } from './clock';
import type { FetchedPage, SiteProbe } from './siteProbe';

/** The campaign-relative folder evidence of one kind goes to (`evidence/probe`, `evidence/monitor`). */
export const EVIDENCE_FOLDER = 'evidence';

/** A site's address as a file name: host, port and path, e.g. `www.example.gov.cn_8080_col_col12`. */
export function siteSlug(url: string): string {
  const u = new URL(url);
  const raw = `${u.hostname}${u.port ? `_${u.port}` : ''}${u.pathname.replace(/\/(index\.\w+)?$/, '')}${u.protocol === 'https:' ? '-https' : ''}`;
  return raw.replace(/[^A-Za-z0-9.\u4e00-\u9fff-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120) || 'site';
}

function pageSlug(url: string): string {
  const u = new URL(url);
  const p = u.pathname.replace(/\/$/, '/index').replace(/\.\w+$/, '');
  return (p + (u.search ? `_${u.search}` : '')).replace(/[^A-Za-z0-9.\u4e00-\u9fff-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'index';
}

function extensionOf(contentType: string | undefined): string {
  if (!contentType || /html/i.test(contentType)) return 'html';
  if (/xml/i.test(contentType)) return 'xml';
  if (/^text\//i.test(contentType)) return 'txt';
  return 'bin';
}

/** Forward slashes, for paths written into records. */
export function portablePath(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Saves the pages of a probe under `root` (the campaign folder); returns each saved page's path
 * relative to `root`, and the folder.
 */
export async function saveSnapshots(root: string, probe: SiteProbe): Promise<{ folder: string; files: Map<FetchedPage, string> }> {
  const base = path.join(root, EVIDENCE_FOLDER, 'probe', siteSlug(probe.url));
  const stamp = chinaStamp(probe.homepage.page.fetchedAt);
  let folder = path.join(base, stamp);
  for (let i = 2; await fs.lstat(folder).then(() => true, () => false); i++) folder = path.join(base, `${stamp}-${i}`);
  await fs.mkdir(folder, { recursive: true });
  const files = new Map<FetchedPage, string>();
  const manifest: unknown[] = [];
  let n = 0;
  for (const page of probe.pages) {
    const entry: Record<string, unknown> = {
      requested: page.requestedUrl,
      url: page.url,
      redirects: page.redirects,
      outcome: page.outcome,
      status: page.status,
      failure: page.failure,
      read: chinaTimestamp(page.fetchedAt),
      contentType: page.contentType,
    };
    if (page.body) {
      const name = `${String(++n).padStart(2, '0')}-${pageSlug(page.url)}.${extensionOf(page.contentType)}`;
      await writeFileAtomic(path.join(folder, name), page.body);
      const rel = portablePath(path.relative(root, path.join(folder, name)));
      files.set(page, rel);
      entry.file = name;
      entry.sha256 = createHash('sha256').update(page.body).digest('hex');
    }
    manifest.push(entry);
  }
  await writeFileAtomic(path.join(folder, 'manifest.json'), `${JSON.stringify({ site: probe.url, read: probe.readOn, pages: manifest }, null, 2)}\n`);
  return { folder, files };
}
