// The dated items of a page: a text that is nothing but a date (a "date cell": 2021-06-10,
// [2021-06-10], 2021年6月10日, 06-10 …), tied to the link of the item it stands in (the <li>, table
// row or <dl> around it). Dates inside a title ("关于2021年6月1日起…"), in the footer (©2005-2021)
// or in a clock widget (今天是2021年6月15日) are not date cells and are never taken for items.
// Items are grouped by the list holding them, so a column page's own list can be told from the
// "latest news" box in its sidebar.
import { isTag, type AnyNode, type Element } from 'domhandler';
import { compareDocumentPosition, findAll } from 'domutils';
import { compareCivil, formatIsoDate, type CivilDate } from '../dates';
import type { IsoDate } from '../model';
import { squash, visibleTextNodes, type HtmlPage, type PageLink } from './htmlPage';
import { completeDate, dateCell } from './pageDates';

export interface DatedItem {
  date: IsoDate;
  civil: CivilDate;
  /** The item's link (its title and address), when it has one. */
  link?: PageLink;
  /** The element holding the item's list (its items' common parent). */
  list: Element;
}

const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'dl', 'p', 'div', 'article', 'section', 'td', 'span', 'em', 'font', 'i', 'b', 'strong']);
/** How far up from a date cell its item's link is looked for. */
const MAX_CLIMB = 5;
/** Page furniture whose dates are not items (footer "网站更新" lines, copyright). */
const FURNITURE = /(^|[\s_-])(foot|footer|bottom|copyright|banquan|bq)([\s_-]|\d|$)/i;

/** Every dated item of a page; partial dates take their year from the item's link or from `readOn`. */
export function datedItems(page: HtmlPage, readOn: CivilDate): DatedItem[] {
  const linkOf = new Map<Element, PageLink>(page.links.map((l) => [l.element, l]));
  const items: DatedItem[] = [];
  for (const { node, text } of visibleTextNodes(page.dom)) {
    const cell = dateCell(text);
    if (!cell || inFurniture(node)) continue;
    const found = itemAround(node, linkOf);
    if (!found) continue;
    const civil = completeDate(cell, readOn, found.link?.href);
    if (!civil || civil.year < 1990) continue;
    items.push({ date: formatIsoDate(civil), civil, link: found.link, list: found.list });
  }
  return items;
}

/** The link and list of the item a date cell belongs to: the nearest ancestor that holds a link. */
function itemAround(node: AnyNode, linkOf: Map<Element, PageLink>): { link?: PageLink; list: Element } | undefined {
  // a date inside the link itself (`<a><span>标题</span><span>日期</span></a>`)
  for (let p = node.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'a' && linkOf.has(p)) {
      const item = p.parent && isTag(p.parent) && p.parent.name !== 'body' ? p.parent : p;
      return { link: linkOf.get(p), list: (item.parent && isTag(item.parent) ? item.parent : item) as Element };
    }
  }
  let child: Element | undefined;
  let p = node.parent;
  for (let depth = 0; p && isTag(p) && depth < MAX_CLIMB; depth++, child = p, p = p.parent) {
    if (!ITEM_TAGS.has(p.name) && p.name !== 'tbody' && p.name !== 'table' && p.name !== 'ul' && p.name !== 'ol') break;
    const anchors = findAll((e) => e.name === 'a' && linkOf.has(e), p.children);
    if (anchors.length === 0) continue;
    const link = nearestLink(node, anchors, linkOf);
    // a list holding several items' links: the date's own item is the child it climbed from
    const item = anchors.length > 1 && child && isListTag(p) ? child : p;
    const list = item === p ? (p.parent && isTag(p.parent) ? p.parent : p) : p;
    return { link, list: listAbove(list) };
  }
  return undefined;
}

/** A wrapper around a single item (Hanweb's <record>) is not the list: the list is further up. */
function listAbove(list: Element): Element {
  let l = list;
  while (l.children.filter(isTag).length === 1 && l.parent && isTag(l.parent) && l.parent.name !== 'body') l = l.parent;
  return l;
}

function inFurniture(node: AnyNode): boolean {
  for (let p = node.parent; p && isTag(p); p = p.parent) {
    if (p.name === 'footer' || FURNITURE.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
  }
  return false;
}

function isListTag(e: Element): boolean {
  return e.name === 'ul' || e.name === 'ol' || e.name === 'tbody' || e.name === 'table' || e.name === 'dl';
}

/** The link just before the date in document order (titles precede dates), else the first after it. */
function nearestLink(node: AnyNode, anchors: Element[], linkOf: Map<Element, PageLink>): PageLink | undefined {
  let before: Element | undefined;
  for (const a of anchors) {
    // DocumentPosition.PRECEDING = 2: `a` comes before `node`
    if (compareDocumentPosition(node, a) & 2) before = a;
  }
  return linkOf.get(before ?? anchors[0]);
}

/** The items of the page's main list: the list holding the most items (ties: the first). */
export function mainList(items: DatedItem[]): DatedItem[] {
  const groups = new Map<Element, DatedItem[]>();
  for (const it of items) {
    const g = groups.get(it.list);
    if (g) g.push(it);
    else groups.set(it.list, [it]);
  }
  let best: DatedItem[] = [];
  for (const g of groups.values()) if (g.length > best.length) best = g;
  return best;
}

/** The newest item not after `limit`. */
export function newestItem(items: DatedItem[], limit: CivilDate): DatedItem | undefined {
  let best: DatedItem | undefined;
  for (const it of items) {
    if (compareCivil(it.civil, limit) > 0) continue;
    if (!best || compareCivil(it.civil, best.civil) > 0) best = it;
  }
  return best;
}

/**
 * Whether a list reads newest first, allowing up to three items pinned (置顶) above it out of order
 * when at least three items follow them.
 */
export function newestFirst(items: DatedItem[]): boolean {
  if (items.length < 2) return true;
  const descendsFrom = (start: number): boolean => {
    for (let i = start; i < items.length - 1; i++) if (compareCivil(items[i].civil, items[i + 1].civil) < 0) return false;
    return true;
  };
  for (let pinned = 0; pinned <= Math.min(3, items.length - 3); pinned++) if (descendsFrom(pinned)) return true;
  return false;
}

/** Text of the page's <title>, headings and (short) body, for soft-404 and empty-list markers. */
export function pageHeadline(page: HtmlPage): string {
  const heads = findAll((e) => /^h[1-3]$/.test(e.name), page.dom.children);
  return squash([page.title, ...heads.map((h) => squash(visibleTextOf(h)))].join(' '));
}

function visibleTextOf(e: Element): string {
  return visibleTextNodes(e).map((t) => t.text).join('');
}
