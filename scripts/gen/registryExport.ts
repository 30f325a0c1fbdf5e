// Registry exports as the national filing systems hand them out: websites as .xlsx, media as .csv
// (UTF-8 with BOM, CRLF, as Excel writes it) and optionally .xlsx. Archive timestamps are pinned so
// that the same seed gives byte-identical files.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** Column headers of the websites export (全国政府网站信息报送系统). */
export const WEBSITE_REGISTRY_HEADERS = ['网站标识码', '网站名称', '首页地址', '主办单位', '地区', '层级', '网站类型', '状态'] as const;
/** Column headers of the media export (全国政务新媒体信息报送系统). */
export const MEDIA_REGISTRY_HEADERS = ['序号', '地区', '平台', '账号名称', '账号ID', '主办单位', '运维单位', '状态', '报送日期'] as const;

export type RegistryRow = string[];

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV export: UTF-8 BOM, CRLF line ends, fields quoted only when needed. */
export function registryCsv(headers: readonly string[], rows: readonly RegistryRow[]): string {
  const lines = [headers.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** An .xlsx export with one sheet, written through the streaming writer so large exports stay small in memory. */
export async function registryXlsx(sheetName: string, headers: readonly string[], rows: readonly RegistryRow[], stamp: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = 'inspection-records gen';
  wb.created = stamp;
  wb.modified = stamp;
  const ws = wb.addWorksheet(sheetName);
  ws.columns = headers.map((h) => ({ header: h, key: h, width: Math.max(10, h.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await done;
  return normaliseZipTimestamps(Buffer.concat(chunks), stamp);
}

/**
 * Sets every entry's DOS modification time in a zip archive (local and central headers) to `stamp`,
 * so an archive written twice from the same content is byte-identical.
 */
export function normaliseZipTimestamps(zip: Buffer, stamp: Date): Buffer {
  const dosTime = 0;
  const dosDate = ((stamp.getUTCFullYear() - 1980) << 9) | ((stamp.getUTCMonth() + 1) << 5) | stamp.getUTCDate();
  // End of central directory: signature 0x06054b50, at most 64 KiB of comment after it.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: end of central directory not found');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip central directory entry ${n} is damaged`);
    zip.writeUInt16LE(dosTime, p + 12);
    zip.writeUInt16LE(dosDate, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip local header ${n} is damaged`);
    zip.writeUInt16LE(dosTime, local + 10);
    zip.writeUInt16LE(dosDate, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
