import * as vscode from 'vscode';
import { UserCancelled } from '../host/registerCommand';
import { eventArns, lookupByAccessKey, lookupByPrincipal, lookupByResource, RUN_LOOKUP_COMMAND, type RunLookupArgs } from './lookupArgs';
import type { Prompter } from './prompter';
import { eventOf } from './treeItems';

/** Handlers of the event item context menu. Each takes the item (or a TrailEvent) as its argument. */
export class EventItemCommands {
  constructor(private readonly prompter: Prompter) {}

  async copyEventId(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    await copy(event.id, 'Event ID');
  }

  async copyArn(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    const arns = eventArns(event);
    if (arns.length === 0) throw new Error(`Event ${event.name} (${event.id}) names no ARN.`);
    const arn = arns.length === 1 ? arns[0] : (await this.prompter.pickOne(arns.map((a) => ({ label: a })), { title: 'Copy which ARN?' }))?.label;
    if (arn === undefined) throw new UserCancelled();
    await copy(arn, 'ARN');
  }

  async copyJson(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    await copy(JSON.stringify(event.raw, null, 2), 'Event JSON');
  }

  async byPrincipal(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    const args = lookupByPrincipal(event, Date.now());
    if (!args) throw new Error(`The caller of ${event.name} has no user or session name to look up (type ${event.principal.type}).`);
    await runLookup(args);
  }

  async byResource(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    if (event.resources.length === 0) throw new Error(`Event ${event.name} names no resource.`);
    const resource =
      event.resources.length === 1
        ? event.resources[0]
        : (await this.prompter.pickOne(event.resources.map((r) => ({ label: r.name, description: r.type, resource: r })), { title: 'Look up which resource?' }))?.resource;
    if (!resource) throw new UserCancelled();
    await runLookup(lookupByResource(event, resource, Date.now()));
  }

  async byAccessKey(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    const args = lookupByAccessKey(event, Date.now());
    if (!args) throw new Error(`Event ${event.name} carries no access key id.`);
    await runLookup(args);
  }
}

function requireEvent(arg: unknown): NonNullable<ReturnType<typeof eventOf>> {
  const event = eventOf(arg);
  if (!event) throw new Error('Run this command from an event in the CloudTrail Events or Results view.');
  return event;
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${what} copied`, 3000);
}

async function runLookup(args: RunLookupArgs): Promise<void> {
  await vscode.commands.executeCommand(RUN_LOOKUP_COMMAND, args);
}

/** Opens a terminal and runs `aws sso login --profile X` so the user can finish the browser flow. */
export function runSsoLogin(profile?: unknown): void {
  if (typeof profile !== 'string' || !/^[\w.@+-]+$/.test(profile)) throw new Error('No valid profile name was given for aws sso login.');
  const terminal = vscode.window.createTerminal({ name: `aws sso login (${profile})` });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${profile}`);
}
