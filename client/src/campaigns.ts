// Which campaign a command works on: the campaign folders of the workspace are the folders holding a
// campaign file (`campaign.yaml` or `campaign.yml`); the one holding the file a command was invoked on (or the active editor's file)
// wins, else the only one, else the user picks.
import * as vscode from 'vscode';
import { CAMPAIGN_FILE_GLOB } from '../../shared/campaignFiles';
import { campaignOf } from './campaignPaths';

export { campaignOf };

const EXCLUDE = '**/{node_modules,.git,out}/**';

/** Folders of the workspace holding a campaign file, sorted by path. */
export async function findCampaigns(): Promise<vscode.Uri[]> {
  const files = await vscode.workspace.findFiles(CAMPAIGN_FILE_GLOB, EXCLUDE);
  const folders = new Map(files.map((f) => vscode.Uri.joinPath(f, '..')).map((u) => [u.toString(), u] as const));
  return [...folders.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** A campaign's name for pick lists: its path relative to the workspace. */
export function campaignLabel(uri: vscode.Uri): string {
  const rel = vscode.workspace.asRelativePath(uri, true);
  return rel === uri.fsPath || rel === '' ? uri.path.split('/').pop() ?? uri.path : rel;
}

/**
 * The campaign to work on: the one holding `resource` (a menu's file or folder, a caller's campaign
 * folder), else the active editor's, else the only one, else the user's choice. Undefined when
 * there is none (after telling the user) or the user cancelled.
 */
export async function chooseCampaign(placeHolder: string, noCampaignMessage: string, resource?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const campaigns = await findCampaigns();
  if (campaigns.length === 0) {
    void vscode.window.showWarningMessage(noCampaignMessage);
    return undefined;
  }
  const hint = resource ?? vscode.window.activeTextEditor?.document.uri;
  const own = hint && campaignOf(hint, campaigns);
  if (own) return own;
  if (campaigns.length === 1) return campaigns[0];
  const picked = await vscode.window.showQuickPick(
    campaigns.map((uri) => ({ label: campaignLabel(uri), uri })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.uri;
}
