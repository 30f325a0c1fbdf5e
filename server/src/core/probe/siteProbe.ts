// Probing one site for the facts a record holds: the homepage's newest dated item, each column's
// newest item (or that it is blank), dead links (an error status or a soft-404 page), links that
// leave the site, and a certificate or connection the site fails on. Columns are the ones the record
// lists (by their `url`, else the homepage link bearing their name, else a link of that name on a
// first-level page), or, when it lists none, the homepage's navigation. Every page read is kept
// (bytes as received) so that each fact can name the snapshot it was read from.
import { compareCivil, formatIsoDate, parseIsoDate, type CivilDate } from '../dates';
import { COLUMN_CATEGORIES, type ColumnCategory, type IsoDate } from '../model';
import { chinaDate } from './clock';
import { resolveUrl, type Crawler, type PageResult } from './crawler';
import type { FetchFailureReason } from './fetcher';
import { parsePage, type HtmlPage, type PageLink } from './htmlPage';
import { datedItems, mainList, newestFirst, newestItem, pageHeadline } from './listItems';
import hints from './pageHints.json';

/** A page fetched while probing, kept as evidence. */
export interface FetchedPage {
  requestedUrl: string;
  url: string;
  outcome: PageResult['outcome'];
  status?: number;
  failure?: { reason: FetchFailureReason; code?: string };
  redirects: PageResult['redirects'];
  fetchedAt: number;
  contentType?: string;
  body?: Uint8Array;
  soft404: boolean;
}

/** Why a page gave no facts. */
export type PageProblem =
  | { kind: 'status'; status: number }
  | { kind: 'soft-404' }
  | { kind: 'failed'; reason: FetchFailureReason; code?: string }
  | { kind: 'robots' }
  | { kind: 'too-many-redirects' };

export type ColumnProblem = PageProblem | { kind: 'not-found' } | { kind: 'off-site'; host: string } | { kind: 'undated' };

export interface ColumnProbe {
  name: string;
  /** Where the column came from: the record's list (with its index there) or the site's navigation. */
  source: 'record' | 'navigation';
  index?: number;
  url?: string;
  level?: number;
  /** Guessed from the name for columns found in the navigation (the inspector confirms it). */
  category?: ColumnCategory;
  lastUpdate?: IsoDate;
  blank?: boolean;
  /** The page the fact was read on. */
  evidence?: FetchedPage;
  /** List pages read (pagination). */
  pagesRead: number;
  problem?: ColumnProblem;
}

export interface DeadLink {
  url: string;
  /** The page linking to it. */
  from: string;
  /** The link's text. */
  text: string;
  problem: PageProblem;
}

export interface ExternalLinks {
  host: string;
  links: number;
  /** A .gov.cn / .政务 host. */
  government: boolean;
}

export interface SiteProbe {
  kind: 'website' | 'media';
  url: string;
  /** The day (in China) the homepage was read; partial dates are completed against it. */
  readOn: IsoDate;
  /** Facts are as of this day: the record's check date, or the day read when that is later. */
  asOf: IsoDate;
  homepage: { page: FetchedPage; lastUpdate?: IsoDate; problem?: PageProblem | { kind: 'undated' } };
  columns: ColumnProbe[];
  deadLinks: DeadLink[];
  externalLinks: ExternalLinks[];
  /** Every page fetched, in the order fetched. */
  pages: FetchedPage[];
}

export interface SiteTarget {
  kind: 'website' | 'media';
  url: string;
  /** The record's columns (websites). */
  columns?: { name: string; url?: string }[];
  /** The record's check date: facts are read as of it. */
  checkDate?: IsoDate;
}

export interface SiteLimits {
  maxListPages: number;
  maxLinkChecks: number;
  maxColumns: number;
}

const EMPTY_LIST = hints.emptyList;
const SOFT_404 = hints.soft404;
const NAV_CONTAINER = new RegExp(hints.navigationContainer, 'i');
const NAV_EXCLUDED = new Set(hints.navigationExcluded);
const GOVERNMENT_HOST = new RegExp(hints.governmentHost, 'i');

