/**
 * The person (or workload) behind a call, where the record allows: an IAM user; an IAM Identity
 * Center user behind an `AWSReservedSSO_*` session (the session name is the user name or email) or
 * named by `onBehalfOf`; a `sourceIdentity` that survives role chaining; an email used as a role
 * session name; the subject of a SAML or web-identity federation; an AWS service. A role session
 * that names nobody stays "the role". `core/humanIndex.ts` then follows role chains through the
 * AssumeRole events of a set (channels-humans-and-scale.md, "The human behind a session").
 */
import type { Human, HumanHow, TrailEvent } from './model';
import { type JsonObject, isObject, objectField, stringField } from './recordFields';

export type { Human, HumanHow, HumanKind } from './model';

const SSO_ROLE_PREFIX = 'AWSReservedSSO_';
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[A-Za-z]{2,}$/;

/** How each way of knowing reads in a label. */
export const HUMAN_HOW_LABELS: Readonly<Record<HumanHow, string>> = {
  'iam-user': 'IAM user',
  root: 'root user',
  sso: 'SSO',
  'identity-center': 'Identity Center',
  'source-identity': 'source identity',
  'session-name': 'session name',
  saml: 'SAML',
  'web-identity': 'web identity',
  federated: 'federation',
  'sign-in': 'sign-in',
  'aws-service': 'AWS service',
  role: 'role session',
  unknown: 'unknown',
};

function lastSegment(value: string | undefined): string | undefined {
  const segment = value?.split(/[/:]/).pop();
  return segment === undefined || segment === '' ? undefined : segment;
}

/** `AWSReservedSSO_AdministratorAccess_0123456789abcdef` → `AdministratorAccess`. */
export function permissionSetOf(roleName: string): string | undefined {
  if (!roleName.startsWith(SSO_ROLE_PREFIX)) return undefined;
  return roleName.slice(SSO_ROLE_PREFIX.length).replace(/_[0-9a-fA-F]{16}$/, '') || roleName;
}

/**
 * The label of a human: `alice`, `root (123456789012)`, `jane.doe@example.com (via AdministratorAccess, SSO)`,
 * `alice (via role deploy, SSO)`, `JohnDoe (via role JohnRole1, source identity)`, `deploy (role session)`.
 */
export function humanLabel(human: Pick<Human, 'name' | 'how' | 'via' | 'viaRole'>): string {
  if (human.how === 'role' && human.via === undefined) return `${human.name} (role session)`;
  const how = HUMAN_HOW_LABELS[human.how];
  if (human.via === undefined) return human.how === 'iam-user' || human.how === 'root' ? human.name : `${human.name} (${how})`;
  return `${human.name} (via ${human.viaRole === true ? 'role ' : ''}${human.via}, ${how})`;
}

function make(fields: Omit<Human, 'label'>): Human {
  return { ...fields, label: humanLabel(fields) };
}

/** The role session part of an assumed-role identity: role name, role ARN, session name. */
function assumedRole(identity: JsonObject | undefined): { role: string; roleArn: string; session?: string } | undefined {
  const arn = stringField(identity, 'arn');
  const issuer = objectField(objectField(identity, 'sessionContext'), 'sessionIssuer');
  const issuerArn = stringField(issuer, 'arn');
  const marker = arn?.indexOf(':assumed-role/') ?? -1;
  const rest = arn !== undefined && marker >= 0 ? arn.slice(marker + ':assumed-role/'.length) : undefined;
  const slash = rest?.indexOf('/') ?? -1;
  const principalId = stringField(identity, 'principalId');
  const fromId = principalId?.includes(':') === true ? principalId.slice(principalId.indexOf(':') + 1) : undefined;
  const session = rest !== undefined && slash > 0 ? rest.slice(slash + 1) : fromId;
  const role = lastSegment(issuerArn) ?? stringField(issuer, 'userName') ?? (rest !== undefined && slash > 0 ? rest.slice(0, slash) : rest);
  if (role === undefined) return undefined;
  return { role, roleArn: issuerArn ?? `role:${stringField(identity, 'accountId') ?? ''}/${role}`, ...(session !== undefined && session !== '' ? { session } : {}) };
}

