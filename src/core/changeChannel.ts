/**
 * How a change was made — its change channel — from the signals a CloudTrail record carries
 * (channels-humans-and-scale.md): the user agent infrastructure-as-code tools send (Terraform's
 * `HashiCorp/… Terraform/… terraform-provider-aws/…`, which Crossplane/upjet and — by mistake — some
 * Pulumi versions reuse, told apart by their own tokens), CloudFormation's `invokedBy` /
 * `sourceIPAddress`, console sessions (`sessionCredentialFromConsole`, console and sign-in hosts,
 * browsers), the AWS CLI and SDKs by language, and AWS services acting on their own.
 */
import type { ChangeChannel, ChangeChannelKind, TrailEvent } from './model';
import { type JsonObject, isObject, objectField, parseBooleanish, stringField } from './recordFields';

export type { ChangeChannel, ChangeChannelKind } from './model';

/** Every kind, in menu order, with its label. */
export const CHANGE_CHANNEL_LABELS: Readonly<Record<ChangeChannelKind, string>> = {
  terraform: 'Terraform',
  crossplane: 'Crossplane',
  pulumi: 'Pulumi',
  cloudformation: 'CloudFormation',
  cdk: 'AWS CDK',
  console: 'AWS console',
  cli: 'AWS CLI',
  sdk: 'SDK',
  awsService: 'AWS service',
  unknown: 'Unknown',
};

const IAC: ReadonlySet<ChangeChannelKind> = new Set(['terraform', 'crossplane', 'pulumi', 'cloudformation', 'cdk']);

/** True when the kind is infrastructure as code. */
export function isIacChannel(kind: ChangeChannelKind): boolean {
  return IAC.has(kind);
}

function channel(kind: ChangeChannelKind, signal: string, detail?: string, label = CHANGE_CHANNEL_LABELS[kind]): ChangeChannel {
  return { kind, label, ...(detail !== undefined && detail !== '' ? { detail } : {}), iac: IAC.has(kind), signal };
}

function version(agent: string, product: RegExp): string | undefined {
  return product.exec(agent)?.[1];
}

/** SDK user-agent products by language (aws-sdk-go-v2 before aws-sdk-go; Boto3 before Botocore). */
const SDKS: readonly [RegExp, string][] = [
  [/\bBoto3\/([\w.-]+)/i, 'Python'],
  [/\bBotocore\/([\w.-]+)/i, 'Python'],
  [/\baws-sdk-js\/([\w.-]+)/i, 'JavaScript'],
  [/\baws-sdk-nodejs\/([\w.-]+)/i, 'JavaScript'],
  [/\baws-sdk-go-v2\/([\w.-]+)/i, 'Go'],
  [/\baws-sdk-go\/([\w.-]+)/i, 'Go'],
  [/\baws-sdk-java\/([\w.-]+)/i, 'Java'],
  [/\baws-sdk-kotlin\/([\w.-]+)/i, 'Kotlin'],
  [/\baws-sdk-dotnet[\w-]*\/([\w.-]+)/i, '.NET'],
  [/\baws-sdk-ruby\d?\/([\w.-]+)/i, 'Ruby'],
  [/\baws-sdk-php\/([\w.-]+)/i, 'PHP'],
  [/\baws-sdk-rust\/([\w.-]+)/i, 'Rust'],
  [/\baws-sdk-cpp\/([\w.-]+)/i, 'C++'],
  [/\baws-sdk-swift\/([\w.-]+)/i, 'Swift'],
  [/\bAWSPowerShell(?:\.NetCore)?\/([\w.-]+)/i, 'PowerShell'],
];

/** User agents of the console itself and its backends (`console.amazonaws.com`, `AWS CloudWatch Console`, `EC2ConsoleBackend`). */
const CONSOLE_AGENT = /^(?:[\w-]+\.)*console\.(?:aws\.)?amazonaws\.com$|^(?:[\w-]+\.)*console\.aws\.amazon\.com$|^signin\.amazonaws\.com$|\bConsole\b|ConsoleBackend/i;
const BROWSER_AGENT = /^Mozilla\/\d/;
const SERVICE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com$/;