/** Probes one site (or a new-media account's public page). */
export async function probeSite(target: SiteTarget, crawler: Crawler, limits: SiteLimits): Promise<SiteProbe> {
  const pages: FetchedPage[] = [];
  // each address is fetched once per probe (a column is often a navigation link too)
  const cache = new Map<string, Promise<Fetched>>();
  const fetchPage = (url: string): Promise<Fetched> => {
    let p = cache.get(url);
    if (!p) {
      p = fetchOnce(url, crawler).then((f) => {
        pages.push(f.page);
        return f;
      });
      cache.set(url, p);
    }
    return p;
  };

  const start = resolveUrl(target.url, target.url) ?? target.url;
  const home = await fetchPage(start);
  const readOnIso = chinaDate(home.page.fetchedAt);
  const readOn = parseIsoDate(readOnIso)!;
  const check = target.checkDate ? parseIsoDate(target.checkDate) : null;
  const asOf = check && compareCivil(check, readOn) < 0 ? check : readOn;
  const result: SiteProbe = {
    kind: target.kind,
    url: target.url,
    readOn: readOnIso,
    asOf: formatIsoDate(asOf),
    homepage: { page: home.page },
    columns: [],
    deadLinks: [],
    externalLinks: [],
    pages,
  };
  const homeProblem = problemOf(home.page);
  if (homeProblem || !home.html) {
    result.homepage.problem = homeProblem ?? { kind: 'undated' };
    return result;
  }
  const newest = newestItem(datedItems(home.html, readOn), asOf);
  if (newest) result.homepage.lastUpdate = newest.date;
  else result.homepage.problem = { kind: 'undated' };
  if (target.kind === 'media') return result;

  const site = home.page.url;
  const sameSite = (url: string) => hostKey(url) === hostKey(site);
  result.externalLinks = externalLinksOf(home.html.links, sameSite);

  // the columns to read: the record's, else the navigation's
  const wanted = target.columns && target.columns.length > 0 ? target.columns : undefined;
  const columns: ColumnProbe[] = [];
  if (wanted) {
    const hubs = navigationLinks(home.html, sameSite).slice(0, limits.maxColumns);
    let hubPages: HtmlPage[] | undefined;
    for (const [index, c] of wanted.entries()) {
      const probe: ColumnProbe = { name: c.name, source: 'record', index, pagesRead: 0 };
      let url = c.url ? resolveUrl(c.url, site) : linkNamed(home.html.links, c.name)?.href;
      if (!url) {
        // a second-level column: look on the first-level pages of the navigation
        hubPages ??= (await Promise.all(hubs.map((l) => fetchPage(l.href)))).map((h) => h.html).filter((h): h is HtmlPage => !!h);
        url = hubPages.map((h) => linkNamed(h.links, c.name)?.href).find((u) => !!u);
        if (url) probe.level = 2;
      }
      if (url) probe.url = url;
      else probe.problem = { kind: 'not-found' };
      columns.push(probe);
    }
  } else {
    for (const link of navigationLinks(home.html, sameSite).slice(0, limits.maxColumns)) {
      columns.push({ name: link.text, source: 'navigation', url: link.href, level: 1, category: guessCategory(link.text), pagesRead: 0 });
    }
  }

  await Promise.all(
    columns.map(async (col) => {
      if (!col.url || col.problem) return;
      if (!sameSite(col.url)) {
        col.problem = { kind: 'off-site', host: hostOf(col.url) };
        return;
      }
      await readColumn(col, fetchPage, readOn, asOf, limits);
    }),
  );
  // columns found in the navigation that are not lists (hub pages, single articles) are no columns
  result.columns = columns.filter((c) => c.source === 'record' || !(c.problem?.kind === 'undated'));

  // dead links: the columns', then the homepage's other links on the site (new fetches up to the limit)
  const dead = new Map<string, DeadLink>();
  const note = (url: string, text: string, page: FetchedPage) => {
    const p = problemOf(page);
    if (p && p.kind !== 'robots' && !dead.has(url)) dead.set(url, { url, from: site, text, problem: p });
  };
  for (const c of columns) if (c.url && cache.has(c.url)) note(c.url, c.name, (await cache.get(c.url)!).page);
  let budget = Math.max(0, limits.maxLinkChecks - cache.size);
  const links = uniqueLinks(home.html.links.filter((l) => sameSite(l.href)));
  await Promise.all(
    links.map(async (l) => {
      if (!cache.has(l.href)) {
        if (budget <= 0) return;
        budget--;
      }
      note(l.href, l.text, (await fetchPage(l.href)).page);
    }),
  );
  result.deadLinks = [...dead.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return result;
}

interface Fetched {
  page: FetchedPage;
  html?: HtmlPage;
  raw?: string;
}

async function fetchOnce(url: string, crawler: Crawler): Promise<Fetched> {
  const r = await crawler.get(url);
  const html = r.outcome === 'page' && r.text !== undefined && (r.status ?? 0) < 400 ? parsePage(r.text, r.url) : undefined;
  const page: FetchedPage = {
    requestedUrl: r.requestedUrl,
    url: r.url,
    outcome: r.outcome,
    status: r.status,
    failure: r.failure,
    redirects: r.redirects,
    fetchedAt: r.fetchedAt,
    contentType: r.contentType,
    body: r.body,
    soft404: !!html && r.status === 200 && isSoft404(html),
  };
  return { page, html, raw: r.text };
}

type PageFetch = (url: string) => Promise<Fetched>;

/** Reads a column's list: its newest item as of `asOf` (following pagination when the list needs it), or blank. */
async function readColumn(col: ColumnProbe, fetchPage: PageFetch, readOn: CivilDate, asOf: CivilDate, limits: SiteLimits): Promise<void> {
  const first = await fetchPage(col.url!);
  col.pagesRead = 1;
  const problem = problemOf(first.page);
  if (problem || !first.html) {
    col.problem = problem ?? { kind: 'undated' };
    return;
  }
  let items = mainList(datedItems(first.html, readOn));
  if (items.length === 0) {
    if (EMPTY_LIST.some((m) => first.html!.text.includes(m))) {
      col.blank = true;
      col.evidence = first.page;
    } else col.problem = { kind: 'undated' };
    return;
  }
  let newest = newestItem(items, asOf);
  let evidence = first.page;
  // an unsorted or oldest-first list, or one whose first page is all after the check date: read on
  if (!newestFirst(items) || !newest) {
    const more = paginationOf(first.html, first.raw ?? '').slice(0, limits.maxListPages - 1);
    for (const url of more) {
      const next = await fetchPage(url);
      col.pagesRead++;
      if (problemOf(next.page) || !next.html) break;
      const pageItems = mainList(datedItems(next.html, readOn));
      const candidate = newestItem(pageItems, asOf);
      if (candidate && (!newest || compareCivil(candidate.civil, newest.civil) > 0)) {
        newest = candidate;
        evidence = next.page;
      }
      items = items.concat(pageItems);
    }
  }
  if (newest) {
    col.lastUpdate = newest.date;
    col.evidence = evidence;
  } else col.problem = { kind: 'undated' };
}

/** The other pages of a list: TRS `createPageHTML(n, i, "index", "html")`, else numbered or next links. */
export function paginationOf(page: HtmlPage, raw: string): string[] {
  const trs = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']/.exec(raw);
  if (trs) {
    const [count, current, name, ext] = [Number(trs[1]), Number(trs[2]), trs[3], trs[4]];
    const out: string[] = [];
    for (let i = 0; i < Math.min(count, 100); i++) {
      if (i === current) continue;
      const u = resolveUrl(i === 0 ? `${name}.${ext}` : `${name}_${i}.${ext}`, page.url);
      if (u) out.push(u);
    }
    return out;
  }
  const numbered = page.links.filter((l) => /^\d{1,3}$/.test(l.text) && Number(l.text) >= 2).sort((a, b) => Number(a.text) - Number(b.text));
  const last = page.links.find((l) => hints.pagination.last.includes(l.text));
  const next = page.links.find((l) => hints.pagination.next.includes(l.text));
  const urls = uniqueLinks([...numbered, ...(last ? [last] : []), ...(numbered.length === 0 && next ? [next] : [])]).map((l) => l.href);
  return urls.filter((u) => u !== page.url);
}

/** Why a fetched page gives no facts, or undefined when it is a readable page. */
export function problemOf(page: FetchedPage): PageProblem | undefined {
  if (page.outcome === 'robots') return { kind: 'robots' };
  if (page.outcome === 'too-many-redirects') return { kind: 'too-many-redirects' };
  if (page.outcome === 'failed') return { kind: 'failed', reason: page.failure!.reason, code: page.failure!.code };
  if ((page.status ?? 0) >= 400) return { kind: 'status', status: page.status! };
  if (page.soft404) return { kind: 'soft-404' };
  return undefined;
}

/** A 200 page that says the page does not exist. */
export function isSoft404(page: HtmlPage): boolean {
  const head = pageHeadline(page);
  if (SOFT_404.some((m) => head.includes(m))) return true;
  return page.text.length <= hints.soft404MaxTextLength && SOFT_404.some((m) => page.text.includes(m));
}

/** The homepage's navigation: same-site links inside a <nav> or a nav/menu container, by order. */
export function navigationLinks(page: HtmlPage, sameSite: (url: string) => boolean): PageLink[] {
  const inNav = (l: PageLink): boolean => {
    for (let p = l.element.parent; p && 'name' in p; p = p.parent) {
      const e = p as { name: string; attribs: Record<string, string> };
      if (e.name === 'nav' || NAV_CONTAINER.test(`${e.attribs.class ?? ''} ${e.attribs.id ?? ''}`)) return true;
    }
    return false;
  };
  const { min, max } = hints.navigationTextLength;
  const home = new URL(page.url);
  return uniqueLinks(
    page.links.filter((l) => {
      if (!inNav(l) || !sameSite(l.href) || NAV_EXCLUDED.has(l.text) || l.text.length < min || l.text.length > max) return false;
      const u = new URL(l.href);
      return !(u.pathname === home.pathname || u.pathname === '/' || /^\/index\.\w+$/.test(u.pathname));
    }),
  );
}

/** A link whose text is the column's name (spaces ignored), else one whose text starts with it. */
function linkNamed(links: PageLink[], name: string): PageLink | undefined {
  const want = name.replace(/\s+/g, '');
  const plain = (l: PageLink) => l.text.replace(/\s+/g, '');
  return links.find((l) => plain(l) === want) ?? links.find((l) => plain(l).startsWith(want) && plain(l).length <= want.length + 4);
}

/** The column category a name suggests (其他 when none does). */
export function guessCategory(name: string): ColumnCategory {
  for (const { category, words } of hints.columnCategories) {
    if (words.some((w) => name.includes(w)) && (COLUMN_CATEGORIES as readonly string[]).includes(category)) return category as ColumnCategory;
  }
  return '其他';
}

function externalLinksOf(links: PageLink[], sameSite: (url: string) => boolean): ExternalLinks[] {
  const counts = new Map<string, number>();
  for (const l of links) {
    if (sameSite(l.href)) continue;
    const host = hostOf(l.href);
    counts.set(host, (counts.get(host) ?? 0) + 1);
  }
  return [...counts]
    .map(([host, n]) => ({ host, links: n, government: GOVERNMENT_HOST.test(host) }))
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

function uniqueLinks(links: PageLink[]): PageLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.href) && !!seen.add(l.href));
}

function hostOf(url: string): string {
  return new URL(url).host;
}

/** A site is its host and port, `www.` or not. */
function hostKey(url: string): string {
  return new URL(url).host.replace(/^www\./i, '').toLowerCase();
}
