/**
 * The `CREATE EXTERNAL TABLE` statement for trail logs with partition projection, as AWS documents
 * it (create-cloudtrail-table-partition-projection), extended from one account and region to the
 * whole bucket: account, region and date partitions over `AWSLogs/[<o-id>/]<account>/CloudTrail/
 * <region>/YYYY/MM/DD`, so a query names the partitions it reads and Athena lists nothing.
 * Every value is validated before it reaches the statement, which the user reviews before it runs.
 */
import { hiveTypeText, TRAIL_COLUMNS } from './trailSchema';
import { DEFAULT_PARTITIONS, parseDay, type TrailTableShape } from './trailTable';

/** What the table covers. */
export interface TrailTableDdlOptions {
  readonly database: string;
  readonly table: string;
  /** The trail bucket (name only). */
  readonly bucket: string;
  /** Key prefix before `AWSLogs/` (the trail's S3 key prefix), e.g. `security/`; default none. */
  readonly prefix?: string;
  /** Organization id (`o-…`) of an organization trail; absent for an account trail. */
  readonly organizationId?: string;
  /** Accounts to enumerate, or `injected`: every query then names its accounts. */
  readonly accounts: readonly string[] | 'injected';
  readonly regions: readonly string[];
  /** First day of the date projection, `yyyy/MM/dd` (the bucket's oldest day). */
  readonly firstDay: string;
}

/** The statement, the locations it names, and the table shape queries compile against. */
export interface TrailTableDdl {
  readonly sql: string;
  readonly location: string;
  readonly template: string;
  readonly shape: TrailTableShape;
}

/** Input the DDL cannot be built from; the message names the field and what is expected. */
export class DdlInputError extends Error {
  override readonly name = 'DdlInputError';
}

const NAME = /^[a-z_][a-z0-9_]{0,254}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9._\-/]*$/;
const ORG = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function check(ok: boolean, message: string): void {
  if (!ok) throw new DdlInputError(message);
}

function validate(o: TrailTableDdlOptions): void {
  check(NAME.test(o.database), `Database name "${o.database}": use lower-case letters, digits and _.`);
  check(NAME.test(o.table), `Table name "${o.table}": use lower-case letters, digits and _.`);
  check(BUCKET.test(o.bucket), `Bucket "${o.bucket}" is not a valid S3 bucket name.`);
  check(PREFIX.test(o.prefix ?? '') && !(o.prefix ?? '').includes('..'), `Key prefix "${o.prefix ?? ''}": use letters, digits, . _ - and /.`);
  check(o.organizationId === undefined || ORG.test(o.organizationId), `Organization id "${o.organizationId ?? ''}" must look like o-abcd123456.`);
  if (o.accounts !== 'injected') {
    check(o.accounts.length > 0, 'Name at least one account, or let queries inject them.');
    for (const a of o.accounts) check(ACCOUNT.test(a), `Account "${a}" is not a 12-digit account id.`);
  }
  check(o.regions.length > 0, 'Name at least one region.');
  for (const r of o.regions) check(REGION.test(r), `Region "${r}" is not a region name such as eu-west-1.`);
  check(parseDay(o.firstDay) !== undefined, `First day "${o.firstDay}" must be a date written yyyy/MM/dd.`);
}

/** Builds the statement; throws {@link DdlInputError} for input it cannot use. */
export function buildTrailTableDdl(options: TrailTableDdlOptions): TrailTableDdl {
  validate(options);
  const trimmed = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const prefix = trimmed === '' ? '' : `${trimmed}/`;
  const root = `s3://${options.bucket}/${prefix}AWSLogs/${options.organizationId ? `${options.organizationId}/` : ''}`;
  const { account, region, date } = DEFAULT_PARTITIONS;
  const template = `${root}\${${account}}/CloudTrail/\${${region}}/\${${date}}`;
  const accounts = options.accounts === 'injected' ? undefined : [...new Set(options.accounts)];
  const regions = [...new Set(options.regions)];
  const properties: [string, string][] = [
    ['projection.enabled', 'true'],
    ...(accounts ? ([[`projection.${account}.type`, 'enum'], [`projection.${account}.values`, accounts.join(',')]] as [string, string][]) : [[`projection.${account}.type`, 'injected'] as [string, string]]),
    [`projection.${region}.type`, 'enum'],
    [`projection.${region}.values`, regions.join(',')],
    [`projection.${date}.type`, 'date'],
    [`projection.${date}.format`, 'yyyy/MM/dd'],
    [`projection.${date}.interval`, '1'],
    [`projection.${date}.interval.unit`, 'DAYS'],
    [`projection.${date}.range`, `${options.firstDay},NOW`],
    ['storage.location.template', template],
  ];
  const sql = [
    `CREATE EXTERNAL TABLE ${options.database}.${options.table}(`,
    TRAIL_COLUMNS.map((c) => `    ${c.name.toLowerCase()} ${hiveTypeText(c.type)}`).join(',\n'),
    ')',
    `PARTITIONED BY (\n   \`${account}\` string,\n   \`${region}\` string,\n   \`${date}\` string)`,
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION\n  '${root}'`,
    `TBLPROPERTIES (\n${properties.map(([k, v]) => `  '${k}'='${v}'`).join(',\n')})`,
  ].join('\n');
  const shape: TrailTableShape = {
    database: options.database,
    table: options.table,
    partitions: DEFAULT_PARTITIONS,
    accountProjection: accounts ? 'enum' : 'injected',
    ...(accounts ? { accounts } : {}),
    regions,
    firstDay: options.firstDay,
  };
  return { sql, location: root, template, shape };
}
