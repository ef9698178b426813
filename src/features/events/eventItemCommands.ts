import * as vscode from 'vscode';
import type { TrailEvent } from '../../core/model';
import { CommandIds } from '../../host/commandIds';
import { UserCancelled } from '../../host/cancellation';
import { eventArns, lookupByAccessKey, lookupByPrincipal, lookupByResource, type RunLookupArgs } from '../../core/relatedLookups';
import type { Prompter } from '../../host/prompter';
import { eventFromArgument } from '../../host/eventArgument';
import { quickPickText, safeStatusBar } from '../../core/safeText';

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
    const arn = arns.length === 1 ? arns[0] : (await this.prompter.pickOne(arns.map((a) => ({ label: quickPickText(a), arn: a })), { title: 'Copy which ARN?' }))?.arn;
    if (arn === undefined) throw new UserCancelled();
    await copy(arn, 'ARN');
  }

  async copyJson(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    await copy(JSON.stringify(event.raw, null, 2), 'Event JSON');
  }

  async byPrincipal(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    const lookup = lookupByPrincipal(event);
    if (!lookup) throw new Error(`The caller of ${event.name} has no user or session name to look up (type ${event.principal.type}).`);
    await runLookup(lookup.args);
  }

  async byResource(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    if (event.resources.length === 0) throw new Error(`Event ${event.name} names no resource.`);
    const index =
      event.resources.length === 1
        ? 0
        : (await this.prompter.pickOne(event.resources.map((r, i) => ({ label: quickPickText(r.name), description: quickPickText(r.type ?? ''), index: i })), { title: 'Look up which resource?' }))?.index;
    const resource = index === undefined ? undefined : event.resources[index];
    if (index === undefined || !resource) throw new UserCancelled();
    await runLookup(lookupByResource(event, resource, index).args);
  }

  async byAccessKey(arg?: unknown): Promise<void> {
    const event = requireEvent(arg);
    const lookup = lookupByAccessKey(event);
    if (!lookup) throw new Error(`Event ${event.name} carries no access key id.`);
    await runLookup(lookup.args);
  }
}

function requireEvent(arg: unknown): TrailEvent {
  const event = eventFromArgument(arg);
  if (!event) throw new Error('Run this command from an event in the CloudTrail Events or Results view.');
  return event;
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(safeStatusBar`$(check) ${what} copied`, 3000);
}

async function runLookup(args: RunLookupArgs): Promise<void> {
  await vscode.commands.executeCommand(CommandIds.runLookup, args);
}
