/**
 * Cloud blame for one resource: of its events, the newest change (a successful write), who made it
 * and through which channel, as one line for a CodeLens or a drift list — "changed 3 h ago by
 * alice · console — outside Terraform" or "last applied by Terraform · ci-bot · 2 d ago" (issue 18).
 */
import { changeChannelOf } from './changeChannel';
import { compareNewestFirst } from './eventOrder';
import { resolveHumans, type HumanIndex } from './humanIndex';
import type { ChangeChannel, Human, TrailEvent } from './model';
import { isFailed } from './outcome';
import { formatRelativeTime } from './relativeTime';

/** The newest change of a resource and how to say it. */
export interface Blame {
  readonly event: TrailEvent;
  readonly channel: ChangeChannel;
  readonly human: Human;
  /** True when the change was not made by infrastructure as code (console, CLI, SDK, unknown). */
  readonly outsideIac: boolean;
  /** One line: `changed 3 h ago by alice · console — outside Terraform`. */
  readonly label: string;
}

/** A change: a write (not read-only) that did not fail. Events whose record does not say readOnly count as writes. */
export function isChange(event: TrailEvent): boolean {
  return event.readOnly !== true && !isFailed(event);
}

function shortChannel(channel: ChangeChannel): string {
  return channel.kind === 'console' ? 'console' : channel.label;
}

/**
 * The blame line for a resource's events (any order; reads and failed calls are skipped), or
 * undefined when none changed it. `humans` resolves role chains; by default over `events` itself.
 */
export function blameOf(events: readonly TrailEvent[], now: number, humans: HumanIndex = resolveHumans(events)): Blame | undefined {
  const latest = events.filter(isChange).sort(compareNewestFirst).at(0);
  if (latest === undefined) return undefined;
  const channel = changeChannelOf(latest);
  const human = humans.humanOf(latest);
  const when = formatRelativeTime(latest.time, now);
  const ago = when.endsWith(' ago') || when === 'just now' ? when : `on ${when}`;
  const outsideIac = !channel.iac && channel.kind !== 'awsService';
  let label: string;
  if (channel.kind === 'terraform') label = `last applied by Terraform · ${human.name} · ${when}`;
  else if (channel.iac || channel.kind === 'awsService') label = `last changed by ${channel.label} · ${human.name} · ${when}`;
  else label = `changed ${ago} by ${human.name} · ${shortChannel(channel)} — outside Terraform`;
  return { event: latest, channel, human, outsideIac, label };
}
