// "CloudTrail: Who Changed This Resource?": from the editor (ARN at the cursor or selection, or the
// Terraform resource block), from the hover link (the ARN as argument) or from the palette (asks).
import * as vscode from 'vscode';
import { parseArn } from '../core/arn';
import type { CommandDeps } from '../commands/commandDeps';
import { askValidated } from '../commands/prompts';
import { targetFromEditor } from './editorTarget';
import { lookUpResource, type ResourceTarget } from './resourceLookup';
import { isSupportedDocument } from './supportedDocuments';

function argumentArn(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { arn?: unknown }).arn === 'string') return (arg as { arn: string }).arn;
  return undefined;
}

/** The command. `arg` is an ARN (hover link, other commands), a `{ arn }`, or the editor's Uri (context menu). */
export async function whoChanged(deps: CommandDeps, arg?: unknown): Promise<string | undefined> {
  let target: ResourceTarget | undefined;
  const given = argumentArn(arg);
  if (given !== undefined) {
    target = { kind: 'arn', arn: given.trim() };
  } else {
    const editor = vscode.window.activeTextEditor;
    if (editor && isSupportedDocument(editor.document)) {
      const found = await targetFromEditor(editor, (m) => {
        deps.log.info(m);
      });
      if (found.kind === 'message') {
        deps.probe.lastAnswer = found.message;
        deps.probe.notices.push(found.message);
        void vscode.window.showWarningMessage(found.message);
        return found.message;
      }
      if (found.kind === 'target') target = found.target;
    }
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
