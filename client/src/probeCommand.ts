// 检查 / Inspection: Probe This Website. Asks the language server to read the record's website (the
// record open in the editor, or the one clicked in the Explorer), then applies the proposed facts
// with `workspace.applyEdit`: every edit carries a change annotation that needs confirmation, so
// VS Code opens its refactor preview and the inspector accepts or rejects each fact. Conflicts and
// what is no record fact (dead links, an unreachable column) go to the log and a notification.
import * as vscode from 'vscode';
import { errorSentence, localize } from './l10n';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ProbeWebsiteRequest, type ProbeWebsiteResult } from '../../shared/protocol';
import { COMMANDS } from './commands';

export interface ProbeCommandDeps {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
}

/** Registers the probe command. */
export function registerProbeCommand(context: vscode.ExtensionContext, deps: ProbeCommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.probeWebsite, async (resource?: unknown) => {
      try {
        return await probeWebsite(deps, resource instanceof vscode.Uri ? resource : undefined);
      } catch (e) {
        deps.log.error(`${COMMANDS.probeWebsite}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(errorSentence(e));
        return undefined;
      }
    }),
  );
}

async function probeWebsite({ client, log }: ProbeCommandDeps, resource: vscode.Uri | undefined): Promise<ProbeWebsiteResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(localize('This command writes files and is disabled in Restricted Mode. Trust the workspace to use it.'));
    return undefined;
  }
  const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !/\.ya?ml$/i.test(uri.path)) {
    void vscode.window.showWarningMessage(localize('Open a website or new-media record to probe its site.'));
    return undefined;
  }
  const name = vscode.workspace.asRelativePath(uri, false);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: localize('Probing the website of {0}…', name), cancellable: false },
    () => client.sendRequest(ProbeWebsiteRequest, { uri: uri.toString() }),
  );
  for (const p of result.problems) log.warn(`${name}:${p}`);
  for (const c of result.conflicts) log.info(`${name}: ${c}`);
  for (const o of result.observations) log.info(`${name}: ${o.trim()}`);
  if (result.snapshotFolder) log.info(`${name}: snapshots ${result.snapshotFolder}`);
  if (result.problems.length > 0) {
    void vscode.window.showErrorMessage(result.problems.join('\n'));
    return result;
  }
  let applied = false;
  if (result.edit) {
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    applied = await vscode.workspace.applyEdit(edit);
  }
  const showLog = localize('Show Log');
  const message = localize(
    'Probed {0}: {1} fact(s) proposed ({2}), {3} as recorded, {4} conflict(s), {5} other observation(s).',
    name,
    result.added,
    result.edit ? (applied ? localize('accepted') : localize('not applied')) : localize('nothing to add'),
    result.same,
    result.conflicts.length,
    result.observations.length,
  );
  const show = result.conflicts.length > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, showLog).then((a) => a === showLog && log.show());
  return result;
}
