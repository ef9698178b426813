/**
 * Resource ids AWS assigns with a type prefix (`sg-…`, `rtb-…`, `i-…`): what kind of resource each
 * prefix names, the ARN resource type it lives under, and finding one under the cursor in any text.
 * CloudTrail's Event history indexes these bare ids as `ResourceName` (cloudtrail-facts §1.6: EC2
 * instance, volume, snapshot, subnet, VPC, ENI, route table, NAT/internet gateway, EIP, AMI…).
 */

/** One id prefix: `sg` → security group. */
export interface AwsIdKind {
  /** The prefix without its dash, e.g. `sg`, `eipalloc`, `tgw-rtb`. */
  readonly prefix: string;
  /** For people: `security group`, `route table`. */
  readonly label: string;
  /** CloudFormation-style type CloudTrail reports (`AWS::EC2::SecurityGroup`). */
  readonly resourceType: string;
  /** The ARN resource type (`security-group` in `arn:aws:ec2:r:a:security-group/sg-…`). */
  readonly arnType: string;
  /** The ARN service (`ec2`, `elasticfilesystem`). */
  readonly service: string;
  /** Snapshots and images are public resources: their ARNs carry no account. */
  readonly accountless?: boolean;
  /** False for ids CloudTrail does not index as ResourceName (security group rule ids). */
  readonly indexed: boolean;
}

const kind = (prefix: string, label: string, resourceType: string, arnType: string, extra: Partial<AwsIdKind> = {}): AwsIdKind => ({
  prefix,
  label,
  resourceType: `AWS::EC2::${resourceType}`,
  arnType,
  service: 'ec2',
  indexed: true,
  ...extra,
});

/** Every prefix known, longest first so `tgw-rtb` wins over `tgw`. */
export const AWS_ID_KINDS: readonly AwsIdKind[] = [
  kind('tgw-attach', 'transit gateway attachment', 'TransitGatewayAttachment', 'transit-gateway-attachment'),
  kind('tgw-rtb', 'transit gateway route table', 'TransitGatewayRouteTable', 'transit-gateway-route-table'),
  kind('eipalloc', 'Elastic IP', 'EIP', 'elastic-ip'),
  kind('subnet', 'subnet', 'Subnet', 'subnet'),
  kind('vpce', 'VPC endpoint', 'VPCEndpoint', 'vpc-endpoint'),
  kind('eigw', 'egress-only internet gateway', 'EgressOnlyInternetGateway', 'egress-only-internet-gateway'),
  kind('dopt', 'DHCP options set', 'DHCPOptions', 'dhcp-options'),
  kind('snap', 'EBS snapshot', 'Snapshot', 'snapshot', { accountless: true }),
  kind('vgw', 'virtual private gateway', 'VPNGateway', 'vpn-gateway'),
  kind('cgw', 'customer gateway', 'CustomerGateway', 'customer-gateway'),
  kind('vpn', 'VPN connection', 'VPNConnection', 'vpn-connection'),
  kind('pcx', 'VPC peering connection', 'VPCPeeringConnection', 'vpc-peering-connection'),
  kind('tgw', 'transit gateway', 'TransitGateway', 'transit-gateway'),
  kind('rtb', 'route table', 'RouteTable', 'route-table'),
  kind('igw', 'internet gateway', 'InternetGateway', 'internet-gateway'),
  kind('nat', 'NAT gateway', 'NatGateway', 'natgateway'),
  kind('eni', 'network interface', 'NetworkInterface', 'network-interface'),
  kind('ami', 'AMI', 'Ami', 'image', { accountless: true }),
  kind('vol', 'EBS volume', 'Volume', 'volume'),
  kind('acl', 'network ACL', 'NetworkAcl', 'network-acl'),
  kind('sgr', 'security group rule', 'SecurityGroupRule', 'security-group-rule', { indexed: false }),
  kind('vpc', 'VPC', 'VPC', 'vpc'),
  kind('key', 'key pair', 'KeyPair', 'key-pair'),
  kind('lt', 'launch template', 'LaunchTemplate', 'launch-template'),
  kind('sg', 'security group', 'SecurityGroup', 'security-group'),
  kind('fs', 'EFS file system', 'FileSystem', 'file-system', { resourceType: 'AWS::EFS::FileSystem', service: 'elasticfilesystem' }),
  kind('i', 'EC2 instance', 'Instance', 'instance'),
];

// 8 hex digits (ids made before 2016) or 17 (the long format); EFS and key pairs use the same shapes.
const ID_BODY = '(?:[0-9a-f]{17}|[0-9a-f]{8})';
const ID_SOURCE = String.raw`(?<![A-Za-z0-9_.:/-])(${AWS_ID_KINDS.map((k) => k.prefix).join('|')})-${ID_BODY}(?![A-Za-z0-9-])`;
const WHOLE_ID = new RegExp(`^${ID_SOURCE}$`);
const BY_PREFIX = new Map(AWS_ID_KINDS.map((k) => [k.prefix, k]));

/** The kind of a bare id (`sg-0a1b2c3d4e5f67890` → security group), or undefined when it is not one. */
export function awsIdKind(id: string): AwsIdKind | undefined {
  const match = WHOLE_ID.exec(id.trim());
  const prefix: string | undefined = match?.[1];
  return prefix === undefined ? undefined : BY_PREFIX.get(prefix);
}

/** A bare id found in a line of text, with its half-open range `[start, end)`. */
export interface AwsIdMatch {
  readonly id: string;
  readonly kind: AwsIdKind;
  readonly start: number;
  readonly end: number;
}

/**
 * Every bare id on a line. Ids inside ARNs and longer words are not bare and are skipped; an id
 * followed by `_` counts (Terraform import ids such as `rtb-…_0.0.0.0/0`).
 */
export function findAwsIds(lineText: string): AwsIdMatch[] {
  const out: AwsIdMatch[] = [];
  for (const match of lineText.matchAll(new RegExp(ID_SOURCE, 'g'))) {
    const prefix = match.at(1);
    const found = prefix === undefined ? undefined : BY_PREFIX.get(prefix);
    if (found !== undefined) out.push({ id: match[0], kind: found, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** The bare id at `character` (0-based; just after its last character counts), or undefined. */
export function findAwsIdAt(lineText: string, character: number): AwsIdMatch | undefined {
  return findAwsIds(lineText).find((m) => character >= m.start && character <= m.end);
}

/**
 * The ARN of a bare id, when region and account are known (`arn:aws:ec2:eu-west-1:123456789012:
 * security-group/sg-…`); snapshots and AMIs have no account in their ARN.
 */
export function arnForAwsId(id: string, region: string, account: string | undefined, partition = 'aws'): string | undefined {
  const found = awsIdKind(id);
  if (found === undefined || region === '') return undefined;
  if (found.accountless === true) return `arn:${partition}:${found.service}:${region}::${found.arnType}/${id}`;
  return account === undefined || account === '' ? undefined : `arn:${partition}:${found.service}:${region}:${account}:${found.arnType}/${id}`;
}
