// "Open as JSON": a read-only `cloudtrail-event:/<eventId>.json` document per event, so VS Code's own
// editor gives colouring, folding, search and copy. "Compare with…" diffs two such documents.
import * as vscode from 'vscode';
import type { TrailEvent } from '../../core/model';
import type { KnownEvents } from './knownEvents';
import { stringifyJson } from '../../core/jsonText';
import { quickPickText, safeQuickPick, safeTitle } from '../../core/safeText';
import { formatEventTime } from '../../core/relativeTime';

export const RAW_EVENT_SCHEME = 'cloudtrail-event';

/** The document URI of an event's raw record. */
export function rawEventUri(eventId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RAW_EVENT_SCHEME, path: `/${encodeURIComponent(eventId)}.json` });
}

/** The event id a `cloudtrail-event:` URI refers to, or undefined. */
export function eventIdOfUri(uri: vscode.Uri): string | undefined {
  const match = /^\/([^/]+)\.json$/.exec(uri.path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The text of an event's document: its raw record, pretty-printed. */
export function rawEventText(event: TrailEvent): string {
  return `${stringifyJson(event.raw, 2)}\n`;
}

/** Serves `cloudtrail-event:` documents from the known events. */
export class RawEventDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly known: KnownEvents) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = eventIdOfUri(uri);
    const event = id === undefined ? undefined : this.known.get(id);
    if (!event) {
      // The document outlived the session (e.g. restored after a reload): say so rather than show nothing.
      return `${JSON.stringify({ error: `Event ${id ?? uri.path} is not loaded in this window. Open it again from the CloudTrail view.` }, null, 2)}\n`;
    }
    return rawEventText(event);
  }
}

/** Opens the event's raw record as a read-only JSON document. */
export async function openRawEventJson(known: KnownEvents, event: TrailEvent): Promise<vscode.TextEditor> {
  known.add(event);
  const doc = await vscode.workspace.openTextDocument(rawEventUri(event.id));
  const json = doc.languageId === 'json' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(json, { preview: false, viewColumn: vscode.ViewColumn.Active });
}

function pickLabel(event: TrailEvent): vscode.QuickPickItem & { event: TrailEvent } {
  return {
    label: quickPickText(event.name),
    description: safeQuickPick`${event.principal.label} · ${formatEventTime(event.time)} · ${event.region}`,
    detail: quickPickText(event.id),
    event,
  };
}

/**
 * Diffs two events' records. Without `other`, offers the other known events (most recent first).
 * Returns false when there is nothing to compare with or the user cancelled.
 */
export async function compareEvents(known: KnownEvents, event: TrailEvent, other?: TrailEvent): Promise<boolean> {
  known.add(event);
  let right = other;
  if (!right) {
    const candidates = known.list().filter((e) => e.id !== event.id);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('Open another event first: Compare with… offers the events opened in this window.');
      return false;
    }
    const picked = await vscode.window.showQuickPick(candidates.map(pickLabel), {
      title: safeQuickPick`Compare ${event.name} with…`,
      placeHolder: 'Pick an event opened in this window',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return false;
    right = picked.event;
  }
  known.add(right);
  await vscode.commands.executeCommand('vscode.diff', rawEventUri(event.id), rawEventUri(right.id), safeTitle`${event.name} ↔ ${right.name}`, { preview: false });
  return true;
}
