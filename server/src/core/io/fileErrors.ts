// What went wrong with a file operation, in the user's words: a full disk, a read-only folder, a
// missing permission … instead of Node's English `ENOSPC: no space left on device, write`.
import bundle from '../../../../l10n/messages/files.json';
import { catalogue } from '../l10n';
import type { Locale } from '../model';

const t = catalogue(bundle);

/** The localised explanation of a failed file operation (its errno code), for outputs the tool writes. */
export function fileErrorMessage(e: unknown, locale: Locale): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return t(locale, 'file.noSpace');
    case 'EROFS':
      return t(locale, 'file.readOnly');
    case 'EACCES':
    case 'EPERM':
      return t(locale, 'file.permission');
    case 'ENOENT':
      return t(locale, 'file.notFound');
    case 'ENOTDIR':
    case 'EISDIR':
      return t(locale, 'file.notFolder');
    case 'ENAMETOOLONG':
      return t(locale, 'file.nameTooLong');
    default:
      return t(locale, 'file.failed', { code: code ?? (e instanceof Error ? e.message : String(e)) });
  }
}
