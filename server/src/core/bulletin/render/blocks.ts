// Reads the body Markdown the template produced back into typed blocks (title, centred line,
// headings, run-in headings, body paragraphs) so that the Word renderer lays out exactly what the
// template says, with no wording of its own. Only the conventions listed in the template are known.
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading1'; text: string }
  | { type: 'heading2'; text: string }
  | { type: 'aligned'; align: 'left' | 'center' | 'right'; text: string }
  | { type: 'paragraph'; runIn?: string; text: string };

/** Removes Markdown backslash escapes (`\*` → `*`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>|~#!(){}+.-])/g, '$1');
}

const ALIGNED = /^<p\s+align="(left|center|right)">([\s\S]*)<\/p>$/;
const RUN_IN = /^\*\*((?:\\.|[^*\\])+)\*\*([\s\S]*)$/;

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
    else if ((m = ALIGNED.exec(text))) blocks.push({ type: 'aligned', align: m[1] as 'left' | 'center' | 'right', text: unescapeMarkdown(m[2].trim()) });
    else if ((m = RUN_IN.exec(text))) blocks.push({ type: 'paragraph', runIn: unescapeMarkdown(m[1]), text: unescapeMarkdown(m[2]) });
    else blocks.push({ type: 'paragraph', text: unescapeMarkdown(text) });
  }
  return blocks;
}
