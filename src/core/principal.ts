/**
 * Who made a call: `userIdentity` → a stable grouping key and a short label, per identity type
 * (see cloudtrail-facts §2.2). Assumed-role sessions group under their role; IAM Identity Center
 * permission-set roles (`AWSReservedSSO_*`) group per human, because the role is shared by everyone
 * with that permission set and the session name is the person.
 */
import type { Principal } from './model';
import { type JsonObject, firstStringField, isObject, objectField, parseBooleanish, stringField } from './recordFields';

/** Principal type used when a record has no `userIdentity` or no `type` in it. */
export const MISSING_PRINCIPAL_TYPE = 'Missing';

/** The prefix of IAM Identity Center permission-set role names. */
const SSO_ROLE_PREFIX = 'AWSReservedSSO_';

/**
 * The user names derivation writes without taking them from the record (every other `userName`
 * is a string of the record, or part of one): a text search for a Username must not count on
 * finding these in the record's text.
 */
export const USER_NAMES_NOT_IN_RECORD = { root: 'root', unknownUser: 'unknown user', unknownRole: 'unknown role', unknownFederatedUser: 'unknown federated user' } as const;
const NAMED = USER_NAMES_NOT_IN_RECORD;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Derives the principal of a raw CloudTrail record (a `Records[]` item or parsed `CloudTrailEvent`).
 *
 * `key` is stable across sessions of the same "who" (role ARN for assumed roles, user ARN for IAM
 * users, `onBehalfOf` for Identity Center users…); `sessionKey`/`sessionLabel` tell sessions apart.
 * `userName` holds what LookupEvents reports as `Username` for such an event (IAM user name, role
 * session name, `root`), which is what the Username lookup attribute matches. Never throws.
 */
export function derivePrincipal(record: unknown): Principal {
  const rec = isObject(record) ? record : undefined;
  const identity = objectField(rec, 'userIdentity');
  const additional = objectField(rec, 'additionalEventData');
  const type = stringField(identity, 'type') ?? MISSING_PRINCIPAL_TYPE;
  const base: Mutable<Principal> = { key: '', label: '', type };
  const accountId = stringField(identity, 'accountId');
  const arn = stringField(identity, 'arn');
  const accessKeyId = stringField(identity, 'accessKeyId');
  const invokedBy = stringField(identity, 'invokedBy');
  const principalId = stringField(identity, 'principalId');
  const userName = stringField(identity, 'userName');
  if (accountId !== undefined) base.accountId = accountId;
  if (arn !== undefined) base.arn = arn;
  if (accessKeyId !== undefined) base.accessKeyId = accessKeyId;
  if (invokedBy !== undefined) base.invokedBy = invokedBy;
  const mfa = mfaOf(identity, additional);
  if (mfa !== undefined) base.mfaAuthenticated = mfa;

  const sessionContext = objectField(identity, 'sessionContext');
  const issuer = objectField(sessionContext, 'sessionIssuer');
  const issuerArn = stringField(issuer, 'arn');

  switch (type) {
    case 'Root': {
      const acct = accountId ?? accountOfArn(arn);
      base.key = arn ?? `root@${acct ?? 'unknown'}`;
      base.label = `root (${userName ?? acct ?? 'unknown account'})`;
      base.userName = NAMED.root;
      setSession(base, accessKeyId, accessKeyId);
      break;
    }
    case 'IAMUser': {
      const name = userName ?? lastSegment(arn) ?? principalId ?? NAMED.unknownUser;
      base.key = arn ?? `iam-user:${accountId ?? 'unknown'}/${name}`;
      base.label = name;
      base.userName = name;
      setSession(base, accessKeyId, accessKeyId);
      break;
    }
    case 'AssumedRole':
      deriveAssumedRole(base, { arn, issuer, issuerArn, principalId, accountId, sessionContext });
      break;
    case 'Role': {
      const name = lastSegment(arn) ?? userName ?? principalId ?? NAMED.unknownRole;
      base.key = arn ?? `role:${accountId ?? 'unknown'}/${name}`;
      base.label = name;
      base.userName = name;
      break;
    }
    case 'FederatedUser': {
      const name = afterMarker(arn, ':federated-user/') ?? userName ?? principalId ?? NAMED.unknownFederatedUser;
      base.key = arn ?? `federated-user:${accountId ?? 'unknown'}/${name}`;
      base.label = name;
      base.userName = name;
      if (issuerArn !== undefined) {
        base.sessionIssuerArn = issuerArn;
        setSession(base, issuerArn, `via ${lastSegment(issuerArn) ?? issuerArn}`);
      }
      break;
    }
    case 'IdentityCenterUser': {
      const onBehalfOf = objectField(identity, 'onBehalfOf');
      const userId = stringField(onBehalfOf, 'userId');
      const store = stringField(onBehalfOf, 'identityStoreArn');
      const humanName = stringField(additional, 'UserName') ?? userName;
      base.key = `identity-center:${store ?? accountId ?? 'unknown'}/${userId ?? humanName ?? 'unknown'}`;
      base.label = humanName ?? userId ?? 'Identity Center user';
      if (humanName !== undefined) base.userName = humanName;
      const credentialId = stringField(identity, 'credentialId');
      setSession(base, credentialId, credentialId);
      break;
    }
    case 'SAMLUser':
    case 'WebIdentityUser': {
      const provider = stringField(identity, 'identityProvider') ?? 'unknown-provider';
      const name = userName ?? principalId ?? NAMED.unknownUser;
      base.key = `${type === 'SAMLUser' ? 'saml' : 'web-identity'}:${provider}/${name}`;
      base.label = name;
      base.userName = name;
      setSession(base, principalId, principalId);
      break;
    }
    case 'AWSService': {
      const service = invokedBy ?? 'unknown service';
      base.key = `service:${service}`;
      base.label = service;
      break;
    }
    case 'AWSAccount': {
      const acct = accountId ?? 'unknown';
      base.key = `account:${acct}${principalId !== undefined ? `/${principalId}` : ''}`;
      base.label = `account ${acct}`;
      setSession(base, principalId, principalId);
      break;
    }
    case MISSING_PRINCIPAL_TYPE:
      deriveMissing(base, rec, invokedBy, accountId);
      break;
    default: {
      // Unknown, Directory and types added after this was written: name or id, scoped by account.
      const name = userName ?? principalId ?? arn ?? accessKeyId;
      base.key = `${type.toLowerCase()}:${accountId ?? 'unknown'}/${name ?? 'unknown'}`;
      base.label = name ?? `${type} caller`;
      if (userName !== undefined) base.userName = userName;
      setSession(base, accessKeyId, accessKeyId);
      break;
    }
  }
  return base;
}

