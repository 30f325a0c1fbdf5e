// Polite fetching of many pages from many sites: at most `concurrency` requests at once overall, one
// at a time per site (origin) with a pause between them (the office's setting or the site's
// robots.txt Crawl-delay, whichever is longer), robots.txt honoured unless the office overrides it
// for its own sites, redirects followed hop by hop (each hop checked against robots.txt and kept as
// evidence), and the page decoded from GBK/GB2312/UTF-8.
import robotsParser from 'robots-parser';
import type { Clock } from './clock';
import { decodePage, type PageEncoding } from './decode';
import type { FetchFailureReason, Fetcher } from './fetcher';

export interface CrawlSettings {
  concurrency: number;
  /** Pause between two requests to the same site (milliseconds). */
  hostIntervalMs: number;
  maxCrawlDelaySeconds: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  ignoreRobots: boolean;
  userAgent: string;
  robotsAgent: string;
}

/** One redirect hop. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** What fetching one URL gave. */
export interface PageResult {
  requestedUrl: string;
  /** Where the last hop went (the page's address after redirects). */
  url: string;
  redirects: RedirectHop[];
  /** `page`: a response came (any status); `failed`: none did; `robots`: robots.txt forbids the URL. */
  outcome: 'page' | 'failed' | 'robots' | 'too-many-redirects';
  status?: number;
  contentType?: string;
  body?: Uint8Array;
  truncated?: boolean;
  /** Decoded text of an HTML or text page. */
  text?: string;
  encoding?: PageEncoding;
  failure?: { reason: FetchFailureReason; code?: string };
  /** When the last hop's request started and how long the whole fetch took. */
  fetchedAt: number;
  elapsedMs: number;
}

type RobotsRules =
  | ReturnType<typeof robotsParser>
  | 'allow-all'
  | 'disallow-all'
  /** robots.txt could not be fetched because the site cannot be reached at all: its pages fail the same way. */
  | { unreachable: { reason: FetchFailureReason; code?: string } };

interface SiteState {
  tail: Promise<void>;
  lastStart: number;
  robots?: Promise<RobotsRules>;
  crawlDelayMs: number;
}

/** Fetches pages politely; one crawler serves one run (its robots.txt cache and pacing are per run). */
export class Crawler {
  private readonly sites = new Map<string, SiteState>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly settings: CrawlSettings,
    private readonly fetcher: Fetcher,
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {}

  /** Fetches `url`, following redirects. */
  async get(url: string): Promise<PageResult> {
    const redirects: RedirectHop[] = [];
    let current = url;
    const started = this.clock.now();
    for (let hop = 0; ; hop++) {
      const base = { requestedUrl: url, url: current, redirects };
      const permission = await this.permission(current);
      if (permission !== true) {
        const at = this.clock.now();
        if (permission === false) return { ...base, outcome: 'robots', fetchedAt: at, elapsedMs: at - started };
        return { ...base, outcome: 'failed', failure: permission.unreachable, fetchedAt: at, elapsedMs: at - started };
      }
      const { outcome, at } = await this.request(current);
      const elapsedMs = this.clock.now() - started;
      if (!outcome.ok) return { ...base, outcome: 'failed', failure: { reason: outcome.reason, code: outcome.code }, fetchedAt: at, elapsedMs: Math.max(elapsedMs, outcome.elapsedMs) };
      const next = outcome.status >= 300 && outcome.status < 400 && outcome.location ? resolveUrl(outcome.location, current) : undefined;
      if (next) {
        redirects.push({ url: current, status: outcome.status, location: next });
        if (hop + 1 > this.settings.maxRedirects) return { ...base, outcome: 'too-many-redirects', status: outcome.status, fetchedAt: at, elapsedMs };
        current = next;
        continue;
      }
      const page: PageResult = {
        ...base,
        outcome: 'page',
        status: outcome.status,
        contentType: outcome.contentType,
        body: outcome.body,
        truncated: outcome.truncated,
        fetchedAt: at,
        elapsedMs: Math.max(elapsedMs, outcome.elapsedMs),
      };
      if (isTextual(outcome.contentType)) Object.assign(page, decodePage(outcome.body, outcome.contentType));
      return page;
    }
  }