/** The human behind an assumed-role session, from the record alone. */
function fromAssumedRole(identity: JsonObject | undefined): Human {
  const session = assumedRole(identity);
  const context = objectField(identity, 'sessionContext');
  const sourceIdentity = stringField(context, 'sourceIdentity') ?? stringField(identity, 'sourceIdentity');
  const onBehalfOf = objectField(identity, 'onBehalfOf');
  const userId = stringField(onBehalfOf, 'userId');
  const store = stringField(onBehalfOf, 'identityStoreArn');
  const role = session?.role ?? 'unknown role';
  const permissionSet = permissionSetOf(role);
  if (permissionSet !== undefined && (session?.session !== undefined || userId !== undefined)) {
    const name = session?.session ?? userId ?? 'unknown';
    const key = userId !== undefined ? `identity-center:${store ?? ''}/${userId}` : `sso:${stringField(identity, 'accountId') ?? ''}/${name.toLowerCase()}`;
    return make({ key, name, kind: 'person', how: 'sso', via: permissionSet });
  }
  if (sourceIdentity !== undefined) return make({ key: `source-identity:${sourceIdentity}`, name: sourceIdentity, kind: 'person', how: 'source-identity', via: role, viaRole: true });
  if (userId !== undefined) return make({ key: `identity-center:${store ?? ''}/${userId}`, name: userId, kind: 'person', how: 'identity-center', via: role, viaRole: true });
  if (session?.session !== undefined && EMAIL.test(session.session)) {
    return make({ key: `email:${session.session.toLowerCase()}`, name: session.session, kind: 'person', how: 'session-name', via: role, viaRole: true });
  }
  const federated = stringField(objectField(context, 'webIdFederationData'), 'federatedProvider');
  const base = { key: `role:${session?.roleArn ?? role}`, name: role, kind: 'workload' as const, how: 'role' as const };
  return make(federated !== undefined ? { ...base, federatedProvider: federated } : base);
}

/**
 * The human behind one raw record, from the record alone (role chains need the set of events:
 * `resolveHumans` in core/humanIndex.ts). Never throws.
 */
export function deriveHuman(record: unknown): Human {
  const rec: JsonObject = isObject(record) ? record : {};
  const identity = objectField(rec, 'userIdentity');
  const type = stringField(identity, 'type');
  const accountId = stringField(identity, 'accountId') ?? stringField(rec, 'recipientAccountId');
  const arn = stringField(identity, 'arn');
  const userName = stringField(identity, 'userName');
  switch (type) {
    case 'Root':
      return make({ key: `root:${accountId ?? ''}`, name: `root (${userName ?? accountId ?? 'unknown account'})`, kind: 'person', how: 'root' });
    case 'IAMUser': {
      const name = userName ?? lastSegment(arn) ?? 'unknown user';
      return make({ key: `iam-user:${arn ?? `${accountId ?? ''}/${name}`}`, name, kind: 'person', how: 'iam-user' });
    }
    case 'AssumedRole':
      return fromAssumedRole(identity);
    case 'IdentityCenterUser': {
      const onBehalfOf = objectField(identity, 'onBehalfOf');
      const userId = stringField(onBehalfOf, 'userId');
      const name = stringField(objectField(rec, 'additionalEventData'), 'UserName') ?? userId ?? 'Identity Center user';
      return make({ key: `identity-center:${stringField(onBehalfOf, 'identityStoreArn') ?? ''}/${userId ?? name}`, name, kind: 'person', how: 'identity-center' });
    }
    case 'SAMLUser':
    case 'WebIdentityUser': {
      const name = userName ?? stringField(identity, 'principalId') ?? 'unknown';
      const saml = type === 'SAMLUser';
      return make({ key: `${saml ? 'saml' : 'web-identity'}:${stringField(identity, 'identityProvider') ?? ''}/${name}`, name, kind: saml || EMAIL.test(name) ? 'person' : 'workload', how: saml ? 'saml' : 'web-identity' });
    }
    case 'FederatedUser': {
      const name = arn?.split(':federated-user/')[1] ?? userName ?? 'unknown';
      const issuer = lastSegment(stringField(objectField(objectField(identity, 'sessionContext'), 'sessionIssuer'), 'arn'));
      return make({ key: `federated:${arn ?? name}`, name, kind: 'person', how: 'federated', ...(issuer !== undefined ? { via: issuer } : {}) });
    }
    case 'AWSService': {
      const service = stringField(identity, 'invokedBy') ?? 'AWS service';
      return make({ key: `service:${service}`, name: service, kind: 'service', how: 'aws-service' });
    }
    default: {
      // Identity Center sign-in records carry type "Unknown" with the user name or email.
      if (userName !== undefined) return make({ key: `sign-in:${accountId ?? ''}/${userName.toLowerCase()}`, name: userName, kind: 'person', how: 'sign-in' });
      const service = stringField(identity, 'invokedBy');
      if (service !== undefined) return make({ key: `service:${service}`, name: service, kind: 'service', how: 'aws-service' });
      return make({ key: `unknown:${accountId ?? ''}/${stringField(identity, 'principalId') ?? ''}`, name: 'unknown caller', kind: 'unknown', how: 'unknown' });
    }
  }
}

/** The human of an event from its own record: the one computed at normalisation, else derived. */
export function recordHumanOf(event: TrailEvent): Human {
  return event.human ?? deriveHuman(event.raw);
}
