// Reading generated bulletin text as a reader would: compared without markup and across full- and
// half-width punctuation, and checked for the faults that make Chinese read wrong.

/** Compares across full-width and half-width punctuation, without whitespace and markup. */
export function flat(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*/g, '')
    .replace(/^#+ /gm, '')
    .replace(/\\([\\`*_[\]<>|~#])/g, '$1')
    .normalize('NFKC')
    .replace(/\s+/g, '');
}

/** The problems a generated text must never have, each with the line it is on. */
export function grammarFaults(markdown: string): string[] {
  const faults: string[] = [];
  const body = markdown.split('\n---\n')[0];
  body.split('\n').forEach((line, i) => {
    const at = `line ${i + 1}: ${line}`;
    if (line.includes('的存在')) faults.push(`的存在 — ${at}`);
    if (/较(上季度|上年同期|上期)[^，。；]*与\1/.test(line)) faults.push(`doubled baseline — ${at}`);
    if (/[；，、]$/.test(line.trim()) || /[；，、][。]/.test(line)) faults.push(`dangling mark — ${at}`);
    if (/^<p[^>]*>\s*<\/p>$/.test(line.trim()) || /^\*\*[^*]*\*\*$/.test(line.trim())) faults.push(`empty paragraph — ${at}`);
    if (/[，,]。|。。|；；|，，/.test(line)) faults.push(`doubled mark — ${at}`);
    for (const m of line.matchAll(/”([^“”]*?)“/g)) {
      // between two names: nothing (“A”“B”) or a separator, never a bare word (“A”网站“B”)
      if (m[1] && !/[、，,。；;：:和及与或等\s]/.test(m[1])) faults.push(`names without a separator (”${m[1]}“) — ${at}`);
    }
  });
  return faults;
}

