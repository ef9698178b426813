// "CloudTrail: Who Changed This Resource?": from the editor (ARN at the cursor or selection, or the
// Terraform resource block), from the hover link (the ARN as argument) or from the palette (asks).
import * as vscode from 'vscode';
import { parseArn } from '../../core/arn';
import { notificationText } from '../../core/safeText';
import { askValidated } from '../../host/prompts';
import type { WhoChangedDeps } from './whoChangedDeps';
import { targetFromEditor } from './editorTarget';
import { lookUpResource, type ResourceLookupOptions, type ResourceTarget } from './resourceLookup';
import { isSupportedDocument } from './supportedDocuments';

/** An ARN given as the argument (hover link, other commands): a string or `{ arn, start?, end? }`. */
function argumentArn(arg: unknown): { arn: string; options: ResourceLookupOptions } | undefined {
  if (typeof arg === 'string') return { arn: arg, options: {} };
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { arn, start, end } = arg as { arn?: unknown; start?: unknown; end?: unknown };
  if (typeof arn !== 'string') return undefined;
  const time = (t: unknown): number | undefined => (typeof t === 'number' && Number.isFinite(t) ? t : undefined);
  const from = time(start);
  const to = time(end);
  return { arn, options: { ...(from !== undefined ? { start: from } : {}), ...(to !== undefined ? { end: to } : {}) } };
}

/**
 * The command. `arg` is an ARN (hover link), a `{ arn, start?, end? }` (other features: the
 * "Who did this to a resource?" investigation, re-running a remembered lookup), or the editor's Uri
 * (context menu).
 */
export async function whoChanged(deps: WhoChangedDeps, arg?: unknown): Promise<string | undefined> {
  const given = argumentArn(arg);
  if (given !== undefined) return lookUpResource(deps, { kind: 'arn', arn: given.arn.trim() }, given.options);
  let target: ResourceTarget | undefined;
  const editor = vscode.window.activeTextEditor;
  if (editor && isSupportedDocument(editor.document)) {
    const found = await targetFromEditor(editor, (m) => {
      deps.log.info(m);
    });
    if (found.kind === 'message') {
      void vscode.window.showWarningMessage(notificationText(found.message));
      return found.message;
    }
    if (found.kind === 'target') target = found.target;
  }
  if (target === undefined) {
    const arn = await askValidated(deps, { title: 'Who Changed This Resource?', prompt: 'The resource ARN', placeHolder: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0' }, (value) => {
      const parsed = parseArn(value.trim());
      return parsed.ok ? undefined : `Malformed ARN: ${parsed.reason}`;
    });
    target = { kind: 'arn', arn };
  }
  return lookUpResource(deps, target);
}
