// Converting office documents to PDF with LibreOffice, where it is installed: `soffice --headless
// --convert-to pdf`, run in a temporary folder with a user profile of its own (so that it neither
// waits for nor disturbs a LibreOffice the user has open, and writes nothing into their home), the
// results read back as bytes for the caller to write atomically. Nothing is downloaded.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The environment variable naming the soffice program when it is not found on its own. */
export const SOFFICE_ENV = 'INSPECTION_RECORDS_SOFFICE';

export class LibreOfficeMissingError extends Error {
  constructor(
    /** The path the environment variable named, when it named one that does not exist. */
    readonly configured?: string,
  ) {
    super(configured ? `LibreOffice not found at ${configured}` : 'LibreOffice not found');
  }
}

export class ConversionError extends Error {
  constructor(readonly detail: string) {
    super(`conversion failed: ${detail}`);
  }
}

type Env = Record<string, string | undefined>;

/** Where LibreOffice usually lives when its folder is not on PATH. */
function usualPlaces(env: Env, platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432, 'C:\\Program Files', 'C:\\Program Files (x86)'].filter((r): r is string => !!r);
    return roots.map((r) => path.win32.join(r, 'LibreOffice', 'program', 'soffice.exe'));
  }
  if (platform === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
  return ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', '/snap/bin/libreoffice'];
}

/**
 * The soffice program: the one the environment variable names, else the first `soffice` or
 * `libreoffice` on PATH, else the usual install folders. Throws LibreOfficeMissingError.
 */
export function findSoffice(env: Env = process.env, platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = existsSync): string {
  const configured = env[SOFFICE_ENV];
  if (configured) {
    if (exists(configured)) return configured;
    throw new LibreOfficeMissingError(configured);
  }
  const p = platform === 'win32' ? path.win32 : path.posix;
  const names = platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const dir of dirs) {
    for (const name of names) {
      const file = p.join(dir, name);
      if (exists(file)) return file;
    }
  }
  const found = usualPlaces(env, platform).find(exists);
  if (found) return found;
  throw new LibreOfficeMissingError();
}

export interface ConvertOptions {
  /** The soffice program (found with findSoffice when absent). */
  soffice?: string;
  env?: Env;
  /** Milliseconds before the conversion is given up. */
  timeoutMs?: number;
}

/**
 * Converts documents (name with extension → bytes) to PDF in one LibreOffice run; returns the PDFs
 * by the same names with `.pdf`. Throws LibreOfficeMissingError or ConversionError.
 */
export async function convertToPdf(inputs: ReadonlyMap<string, Uint8Array>, o: ConvertOptions = {}): Promise<Map<string, Uint8Array>> {
  const env = o.env ?? process.env;
  const soffice = o.soffice ?? findSoffice(env);
  const work = await fs.mkdtemp(path.join(tmpdir(), 'inspection-records-pdf-'));
  try {
    const inDir = path.join(work, 'in');
    const outDir = path.join(work, 'out');
    await fs.mkdir(inDir);
    await fs.mkdir(outDir);
    const files: string[] = [];
    // plain ASCII names inside the temporary folder: the user's names come back on the results
    let i = 0;
    const names = new Map<string, string>();
    for (const [name, data] of inputs) {
      const file = path.join(inDir, `document-${++i}${path.extname(name)}`);
      await fs.writeFile(file, data);
      files.push(file);
      names.set(name, path.basename(file, path.extname(file)));
    }
    const args = ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', outDir, ...files];
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile(
        soffice,
        args,
        { env: { ...env, XDG_CACHE_HOME: path.join(work, 'cache'), XDG_CONFIG_HOME: path.join(work, 'config') }, timeout: o.timeoutMs ?? 180000, killSignal: 'SIGKILL', windowsHide: true },
        (error, _stdout, err) => {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new LibreOfficeMissingError(soffice));
          else if (error) reject(new ConversionError((String(err).trim() || error.message).split('\n').slice(-3).join(' ')));
          else resolve(String(err));
        },
      );
    });
    const out = new Map<string, Uint8Array>();
    for (const [name, tmpName] of names) {
      const pdf = path.join(outDir, `${tmpName}.pdf`);
      try {
        out.set(name.slice(0, name.length - path.extname(name).length) + '.pdf', new Uint8Array(await fs.readFile(pdf)));
      } catch {
        throw new ConversionError(stderr.trim().split('\n').slice(-3).join(' ') || `${name}: no PDF was written`);
      }
    }
    return out;
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
