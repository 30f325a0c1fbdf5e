// The bulletin as PDF: the Word document converted by LibreOffice where it is installed. Where it is
// not, or the conversion fails, the outcome is a localised message instead of an error, so that the
// other formats are still written.
import messages from '../../../../../l10n/messages/bulletin.json';
import { convertToPdf, ConversionError, LibreOfficeMissingError, SOFFICE_ENV } from '../../io/libreOffice';
import { catalogue } from '../../l10n';
import type { Locale } from '../../model';

const t = catalogue(messages);

export type PdfOutcome = { data: Uint8Array } | { problem: string };

/** Converts the bulletin's .docx bytes to PDF bytes, or says why it cannot. */
export async function renderPdf(docx: Uint8Array, locale: Locale, env: Record<string, string | undefined> = process.env): Promise<PdfOutcome> {
  try {
    const out = await convertToPdf(new Map([['bulletin.docx', docx]]), { env });
    return { data: out.get('bulletin.pdf')! };
  } catch (e) {
    if (e instanceof LibreOfficeMissingError) {
      return { problem: e.configured ? t(locale, 'pdf.notAt', { path: e.configured, variable: SOFFICE_ENV }) : t(locale, 'pdf.missing', { variable: SOFFICE_ENV }) };
    }
    if (e instanceof ConversionError) return { problem: t(locale, 'pdf.failed', { detail: e.detail }) };
    throw e;
  }
}
