// The bulletin as a Word document in official-document layout (GB/T 9704-2012): A4, margins
// 37/35/28/26 mm, the body on a 22-line grid (docxBody.ts), each attachment list on pages of its
// own in the orientation its table needs (docxAttachments.ts), the 版记 last (docxImprint.ts), and
// page numbers “— N —” in 四号宋体 on the outer side: odd pages right, even pages left, one
// character in (7.5).
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { reproducibleZip } from '../../io/reproducibleZip';
import { documentStamp } from '../documentDate';
import type { BulletinModel } from '../bulletinModel';
import { renderBody } from '../view';
import { parseBlocks } from './blocks';
import { attachmentSection } from './docxAttachments';
import { bodyParagraphs } from './docxBody';
import { imprintSection } from './docxImprint';
import { LAYOUT, pageMargins } from './docxStyle';

function pageNumberFooter(odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: LAYOUT.smallChar } : { left: LAYOUT.smallChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: LAYOUT.fonts.pageNumber, eastAsia: LAYOUT.fonts.pageNumber, hAnsi: LAYOUT.fonts.pageNumber },
            size: LAYOUT.size.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/** Odd-page and even-page footers (a section needs footers of its own). */
function pageNumberFooters(): ISectionOptions['footers'] {
  return { default: pageNumberFooter(true), even: pageNumberFooter(false) };
}

/** The bulletin as a .docx file's bytes. */
export async function renderDocx(model: BulletinModel, template: string): Promise<Uint8Array> {
  const blocks = parseBlocks(renderBody(model, template));
  const title = blocks.find((b) => b.type === 'title');
  const imprint = imprintSection(model, pageNumberFooters());
  const doc = new Document({
    title: title?.type === 'title' ? title.text : '',
    creator: model.campaign.issuer,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: { eastAsia: LAYOUT.fonts.body, ascii: LAYOUT.fonts.latin, hAnsi: LAYOUT.fonts.latin }, size: LAYOUT.size.body } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: LAYOUT.page.width, height: LAYOUT.page.height }, margin: pageMargins(false) } },
        footers: pageNumberFooters(),
        children: bodyParagraphs(blocks, model.settings),
      },
      ...model.attachments.map((a) => attachmentSection(a, pageNumberFooters())),
      ...(imprint ? [imprint] : []),
    ],
  });
  return reproducibleZip(new Uint8Array(await Packer.toBuffer(doc)), documentStamp(model.settings, model.campaign.year));
}
