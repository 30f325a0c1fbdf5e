// Office files (.docx, .xlsx) are zip archives stamped with the moment they were written — in each
// entry's header and in docProps/core.xml. The same campaign must give the same bytes whoever
// writes it (the CLI, the editor, a re-run): the stamps are set to the document's own date.
import JSZip from 'jszip';

/** The archive with every entry dated `date` and its document properties created and modified then. */
export async function reproducibleZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = zip.file('docProps/core.xml');
  if (core) {
    const xml = (await core.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
    zip.file('docProps/core.xml', xml);
  }
  for (const entry of Object.values(zip.files)) entry.date = date;
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } }));
}
