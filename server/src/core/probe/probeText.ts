// The words of a probe's report, shared by the CLI and the editor: a fact against the record, why
// a page gave no facts, and the observations that are no record facts (dead links, links leaving
// the site). All from l10n/messages/probe.json.
import bundle from '../../../../l10n/messages/probe.json';
import { catalogue } from '../l10n';
import type { Locale } from '../model';
import type { FactChange } from './proposals';
import type { ColumnProblem, SiteProbe } from './siteProbe';

export const tp = catalogue(bundle);
type Key = Parameters<typeof tp>[1];

/** `+ 首页 最近更新日期：2021-06-11`, `! 栏目“政策解读” 最近更新日期：记录为 …，网页显示 …（冲突，未修改）`. */
export function changeText(c: FactChange, locale: Locale): string {
  const subject = c.subject.kind === 'column' ? tp(locale, 'subject.column', { name: c.subject.name }) : tp(locale, `subject.${c.subject.kind}` as Key);
  const field = tp(locale, `field.${c.key}` as Key);
  const show = (v: unknown, found: boolean): string => {
    if (v === null) return tp(locale, 'value.noDate');
    if (v === true) return tp(locale, 'value.true');
    if (v === false) return found && c.key === 'blank' ? tp(locale, 'value.itemsFound') : tp(locale, 'value.false');
    return String(v);
  };
  return tp(locale, `change.${c.status}` as Key, { subject, field, value: show(c.value, true), recorded: show(c.recorded, false) });
}

/** Why a page gave no facts; a timeout names the seconds waited. */
export function problemText(p: ColumnProblem, locale: Locale, seconds?: number): string {
  switch (p.kind) {
    case 'status':
      return tp(locale, 'problem.status', { status: p.status });
    case 'soft-404':
      return tp(locale, 'problem.soft404');
    case 'robots':
      return tp(locale, 'problem.robots');
    case 'too-many-redirects':
      return tp(locale, 'problem.redirects');
    case 'not-found':
      return tp(locale, 'problem.notFound');
    case 'off-site':
      return tp(locale, 'problem.offSite', { host: p.host });
    case 'undated':
      return tp(locale, 'problem.undated');
    case 'failed':
      if (p.reason === 'timeout') return tp(locale, 'problem.timeout', { seconds: seconds ?? '?' });
      return tp(locale, `problem.${p.reason}` as Key, { code: p.code ?? '' });
  }
}

/** The report lines of what is no record fact: pages that gave none, dead links, links leaving the site. */
export function observationLines(site: SiteProbe, locale: Locale, seconds?: number): string[] {
  const lines: string[] = [];
  const home = site.homepage.page;
  if (home.redirects.length > 0) lines.push(tp(locale, 'report.redirected', { url: home.url }));
  if (site.homepage.problem) lines.push(tp(locale, 'report.homepage', { problem: problemText(site.homepage.problem, locale, seconds) }));
  for (const c of site.columns) if (c.problem) lines.push(tp(locale, 'report.column', { name: c.name, problem: problemText(c.problem, locale, seconds) }));
  if (site.deadLinks.length > 0) {
    lines.push(tp(locale, 'report.deadLinks', { count: site.deadLinks.length }));
    for (const d of site.deadLinks) lines.push(tp(locale, 'report.deadLink', { url: d.url, problem: problemText(d.problem, locale, seconds), text: d.text }));
  }
  if (site.externalLinks.length > 0) {
    const hosts = site.externalLinks.map((e) => tp(locale, e.government ? 'report.externalHost' : 'report.externalNonGov', { host: e.host, links: e.links }));
    lines.push(tp(locale, 'report.external', { hosts: hosts.join(tp(locale, 'report.list.separator')) }));
  }
  return lines;
}
