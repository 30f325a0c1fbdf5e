// A fetched page as a DOM (htmlparser2 + domhandler: forgiving of the broken markup old CMS
// templates produce) with its links resolved. Hanweb (大汉) list pages keep their items as HTML in
// CDATA inside <script type="text/xml"> (rendered by script in the browser): that markup is spliced
// in before parsing, so its items are read like any other list.
import { isTag, isText, type AnyNode, type Document, type Element } from 'domhandler';
import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { resolveUrl } from './crawler';

export interface PageLink {
  href: string;
  /** The link's visible text, whitespace collapsed (its title attribute when it has no text). */
  text: string;
  element: Element;
}

export interface HtmlPage {
  url: string;
  dom: Document;
  title: string;
  links: PageLink[];
  /** The page's visible text (no scripts or styles), whitespace collapsed. */
  text: string;
}

const XML_DATASTORE = /<script\b[^>]*\btype\s*=\s*["']?text\/xml["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head']);

/** Collapses runs of white space (including full-width and non-breaking spaces) to one space. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Parses a page fetched from `url`. */
export function parsePage(html: string, url: string): HtmlPage {
  const spliced = html.replace(XML_DATASTORE, (_whole, inner: string) => inner.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'));
  const dom = parseDocument(spliced, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const titleEl = findAll((e) => e.name === 'title', dom.children)[0];
  // <base href> changes how relative links resolve (TRS templates use it)
  const baseEl = findAll((e) => e.name === 'base' && !!e.attribs.href, dom.children)[0];
  const base = (baseEl && resolveUrl(baseEl.attribs.href, url)) ?? url;
  const links: PageLink[] = [];
  for (const a of findAll((e) => e.name === 'a' && !!e.attribs.href, dom.children)) {
    const href = resolveUrl(getAttributeValue(a, 'href') ?? '', base);
    if (!href) continue;
    links.push({ href, text: squash(visibleText(a)) || squash(a.attribs.title ?? ''), element: a });
  }
  return { url, dom, title: titleEl ? squash(textContent(titleEl)) : '', links, text: squash(visibleText(dom)) };
}

/** The text of a node without scripts, styles and the head. */
export function visibleText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (isTag(node) && INVISIBLE.has(node.name)) return '';
  const children = (node as { children?: AnyNode[] }).children;
  if (!children) return '';
  let out = '';
  for (const c of children) out += visibleText(c) + (isTag(c) && BLOCK.has(c.name) ? ' ' : '');
  return out;
}

const BLOCK = new Set(['p', 'div', 'li', 'tr', 'td', 'th', 'dd', 'dt', 'br', 'h1', 'h2', 'h3', 'h4', 'ul', 'table']);

/** Every text node of the page outside scripts and styles, in document order. */
export function visibleTextNodes(node: AnyNode, out: { node: AnyNode; text: string }[] = []): { node: AnyNode; text: string }[] {
  if (isText(node)) {
    out.push({ node, text: node.data });
    return out;
  }
  if (isTag(node) && INVISIBLE.has(node.name)) return out;
  for (const c of (node as { children?: AnyNode[] }).children ?? []) visibleTextNodes(c, out);
  return out;
}
