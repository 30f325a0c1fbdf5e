// The text of a fetched page. Many government sites still serve GBK/GB2312 and often say so only in
// a <meta> tag, sometimes wrongly: the charset comes from the Content-Type header, else a BOM, else
// the page's own <meta> within its first bytes, else UTF-8 when the bytes are valid UTF-8, else
// GB18030 (the superset of GBK and GB2312, which iconv-lite decodes in pure JavaScript).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type PageEncoding = 'utf-8' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

/** How many bytes a <meta charset> is looked for in (the HTML standard's prescan reads 1024). */
const META_PRESCAN_BYTES = 4096;

/** Maps a charset label to the decoder used for it (GBK and GB2312 are read as GB18030). */
export function encodingOfLabel(label: string | undefined): PageEncoding | undefined {
  const l = label?.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  if (l === 'utf-8' || l === 'utf8') return 'utf-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(l)) return 'gb18030';
  if (l === 'big5' || l === 'big5-hkscs') return 'big5';
  if (l === 'utf-16le' || l === 'utf-16') return 'utf-16le';
  if (l === 'utf-16be') return 'utf-16be';
  return undefined;
}

/** The charset a Content-Type header names, if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return /charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '')?.[2];
}

/** The charset a page's <meta charset> or <meta http-equiv content> names in its first bytes. */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, META_PRESCAN_BYTES)).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

/** Decodes a page's bytes; `declared` is the encoding the page or its header named (if any). */
export function decodePage(bytes: Uint8Array, contentType: string | undefined): { text: string; encoding: PageEncoding; declared?: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8', declared: 'BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le', declared: 'BOM' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be', declared: 'BOM' };
  const declared = charsetOfContentType(contentType) ?? charsetOfMeta(bytes);
  let encoding = encodingOfLabel(declared);
  // a page that claims UTF-8 (or nothing) but is not valid UTF-8 is GBK in practice
  if ((encoding === undefined || encoding === 'utf-8') && !isUtf8(buffer)) encoding = 'gb18030';
  encoding ??= 'utf-8';
  const text = encoding === 'utf-8' ? buffer.toString('utf8') : iconv.decode(buffer, encoding);
  return { text, encoding, declared };
}
