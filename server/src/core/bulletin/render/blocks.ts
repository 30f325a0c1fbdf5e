// Reads the body Markdown the template produced back into typed blocks (title, centred line,
// headings, run-in headings, body paragraphs, the attachment note, signature and date) so that the
// Word renderer lays out exactly what the template says, with no wording of its own. Only the
// conventions listed in the template are known.
export interface AttachmentItem {
  /** `1.` (empty when the item has no number). */
  number: string;
  title: string;
}

export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading1'; text: string }
  | { type: 'heading2'; text: string }
  | { type: 'aligned'; align: 'left' | 'center' | 'right'; text: string }
  | { type: 'paragraph'; runIn?: string; text: string }
  /** 附件说明: `附件：` and the numbered attachment names. */
  | { type: 'attachments'; heading: string; items: AttachmentItem[] }
  | { type: 'signature'; text: string }
  | { type: 'date'; text: string };

/** Removes Markdown backslash escapes (`\*` → `*`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~#!(){}+.-])/g, '$1');
}

const ALIGNED = /^<p\s+align="(left|center|right)">([\s\S]*)<\/p>$/;
const RUN_IN = /^\*\*((?:\\.|[^*\\])+)\*\*([\s\S]*)$/;
/** One or more `<p class="…">…</p>` in a row (the lines of a block are joined). */
const CLASSED = /^(?:<p\s+class="[a-z-]+">[\s\S]*?<\/p>)+$/;
const CLASSED_ITEM = /<p\s+class="([a-z-]+)">([\s\S]*?)<\/p>/g;
const NUMBERED = /^(\d+\s*[.．、])\s*([\s\S]*)$/;

/** An attachment name split into its number (`1.`) and title. */
function attachmentItem(text: string): AttachmentItem {
  const m = NUMBERED.exec(text);
  return m ? { number: m[1].replace(/\s+/g, ''), title: m[2] } : { number: '', title: text };
}

/** The blocks of `<p class="attachments|attachment|signature|date">` elements; unknown classes are paragraphs. */
function classedBlocks(text: string, blocks: Block[]): void {
  for (const m of text.matchAll(CLASSED_ITEM)) {
    const value = unescapeMarkdown(m[2].trim());
    const last = blocks[blocks.length - 1];
    switch (m[1]) {
      case 'attachments':
        blocks.push({ type: 'attachments', heading: value, items: [] });
        break;
      case 'attachment':
        if (last?.type === 'attachments') last.items.push(attachmentItem(value));
        else blocks.push({ type: 'attachments', heading: '', items: [attachmentItem(value)] });
        break;
      case 'signature':
      case 'date':
        blocks.push({ type: m[1], text: value });
        break;
      default:
        blocks.push({ type: 'paragraph', text: value });
    }
  }
}

/** Parses the template's Markdown into blocks (blank-line separated; lines of a block are joined). */
export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    // CJK text: the lines of one paragraph join without a space
    const text = raw
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join('');
    if (!text) continue;
    let m: RegExpExecArray | null;
    if (text.startsWith('### ')) blocks.push({ type: 'heading2', text: unescapeMarkdown(text.slice(4).trim()) });
    else if (text.startsWith('## ')) blocks.push({ type: 'heading1', text: unescapeMarkdown(text.slice(3).trim()) });
    else if (text.startsWith('# ')) blocks.push({ type: 'title', text: unescapeMarkdown(text.slice(2).trim()) });
    else if (CLASSED.test(text)) classedBlocks(text, blocks);
    else if ((m = ALIGNED.exec(text))) blocks.push({ type: 'aligned', align: m[1] as 'left' | 'center' | 'right', text: unescapeMarkdown(m[2].trim()) });
    else if ((m = RUN_IN.exec(text))) blocks.push({ type: 'paragraph', runIn: unescapeMarkdown(m[1]), text: unescapeMarkdown(m[2]) });
    else blocks.push({ type: 'paragraph', text: unescapeMarkdown(text) });
  }
  return blocks;
}
