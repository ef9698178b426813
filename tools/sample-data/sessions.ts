/**
 * Role sessions as CloudTrail records them: the AssumeRole* call that issues a temporary key, and the
 * session's own identity signed with that same key — so the human behind a session can be traced
 * back through the issuing event, as with real trails.
 */
import { ACCOUNT_ID, assumedRoleIdentity, sessionKeyId, type Caller, type Role } from './principals';
import type { SeededRandom } from './random';
import { buildRecord } from './recordBuilder';

type Obj = Record<string, unknown>;

export interface AssumeSpec {
  readonly time: number;
  readonly region: string;
  /** Who calls AssumeRole (a user, an SSO session, another role session, a service, a web identity). */
  readonly caller: Caller;
  readonly role: Role;
  readonly sessionName: string;
  /** `AssumeRole` (default), `AssumeRoleWithWebIdentity` or `AssumeRoleWithSAML`. */
  readonly eventName?: string;
  /** Extra request parameters (sourceIdentity, durationSeconds…) and response fields (provider, audience…). */
  readonly request?: Obj;
  readonly response?: Obj;
  /** The session's own calls: IP and user agent (default: the caller's), console flag. */
  readonly sessionIp?: string;
  readonly sessionAgent?: string;
  readonly sessionConsole?: boolean;
}

/** The issuing record and the session it starts (whose `accessKeyId` is the issued key). */
export function assumeRole(rand: SeededRandom, spec: AssumeSpec): { record: Obj; session: Caller } {
  const key = sessionKeyId(rand);
  const arn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${spec.role.name}/${spec.sessionName}`;
  const record = buildRecord(rand, {
    time: spec.time,
    region: spec.region,
    source: 'sts.amazonaws.com',
    name: spec.eventName ?? 'AssumeRole',
    caller: spec.caller,
    readOnly: true,
    requestParameters: { roleArn: spec.role.arn, roleSessionName: spec.sessionName, durationSeconds: 3600, ...spec.request },
    responseElements: {
      credentials: { accessKeyId: key, sessionToken: '<redacted>', expiration: new Date(spec.time + 3_600_000).toUTCString() },
      assumedRoleUser: { assumedRoleId: `${spec.role.roleId}:${spec.sessionName}`, arn },
      ...spec.response,
    },
    resources: [{ accountId: ACCOUNT_ID, type: 'AWS::IAM::Role', ARN: spec.role.arn }],
    extra: { sharedEventID: rand.uuid() },
  });
  const session: Caller = {
    userIdentity: assumedRoleIdentity(spec.role, spec.sessionName, key, spec.time),
    sourceIPAddress: spec.sessionIp ?? spec.caller.sourceIPAddress,
    userAgent: spec.sessionAgent ?? spec.caller.userAgent,
    ...(spec.sessionConsole === true ? { console: true } : {}),
  };
  return { record, session };
}