  /** Whether robots.txt lets this tool fetch `url` (or why the site cannot be reached). */
  private async permission(url: string): Promise<boolean | { unreachable: { reason: FetchFailureReason; code?: string } }> {
    if (this.settings.ignoreRobots) return true;
    const origin = originOf(url);
    if (!origin) return true;
    const state = this.site(origin);
    state.robots ??= this.loadRobots(origin, state);
    const rules = await state.robots;
    if (rules === 'allow-all') return true;
    if (rules === 'disallow-all') return false;
    if ('unreachable' in rules) return rules;
    return rules.isAllowed(url, this.settings.robotsAgent) !== false;
  }

  private async loadRobots(origin: string, state: SiteState): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    // robots.txt itself may redirect (RFC 9309 2.3.1.2: follow up to five)
    let current = robotsUrl;
    for (let hop = 0; hop <= 5; hop++) {
      const { outcome } = await this.request(current);
      // the site itself cannot be reached (a refused connection, a certificate, a timeout): its
      // pages would fail alike, and that failure, not robots.txt, is the fact to report
      if (!outcome.ok) return { unreachable: { reason: outcome.reason, code: outcome.code } };
      if (outcome.status >= 300 && outcome.status < 400 && outcome.location) {
        current = resolveUrl(outcome.location, current) ?? current;
        continue;
      }
      // RFC 9309 2.3.1.4: a server error on robots.txt means complete disallow
      if (outcome.status >= 500) return 'disallow-all';
      if (outcome.status >= 400) return 'allow-all';
      const rules = robotsParser(robotsUrl, decodePage(outcome.body, outcome.contentType).text);
      const delay = rules.getCrawlDelay(this.settings.robotsAgent);
      if (typeof delay === 'number' && delay > 0) state.crawlDelayMs = Math.min(delay, this.settings.maxCrawlDelaySeconds) * 1000;
      return rules;
    }
    return 'allow-all';
  }

  private site(origin: string): SiteState {
    let state = this.sites.get(origin);
    if (!state) {
      state = { tail: Promise.resolve(), lastStart: Number.NEGATIVE_INFINITY, crawlDelayMs: 0 };
      this.sites.set(origin, state);
    }
    return state;
  }

  /** One request: in the site's queue, after its pause, within the overall limit. */
  private async request(url: string): Promise<{ outcome: Awaited<ReturnType<Fetcher>>; at: number }> {
    const state = this.site(originOf(url) ?? url);
    const previous = state.tail;
    let release!: () => void;
    state.tail = new Promise((resolve) => (release = resolve));
    try {
      await previous;
      const pause = Math.max(this.settings.hostIntervalMs, state.crawlDelayMs);
      const wait = state.lastStart + pause - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, this.signal);
      await this.acquire();
      try {
        const at = this.clock.now();
        state.lastStart = at;
        const outcome = await this.fetcher({
          url,
          timeoutMs: this.settings.timeoutMs,
          maxBytes: this.settings.maxBytes,
          userAgent: this.settings.userAgent,
          signal: this.signal,
        });
        return { outcome, at };
      } finally {
        this.releaseSlot();
      }
    } finally {
      release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.settings.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** The `scheme://host:port` of a URL, or undefined when it is not http(s). */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** `href` resolved against `base`, without its fragment; undefined when it is not an http(s) URL. */
export function resolveUrl(href: string, base: string): string | undefined {
  try {
    const u = new URL(href.trim(), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.toString();
  } catch {
    return undefined;
  }
}

function isTextual(contentType: string | undefined): boolean {
  return !contentType || /^(text\/|application\/(xhtml\+xml|xml)\b)/i.test(contentType);
}
