/**
 * Role chains over a set of events: a role session's access key was issued by an AssumeRole call
 * (`responseElements.credentials.accessKeyId`), whose caller is the human behind the session —
 * when that call is in the set. Followed transitively (an SSO user assumes `deploy`, which assumes
 * `release`), so "alice (via role release, SSO)" is the answer for every call of the last session.
 */
import { humanLabel, recordHumanOf } from './human';
import type { Human, TrailEvent } from './model';
import { isObject } from './recordFields';

/** The humans of a set of events, with role chains followed. */
export interface HumanIndex {
  /** The human behind an event: from its record, else through the AssumeRole event that issued its key. */
  humanOf(event: TrailEvent): Human;
  /** The AssumeRole* / GetFederationToken event in the set that issued the event's session key, if any. */
  issuerOf(event: TrailEvent): TrailEvent | undefined;
}

/** Events that hand out session credentials. */
const ISSUING = /^(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|GetFederationToken|GetSessionToken)$/;
/** An issuing call may be logged a little after the first use of its key (clock skew between services). */
const SKEW_MS = 5 * 60_000;
const MAX_CHAIN = 8;

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return isObject(value) ? value : undefined;
}

/** The key an issuing event handed out, and the session ARN it is for. */
function issued(event: TrailEvent): { key: string; arn?: string } | undefined {
  if (!ISSUING.test(event.name) || event.failure !== undefined || event.errorCode !== undefined) return undefined;
  const response = record(event.raw.responseElements);
  const key = record(response?.credentials)?.accessKeyId;
  if (typeof key !== 'string' || key === '') return undefined;
  const user = record(response?.assumedRoleUser) ?? record(response?.federatedUser);
  const arn = user?.arn;
  return { key, ...(typeof arn === 'string' && arn !== '' ? { arn } : {}) };
}

function roleNameOf(event: TrailEvent): string {
  const issuer = event.principal.sessionIssuerArn;
  return issuer?.split('/').pop() ?? event.principal.label;
}

/**
 * Resolves the human behind every event of `events`, following role chains through the issuing
 * events among them. An issuer counts only when its key matches the session's access key, its
 * `assumedRoleUser.arn` (when given) matches the session's ARN, and it is not later than the
 * session's call (beyond a few minutes of skew). Cycles are cut. Pure and deterministic.
 */
export function resolveHumans(events: readonly TrailEvent[]): HumanIndex {
  const issuers = new Map<string, { event: TrailEvent; arn?: string }>();
  for (const event of events) {
    const out = issued(event);
    if (out === undefined) continue;
    const known = issuers.get(out.key);
    if (known === undefined || event.time < known.event.time) issuers.set(out.key, { event, ...(out.arn !== undefined ? { arn: out.arn } : {}) });
  }
  const memo = new Map<TrailEvent, Human>();

  const issuerOf = (event: TrailEvent): TrailEvent | undefined => {
    const key = event.principal.accessKeyId;
    if (key === undefined || (event.principal.type !== 'AssumedRole' && event.principal.type !== 'FederatedUser')) return undefined;
    const found = issuers.get(key);
    if (found === undefined || found.event === event) return undefined;
    if (found.arn !== undefined && event.principal.arn !== undefined && found.arn !== event.principal.arn) return undefined;
    if (found.event.time > event.time + SKEW_MS) return undefined;
    return found.event;
  };

  const resolve = (event: TrailEvent, depth: number, seen: ReadonlySet<TrailEvent>): Human => {
    const cached = memo.get(event);
    if (cached !== undefined) return cached;
    const own = recordHumanOf(event);
    const issuer = own.how === 'role' && depth < MAX_CHAIN ? issuerOf(event) : undefined;
    let human = own;
    if (issuer !== undefined && !seen.has(issuer)) {
      const caller = resolve(issuer, depth + 1, new Set([...seen, event]));
      const fields = { key: caller.key, name: caller.name, kind: caller.kind, how: caller.how, via: roleNameOf(event), viaRole: true };
      human = { ...fields, label: humanLabel(fields) };
    }
    memo.set(event, human);
    return human;
  };

  return { humanOf: (event) => resolve(event, 0, new Set()), issuerOf };
}
