// The fixture web for probe and monitor tests: realistic government sites (test/fixtures/web/),
// each on its own port of 127.0.0.1, started and stopped by the tests. Nothing leaves the machine.
// Sites are described in test/fixtures/web/sites.yaml; the benchmark adds generated sites.
import { readFileSync, existsSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'yaml';

export const WEB_FIXTURES = path.join(__dirname, '..', 'fixtures', 'web');

type Route = { redirect?: string; status?: number; file?: string; delayMs?: number; hang?: 'headers' | 'body' };
export type OutageKind = 'status-503' | 'reset' | 'slow';

export interface SiteConfig {
  folder?: string;
  encoding: 'utf-8' | 'gbk';
  headerCharset: boolean;
  tls?: boolean;
  routes?: Record<string, Route>;
  missing?: string[];
  outages?: { from: string; to: string; kind: OutageKind }[];
  /** Pages generated instead of read from a folder (benchmark sites): path → HTML. */
  pages?: Map<string, string>;
}

export interface FixtureWeb {
  /** `http://127.0.0.1:PORT` (or https) of each site. */
  origins: Record<string, string>;
  /** Requests served so far, per site. */
  requests: Record<string, number>;
  /** The outage a site has at an instant (per the clock the server was given). */
  outageAt(site: string, ms: number): OutageKind | undefined;
  close(): Promise<void>;
}

export interface FixtureWebOptions {
  /** The clock outages are read from (a test's simulated clock); Date.now by default. */
  now?: () => number;
  /** Only these sites of sites.yaml. */
  only?: string[];
  /** More sites (generated). */
  extra?: Record<string, SiteConfig>;
}

/** The site table of sites.yaml. */
export function fixtureSites(): Record<string, SiteConfig> {
  return parse(readFileSync(path.join(WEB_FIXTURES, 'sites.yaml'), 'utf8')) as Record<string, SiteConfig>;
}

const ARTICLE = /\/t\d{8}_\d+\.s?html?$|\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/art_\d+_\d+\.html$|\/status\/\d+$/;

/** Starts every site; resolves when all listen. */
export async function startFixtureWeb(options: FixtureWebOptions = {}): Promise<FixtureWeb> {
  const now = options.now ?? Date.now;
  // generated sites alone (the benchmark) need no fixture files
  const all = { ...(options.only?.length === 0 ? {} : fixtureSites()), ...(options.extra ?? {}) };
  const names = Object.keys(all).filter((n) => !options.only || options.only.includes(n) || (options.extra && n in options.extra));
  const servers: (http.Server | https.Server)[] = [];
  const sockets = new Set<Socket>();
  const origins: Record<string, string> = {};
  const requests: Record<string, number> = {};
  const outageAt = (site: string, ms: number): OutageKind | undefined =>
    all[site]?.outages?.find((o) => Date.parse(o.from) <= ms && ms < Date.parse(o.to))?.kind;

  for (const name of names) {
    const site = all[name];
    requests[name] = 0;
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      requests[name]++;
      serve(name, site, req, res, outageAt(name, now()));
    };
    const server = site.tls
      ? https.createServer({ key: readFileSync(path.join(WEB_FIXTURES, 'tls', 'self-signed.key')), cert: readFileSync(path.join(WEB_FIXTURES, 'tls', 'self-signed.crt')) }, handler)
      : http.createServer(handler);
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.on('secureConnection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins[name] = `${site.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    origins,
    requests,
    outageAt,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

function serve(name: string, site: SiteConfig, req: http.IncomingMessage, res: http.ServerResponse, outage: OutageKind | undefined): void {
  const url = new URL(req.url ?? '/', 'http://fixture');
  const p = decodeURIComponent(url.pathname);
  const route = site.routes?.[p];
  // outages hit the homepage (what availability monitoring probes)
  if (outage && (p === '/' || p === '/index.shtml' || p === '/index.html')) {
    if (outage === 'reset') return void req.socket.destroy();
    if (outage === 'status-503') return send(res, site, 503, '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>');
    // slow: answered normally here; the monitor test's fetcher reports the simulated latency
  }
  if (route?.redirect) {
    res.writeHead(route.status ?? 302, { location: route.redirect, 'content-length': '0' });
    return void res.end();
  }
  if (route?.hang === 'headers') return; // never answers
  if (route?.hang === 'body') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return void res.write('<html><head><title>');
  }
  const respond = () => {
    if (site.missing?.includes(p)) return notFound(res, site);
    const html = route?.file ? readPage(name, site, `/${route.file}`) : readPage(name, site, p);
    if (html !== undefined) return send(res, site, route?.status ?? 200, html, contentTypeOf(p));
    if (p === '/robots.txt') return notFound(res, site);
    if (ARTICLE.test(p)) return send(res, site, 200, articlePage(p));
    return notFound(res, site);
  };
  if (route?.delayMs) setTimeout(respond, route.delayMs);
  else respond();
}

function readPage(name: string, site: SiteConfig, p: string): string | undefined {
  if (site.pages) {
    return site.pages.get(p) ?? site.pages.get(p.endsWith('/') ? `${p}index.html` : p);
  }
  const root = path.join(WEB_FIXTURES, 'sites', site.folder ?? name);
  const candidates = p.endsWith('/') ? ['index.html', 'index.shtml', 'index.htm'].map((f) => p + f) : [p];
  for (const c of candidates) {
    const file = path.join(root, ...c.split('/').filter(Boolean));
    if (!file.startsWith(root)) return undefined;
    if (existsSync(file) && statSync(file).isFile()) return readFileSync(file, 'utf8');
  }
  return undefined;
}

function contentTypeOf(p: string): string {
  return p.endsWith('.txt') ? 'text/plain' : 'text/html';
}

function send(res: http.ServerResponse, site: SiteConfig, status: number, text: string, type = 'text/html'): void {
  const body = site.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
  const charset = site.headerCharset ? `; charset=${site.encoding === 'gbk' ? 'GBK' : 'utf-8'}` : '';
  res.writeHead(status, { 'content-type': `${type}${charset}`, 'content-length': String(body.length) });
  res.end(body);
}

function notFound(res: http.ServerResponse, site: SiteConfig): void {
  send(res, site, 404, '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>');
}

function articlePage(p: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>正文</title></head><body><div class="article"><h1>正文 ${p}</h1><p>（正文内容）</p></div></body></html>`;
}
