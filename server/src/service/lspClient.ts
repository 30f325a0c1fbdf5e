// Everything the server asks of the client, behind one interface: the wiring implements it with the
// LSP connection, tests with a recorder. Capabilities the client lacks are no-ops in the wiring.
import type { Diagnostic } from 'vscode-languageserver';
import type { InspectionSettings } from '../../../shared/protocol';

/** A running `$/progress` (work done progress) report. */
export interface ProgressReporter {
  report(percentage: number, message?: string): void;
  done(): void;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'log';

export interface LspClient {
  /** `textDocument/publishDiagnostics` (push clients). */
  publishDiagnostics(uri: string, diagnostics: Diagnostic[], version?: number): void;
  /** `workspace/diagnostic/refresh`: pull clients ask for diagnostics again. */
  refreshDiagnostics(): void;
  /** `workspace/codeLens/refresh`. */
  refreshCodeLenses(): void;
  /** Starts a `$/progress` report (a silent one when the client cannot show progress). */
  progress(title: string): Promise<ProgressReporter>;
  /** `window/logMessage`. */
  log(level: LogLevel, message: string): void;
  /** `window/showMessage`. */
  showMessage(level: 'error' | 'warn' | 'info', message: string): void;
  /** `window/showMessageRequest`: the action the user chose, undefined when dismissed. */
  ask(level: 'error' | 'warn' | 'info', message: string, actions: string[]): Promise<string | undefined>;
  /** `workspace/configuration` of the `inspectionRecords` section; undefined when the client cannot answer. */
  configuration(): Promise<Partial<InspectionSettings> | undefined>;
  /** Registers file watchers (`workspace/didChangeWatchedFiles`) dynamically; false when the client cannot. */
  watchFiles(globs: string[]): Promise<boolean>;
  /** `inspection/campaignChanged`. */
  campaignChanged(campaignUri: string): void;
}
