// The phrase grammar of the bulletin's Chinese. Sentences are built from parts, never spliced: a
// clause left empty disappears with its mark, two marks that meet leave the stronger (no “，。”, no
// dangling “；”), a sentence is closed once, lists get their separators (“A”“B”和“C”, A、B、C等N个),
// and a subject meets what is said of it with a connector only when the clause is about one of its
// parts (“…”网站的解读回应栏目更新不及时, but “…”网站存在多个空白栏目). Every word and mark comes
// from the settings (`grammar`, `names`): this module knows only where they go.
import type { RecordKind } from '../model';
import type { EntityRef } from './bulletinModel';
import type { Abbreviation, BulletinSettings } from './settings';
import { fill } from './fill';

/** The marks and words the grammar places, from the settings. */
export interface Grammar {
  /** Clause marks, weakest to strongest (、，；：。). */
  punctuation: string;
  stop: string;
  clauseJoin: string;
  sentenceJoin: string;
  verbStarts: string[];
  topicMarkers: string[];
  quoteOpen: string;
  quoteClose: string;
  join: string;
  joinQuoted: string;
  joinLast: string;
}

/** The grammar of a bulletin's settings. */
export function grammarOf(s: BulletinSettings): Grammar {
  return {
    punctuation: s.grammar.punctuation,
    stop: s.grammar.stop,
    clauseJoin: s.grammar.clauseJoin,
    sentenceJoin: s.grammar.sentenceJoin,
    verbStarts: s.grammar.verbStarts,
    topicMarkers: s.names.topicMarkers,
    quoteOpen: s.names.quoteOpen,
    quoteClose: s.names.quoteClose,
    join: s.names.join,
    joinQuoted: s.names.joinQuoted,
    joinLast: s.names.joinLast,
  };
}

function strength(g: Grammar, ch: string): number {
  return ch ? g.punctuation.indexOf(ch) : -1;
}

function isMark(g: Grammar, ch: string | undefined): boolean {
  return !!ch && g.punctuation.includes(ch);
}