function iacFromAgent(agent: string): ChangeChannel | undefined {
  if (/crossplane|upjet|upbound-provider/i.test(agent)) {
    return channel('crossplane', 'userAgent', version(agent, /crossplane-provider[\w-]*\/v?([\w.+-]+)/i) ?? version(agent, /upbound-provider[\w-]*\/v?([\w.+-]+)/i));
  }
  if (/\bPulumi\b|pulumi-aws/i.test(agent)) return channel('pulumi', 'userAgent', version(agent, /Pulumi-Aws(?:-native)?\/([\w.+-]+)/i));
  const terraform = /\bHashiCorp\/[\d.]+\s+Terraform\/([\w.+-]*)/i.exec(agent) ?? /^terraform\/([\w.+-]+)/i.exec(agent);
  const provider = /\bterraform-provider-(aws|awscc)\/([\w.+-]+)/i.exec(agent);
  if (terraform !== null || provider !== null) {
    const parts = [terraform?.[1] ? `Terraform ${terraform[1]}` : undefined, provider ? `${provider.at(1) ?? 'aws'} provider ${provider.at(2) ?? ''}` : undefined].filter((p) => p !== undefined);
    return channel('terraform', 'userAgent', parts.join(' · '));
  }
  if (/\baws-cdk\/|\bcdk-hotswap\//i.test(agent)) return channel('cdk', 'userAgent', version(agent, /\baws-cdk\/([\w.+-]+)/i));
  return undefined;
}

/**
 * The change channel of a raw record (or of the fields a normalized event keeps). Never throws.
 * Order: CloudFormation (invokedBy/sourceIPAddress/userAgent `cloudformation.amazonaws.com`), then
 * the IaC tools' user agents (Crossplane and Pulumi before Terraform, whose tokens they reuse), the
 * console (its hosts, sign-in events, `sessionCredentialFromConsole`), the AWS CLI, AWS services
 * (`AWSService` identities, `invokedBy`, service hosts, `AWS Internal`), SDKs by language, browsers,
 * and unknown.
 */
export function deriveChangeChannel(record: unknown): ChangeChannel {
  const rec: JsonObject = isObject(record) ? record : {};
  const identity = objectField(rec, 'userIdentity');
  const agent = (stringField(rec, 'userAgent') ?? '').replace(/^\[|\]$/g, '').trim();
  const invokedBy = stringField(identity, 'invokedBy');
  const sourceIp = stringField(rec, 'sourceIPAddress');
  const cfn = 'cloudformation.amazonaws.com';
  if (invokedBy === cfn || sourceIp === cfn || agent === cfn) return channel('cloudformation', invokedBy === cfn ? 'invokedBy' : sourceIp === cfn ? 'sourceIPAddress' : 'userAgent');
  const iac = iacFromAgent(agent);
  if (iac !== undefined) return iac;
  if (CONSOLE_AGENT.test(agent) || invokedBy === 'signin.amazonaws.com' || stringField(rec, 'eventType')?.toLowerCase() === 'awsconsolesignin') {
    return channel('console', CONSOLE_AGENT.test(agent) ? 'userAgent' : invokedBy === undefined ? 'eventType' : 'invokedBy', agent === '' || BROWSER_AGENT.test(agent) ? undefined : agent);
  }
  const cli = /\baws-cli\/([\w.+-]+)/i.exec(agent);
  if (cli !== null) {
    const command = /\bcommand\/([\w.-]+)/.exec(agent)?.[1];
    return channel('cli', 'userAgent', `${cli.at(1) ?? ''}${command === undefined ? '' : ` · ${command}`}`);
  }
  if (/^ec2-api-tools\b/i.test(agent)) return channel('cli', 'userAgent', agent, 'EC2 API tools');
  if (parseBooleanish(rec.sessionCredentialFromConsole) === true) return channel('console', 'sessionCredentialFromConsole');
  const type = stringField(identity, 'type');
  if (type === 'AWSService' || invokedBy !== undefined || /^aws[ -]internal\b/i.test(agent) || agent.startsWith('&AWS; Internal') || SERVICE_HOST.test(agent) || (agent === '' && sourceIp !== undefined && SERVICE_HOST.test(sourceIp))) {
    return channel('awsService', type === 'AWSService' ? 'userIdentity.type' : invokedBy !== undefined ? 'invokedBy' : 'userAgent', invokedBy ?? (SERVICE_HOST.test(agent) ? agent : undefined));
  }
  for (const [pattern, language] of SDKS) {
    const found = pattern.exec(agent);
    if (found !== null) return channel('sdk', 'userAgent', `${language} ${found.at(1) ?? ''}`.trim(), `SDK (${language})`);
  }
  if (BROWSER_AGENT.test(agent)) return channel('console', 'userAgent');
  return channel('unknown', agent === '' ? 'none' : 'userAgent', agent === '' ? undefined : agent.slice(0, 80));
}

/** The channel of an event: the one computed at normalisation, else derived from its raw record. */
export function changeChannelOf(event: TrailEvent): ChangeChannel {
  if (event.channel !== undefined) return event.channel;
  if (event.partial === true) return deriveChangeChannel({ userAgent: event.userAgent, sourceIPAddress: event.sourceIp, userIdentity: { invokedBy: event.principal.invokedBy } });
  return deriveChangeChannel(event.raw);
}

/** True for a change made outside infrastructure as code by a person or a script (console, CLI, SDK, unknown) — not by an AWS service on its own. */
export function isOutsideIac(event: TrailEvent): boolean {
  const kind = changeChannelOf(event).kind;
  return !IAC.has(kind) && kind !== 'awsService';
}

/** A short label for lists and CodeLens: `Terraform`, `AWS console`, `SDK (Python)`. */
export function changeChannelLabel(event: TrailEvent): string {
  return changeChannelOf(event).label;
}
