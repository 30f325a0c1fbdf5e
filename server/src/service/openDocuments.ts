// The documents the editor has open: their text at each version, the file behind each URI, and the
// timers that delay work while the user types. Nothing here checks anything; the session asks.

/** One document open in the editor. */
export interface OpenDocument {
  uri: string;
  /** Absolute path; undefined for documents that are no file (untitled:, git: …). */
  file: string | undefined;
  version: number;
  text: string;
}

/** The open documents, by URI and by file. */
export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();
  private readonly uriByFile = new Map<string, string>();

  constructor(private readonly fileOf: (uri: string) => string | undefined) {}

  /** Opens (or reopens) a document. */
  open(uri: string, version: number, text: string): OpenDocument {
    const doc: OpenDocument = { uri, file: this.fileOf(uri), version, text };
    this.byUri.set(uri, doc);
    if (doc.file) this.uriByFile.set(doc.file, uri);
    return doc;
  }

  /** A new version of an open document; false when nothing changed (the same version and text). */
  change(doc: OpenDocument, version: number, text: string): boolean {
    if (doc.version === version && doc.text === text) return false;
    doc.version = version;
    doc.text = text;
    return true;
  }

  /** Closes a document; returns it as it was. */
  close(uri: string): OpenDocument | undefined {
    const doc = this.byUri.get(uri);
    this.byUri.delete(uri);
    if (doc?.file && this.uriByFile.get(doc.file) === uri) this.uriByFile.delete(doc.file);
    return doc;
  }

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  /** The URI under which a file is open, if it is. */
  uriOfFile(file: string): string | undefined {
    return this.uriByFile.get(file);
  }

  isOpen(file: string): boolean {
    return this.uriByFile.has(file);
  }

  uris(): IterableIterator<string> {
    return this.byUri.keys();
  }

  /** The open documents whose file passes `test`. */
  filter(test: (file: string) => boolean): OpenDocument[] {
    return [...this.byUri.values()].filter((d) => d.file !== undefined && test(d.file));
  }
}

/** Runs one delayed call per key; scheduling a key again restarts its delay. */
export class Debouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(key: string, delayMs: number, run: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        run();
      }, delayMs),
    );
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