/** Where marks meet, the strongest stays; marks at the very start go. */
export function tidy(g: Grammar, text: string): string {
  let out = '';
  for (const ch of text) {
    if (isMark(g, ch)) {
      const prev = out.slice(-1);
      if (!out) continue;
      if (isMark(g, prev)) {
        if (strength(g, ch) > strength(g, prev)) out = out.slice(0, -1) + ch;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

/** Joins clauses: empty ones are left out, and no joiner is put next to a mark already there. */
export function joinClauses(g: Grammar, parts: readonly string[], joiner = g.clauseJoin): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (out && !isMark(g, out.slice(-1)) && !isMark(g, part[0])) out += joiner;
    out += part;
  }
  return tidy(g, out);
}

/**
 * Closes a sentence: a trailing mark no stronger than the sentence join (、，；) becomes the stop; a
 * stronger one (a colon before what follows, the stop itself) stays; otherwise the stop is added.
 * Empty stays empty.
 */
export function closeSentence(g: Grammar, text: string): string {
  const t = tidy(g, text.trim());
  if (!t) return '';
  const last = t.slice(-1);
  if (isMark(g, last)) return strength(g, last) > strength(g, g.sentenceJoin) ? t : t.slice(0, -1) + g.stop;
  return t + g.stop;
}

/** Sentences run together, each closed once. */
export function sentences(g: Grammar, parts: readonly string[]): string {
  return parts.map((p) => closeSentence(g, p)).filter(Boolean).join('');
}

/** A name standing alone in quotes (“A”), which may run into the next without a separator. */
function isQuotedName(g: Grammar, item: string): boolean {
  return item.startsWith(g.quoteOpen) && item.endsWith(g.quoteClose) && item.indexOf(g.quoteClose) === item.length - g.quoteClose.length;
}

export interface ListOptions {
  join?: string;
  /** Before the last item (和); the join when absent. */
  last?: string;
  /** Items printed at most (0 or absent: all); the rest are counted by `etc`. */
  max?: number;
  /** What follows a cut list, given how many there are (等37个政府网站). */
  etc?: (count: number) => string;
  /** Whether quoted names run together (“A”“B”) rather than take the join. */
  runQuoted?: boolean;
}

/**
 * A list as bulletins write it: A、B和C; quoted names side by side (“A”“B”和“C”) when every name
 * before the last stands in quotes alone; a long list cut after `max` items and ended with `etc`
 * (A、B、C等37个 — no 和 in a cut list).
 */
export function listOf(g: Grammar, items: readonly string[], o: ListOptions = {}): string {
  const all = items.filter(Boolean);
  if (!all.length) return '';
  const cut = o.max && o.max > 0 && all.length > o.max ? all.slice(0, o.max) : null;
  const shown = cut ?? all;
  const runTogether = (o.runQuoted ?? true) && shown.slice(0, cut ? shown.length : -1).every((i) => isQuotedName(g, i));
  const sep = runTogether ? g.joinQuoted : o.join ?? g.join;
  if (cut) return shown.join(sep) + (o.etc ? o.etc(all.length) : '');
  if (shown.length === 1) return shown[0];
  return shown.slice(0, -1).join(sep) + (o.last ?? (o.join !== undefined ? o.join : g.joinLast)) + shown[shown.length - 1];
}

/** Splits `办事栏目长期未更新` into its topic `办事栏目` and what is said of it `长期未更新`; null if it is not about a part. */
export function splitTopic(g: Grammar, clause: string): { topic: string; predicate: string } | null {
  if (clause.includes(g.clauseJoin) || clause.includes(g.sentenceJoin)) return null;
  if (g.verbStarts.some((v) => v && clause.startsWith(v))) return null;
  let best = -1;
  let marker = '';
  for (const m of g.topicMarkers) {
    const i = clause.lastIndexOf(m);
    if (i > best) {
      best = i;
      marker = m;
    }
  }
  if (best < 0) return null;
  const cut = best + marker.length;
  const topic = clause.slice(0, cut);
  const predicate = clause.slice(cut);
  return topic && predicate && !g.verbStarts.some((v) => v && topic.startsWith(v)) ? { topic, predicate } : null;
}

/**
 * Whether a clause is about a part of its subject (a column): it starts with a noun phrase that ends
 * in a topic marker and goes on to say something of it. Only its first clause decides.
 */
export function aboutAPart(g: Grammar, clause: string): boolean {
  const first = clause.split(g.clauseJoin)[0];
  if (!first || g.verbStarts.some((v) => v && first.startsWith(v))) return false;
  return g.topicMarkers.some((m) => {
    const i = first.indexOf(m);
    return i > 0 && i + m.length < first.length;
  });
}

/** A subject and what is said of it: the connector (的, 中的) only before a part of the subject. */
export function predicate(g: Grammar, subject: string, clause: string, connector: string): string {
  if (!clause) return subject;
  return subject + (aboutAPart(g, clause) ? connector : '') + clause;
}

/** A name shortened by the first abbreviation that fits (海南省监狱管理局 → 省监狱管理局). */
export function abbreviate(name: string, rules: readonly Abbreviation[]): string {
  for (const a of rules) {
    if (!a.from) continue;
    if (a.at === 'end') {
      if (name.endsWith(a.from) && name.length > a.from.length) return name.slice(0, -a.from.length) + a.to;
    } else if (name.startsWith(a.from) && name.length > a.from.length) return a.to + name.slice(a.from.length);
  }
  return name;
}

/** The platform as bulletins print it. */
export function platformName(s: BulletinSettings, platform: string | undefined): string {
  if (!platform) return '';
  return s.names.platformNames[platform] ?? platform;
}

/** A unit (sponsor) as the bulletin shortens it. */
export function unitName(s: BulletinSettings, sponsor: string | undefined): string {
  return sponsor ? abbreviate(sponsor, s.names.sponsorAbbreviations) : '';
}

/** The form a kind's names take, unless a group or list gives its own. */
export function formOf(s: BulletinSettings, kind: RecordKind, own?: { website?: string; media?: string }): string {
  return own?.[kind] ?? s.names[kind];
}

/** An entity named in a form: {{name}}, {{platform}}, {{unit}}, {{region}}, {{site}}. */
export function nameIn(s: BulletinSettings, e: EntityRef, form: string, abbreviations: readonly Abbreviation[] = s.names.abbreviations): string {
  const name = abbreviate(e.name, abbreviations);
  const plainSite = s.names.websiteNameEndings.some((end) => name.endsWith(end));
  return fill(form, {
    name,
    platform: platformName(s, e.platform),
    unit: unitName(s, e.sponsor),
    region: e.region ?? '',
    site: e.kind === 'website' && !plainSite ? s.names.websiteSuffix : '',
  });
}
