// What the cloud blame surfaces say, built only from escaped parts: the CodeLens title (one line,
// codicons escaped: CodeLens titles render `$(icon)` like the status bar), the hover (the last
// changes with channel and human, each linking to the event panel through a validated command
// link), and the drift view's rows. Pure (no vscode).
import { blameOf, type Blame } from '../../core/cloudBlame';
import { changeChannelOf } from '../../core/changeChannel';
import { resolveHumans } from '../../core/humanIndex';
import type { TrailEvent } from '../../core/model';
import { formatRelativeTime } from '../../core/relativeTime';
import { commandLink, joinMarkdown, type JsonValue, type SafeMarkdown } from '../../core/safeMarkdown';
import { markdownText, safeMarkdown, statusBarText, type SafeText } from '../../core/safeText';
import type { ResourceHistory } from './blameCache';

/** The command a hover link may run: the event panel. */
export const SHOW_EVENT_COMMAND = 'cloudtrailInvestigator.showEventDetails';

/** The CodeLens title for a resource's history. */
export function lensTitle(history: ResourceHistory, now: number): SafeText<'statusBar'> {
  const blame = blameOf(history.changes, now);
  if (blame !== undefined) return statusBarText(blame.label, { maxLength: 160 });
  if (history.cancelled) return statusBarText('CloudTrail: lookup cancelled');
  if (history.failures.length > 0) return statusBarText(`CloudTrail: could not look up (${history.failures.map((f) => f.message).join(' ')})`, { maxLength: 160 });
  return statusBarText('CloudTrail: no changes found in the searched window');
}

/** The lens shown while the lookup runs. */
export const PENDING_TITLE = statusBarText('CloudTrail: looking up who changed this…');

/** One change as a line of text: `3 h ago · AuthorizeSecurityGroupIngress · alice · AWS console`. */
export function changeLine(event: TrailEvent, who: string, now: number): string {
  return `${formatRelativeTime(event.time, now)} · ${event.name} · ${who} · ${changeChannelOf(event).label}`;
}

/** The hover: the resource, then each of its last changes with a link to its event panel. */
export function hoverMarkdown(address: string, history: ResourceHistory, now: number): SafeMarkdown {
  const parts: (SafeMarkdown | SafeText<'markdown'>)[] = [safeMarkdown`**Cloud blame** · ${address}`];
  const humans = resolveHumans(history.changes);
  if (history.changes.length === 0) parts.push(history.cancelled ? safeMarkdown`The lookup was cancelled.` : safeMarkdown`No changes found in the searched window.`);
  for (const event of history.changes) {
    const line = markdownText(`- ${changeLine(event, humans.humanOf(event).label, now)}`);
    const link = commandLink({ label: 'Open event', command: SHOW_EVENT_COMMAND, args: [event as unknown as JsonValue], title: 'Show the event in a panel' }, [SHOW_EVENT_COMMAND]);
    parts.push(link.ok ? joinMarkdown([line, link.markdown], ' · ') : line);
  }
  if (history.failures.length > 0) parts.push(safeMarkdown`Some regions failed: ${history.failures.map((f) => f.message).join(' ')}`);
  return joinMarkdown(parts, '\n\n');
}

/** A drift suspect: a resource whose newest change was not made by Terraform. */
export interface DriftSuspect {
  readonly address: string;
  readonly file?: string;
  readonly line: number;
  readonly blame: Blame;
}

/** True when the newest change of the history was not made by Terraform. */
export function driftOf(address: string, history: ResourceHistory, now: number, where: { file?: string; line: number }): DriftSuspect | undefined {
  const blame = blameOf(history.changes, now);
  if (blame === undefined || blame.channel.kind === 'terraform') return undefined;
  return { address, line: where.line, ...(where.file !== undefined ? { file: where.file } : {}), blame };
}
