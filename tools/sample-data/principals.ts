/**
 * The sample account's principals and the `userIdentity` blocks CloudTrail writes for them
 * (shapes after the CloudTrail user guide examples kept in shared/samples/records.jsonl).
 */
import { isoSeconds, type SeededRandom } from './random';

export const ACCOUNT_ID = '123456789012';

type Obj = Record<string, unknown>;

/** Who calls, with everything a record needs besides the call itself. */
export interface Caller {
  readonly userIdentity: Obj;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  /** True for console sessions (the record then carries `sessionCredentialFromConsole`). */
  readonly console?: boolean;
}

export interface IamUser {
  readonly name: string;
  readonly arn: string;
  readonly principalId: string;
  readonly accessKeyId: string;
}

export function iamUser(name: string, principalId: string, accessKeyId: string): IamUser {
  return { name, arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`, principalId, accessKeyId };
}

export interface Role {
  readonly name: string;
  /** IAM path, `/` or e.g. `/aws-reserved/sso.amazonaws.com/eu-west-1/`. */
  readonly path: string;
  readonly arn: string;
  /** `AROA…` role id. */
  readonly roleId: string;
}

export function role(name: string, roleId: string, path = '/'): Role {
  return { name, path, arn: `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`, roleId };
}

/** Long-term key call (CLI/SDK) by an IAM user. */
export function iamUserKeyIdentity(user: IamUser): Obj {
  return { type: 'IAMUser', principalId: user.principalId, arn: user.arn, accountId: ACCOUNT_ID, accessKeyId: user.accessKeyId, userName: user.name };
}

/** A console session of an IAM user: temporary ASIA key, session attributes. */
export function iamUserConsoleIdentity(user: IamUser, sessionKey: string, sessionStart: number, mfa: boolean): Obj {
  return {
    type: 'IAMUser',
    principalId: user.principalId,
    arn: user.arn,
    accountId: ACCOUNT_ID,
    accessKeyId: sessionKey,
    userName: user.name,
    sessionContext: {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: isoSeconds(sessionStart), mfaAuthenticated: mfa ? 'true' : 'false' },
    },
  };
}

/** An assumed-role session (`arn:aws:sts::…:assumed-role/Role/Session`). */
export function assumedRoleIdentity(r: Role, sessionName: string, sessionKey: string, sessionStart: number, extra: Obj = {}): Obj {
  return {
    type: 'AssumedRole',
    principalId: `${r.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${r.name}/${sessionName}`,
    accountId: ACCOUNT_ID,
    accessKeyId: sessionKey,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: r.roleId, arn: r.arn, accountId: ACCOUNT_ID, userName: r.name },
      webIdFederationData: {},
      attributes: { creationDate: isoSeconds(sessionStart), mfaAuthenticated: 'false' },
    },
    ...extra,
  };
}

/** A call made by an AWS service on the account's behalf (no credentials of the account's own). */
export function awsServiceIdentity(service: string): Obj {
  return { type: 'AWSService', invokedBy: service };
}

/** A temporary key id (`ASIA…`) derived from the PRNG. */
export function sessionKeyId(rand: SeededRandom): string {
  return `ASIA${rand.upper(16)}`;
}