function deriveAssumedRole(
  base: Mutable<Principal>,
  f: {
    arn: string | undefined;
    issuer: JsonObject | undefined;
    issuerArn: string | undefined;
    principalId: string | undefined;
    accountId: string | undefined;
    sessionContext: JsonObject | undefined;
  },
): void {
  // arn:aws:sts::<acct>:assumed-role/<Role>/<Session>; principalId is <RoleId>:<Session>.
  const assumed = afterMarker(f.arn, ':assumed-role/');
  const slash = assumed?.indexOf('/') ?? -1;
  const roleFromArn = assumed !== undefined && slash > 0 ? assumed.slice(0, slash) : assumed;
  const sessionFromArn = assumed !== undefined && slash > 0 ? assumed.slice(slash + 1) : undefined;
  const colon = f.principalId?.indexOf(':') ?? -1;
  const sessionFromId = f.principalId !== undefined && colon >= 0 ? f.principalId.slice(colon + 1) : undefined;
  const session = sessionFromArn ?? sessionFromId;
  const roleName = lastSegment(f.issuerArn) ?? stringField(f.issuer, 'userName') ?? roleFromArn ?? 'unknown role';
  const acct = f.accountId ?? accountOfArn(f.arn);
  const roleKey = f.issuerArn ?? `arn:aws:iam::${acct ?? 'unknown'}:role/${roleName}`;
  if (f.issuerArn !== undefined) base.sessionIssuerArn = f.issuerArn;
  if (session !== undefined) base.userName = session;
  const sourceIdentity = stringField(f.sessionContext, 'sourceIdentity');

  if (roleName.startsWith(SSO_ROLE_PREFIX) && session !== undefined) {
    base.key = `${roleKey}/${session}`;
    base.label = `${session} (SSO: ${permissionSetOf(roleName)})`;
    base.sessionKey = session;
    base.sessionLabel = session;
    return;
  }
  base.key = roleKey;
  base.label = roleName;
  if (session !== undefined) {
    base.sessionKey = session;
    base.sessionLabel = sourceIdentity !== undefined && sourceIdentity !== session ? `${session} (${sourceIdentity})` : session;
  }
}

function deriveMissing(
  base: Mutable<Principal>,
  rec: JsonObject | undefined,
  invokedBy: string | undefined,
  accountId: string | undefined,
): void {
  // Service events often carry only {accountId, invokedBy}; Insights events carry nothing.
  if (invokedBy !== undefined) {
    base.key = `service:${invokedBy}`;
    base.label = invokedBy;
    return;
  }
  if (stringField(rec, 'eventType') === 'AwsCloudTrailInsight') {
    base.key = 'insights';
    base.label = 'CloudTrail Insights';
    return;
  }
  if (accountId !== undefined) {
    base.key = `account:${accountId}`;
    base.label = `account ${accountId}`;
    return;
  }
  base.key = 'unknown';
  base.label = 'Unknown caller';
}

function setSession(base: Mutable<Principal>, key: string | undefined, label: string | undefined): void {
  if (key !== undefined) {
    base.sessionKey = key;
    base.sessionLabel = label ?? key;
  }
}

function mfaOf(identity: JsonObject | undefined, additional: JsonObject | undefined): boolean | undefined {
  const attributes = objectField(objectField(identity, 'sessionContext'), 'attributes');
  return parseBooleanish(attributes?.mfaAuthenticated) ?? parseBooleanish(firstStringField(additional, ['MFAUsed']));
}

/** `AWSReservedSSO_AdministratorAccess_0123456789abcdef` → `AdministratorAccess`. */
function permissionSetOf(roleName: string): string {
  return roleName.slice(SSO_ROLE_PREFIX.length).replace(/_[0-9a-fA-F]{16}$/, '') || roleName;
}

function lastSegment(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const segment = arn.split(/[/:]/).pop();
  return segment === undefined || segment === '' ? undefined : segment;
}

function afterMarker(value: string | undefined, marker: string): string | undefined {
  const at = value?.indexOf(marker) ?? -1;
  if (value === undefined || at < 0) return undefined;
  const rest = value.slice(at + marker.length);
  return rest === '' ? undefined : rest;
}

function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}
