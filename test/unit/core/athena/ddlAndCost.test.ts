import assert from 'node:assert/strict';
import { actualCost, billedBytes, estimateCost, formatUsd, MINIMUM_BILLED_BYTES } from '../../../../src/core/athena/cost';
import { buildTrailTableDdl, DdlInputError, type TrailTableDdlOptions } from '../../../../src/core/athena/createTableDdl';
import { planPartitions } from '../../../../src/core/athena/partitionPlan';
import { shapeFromMetadata } from '../../../../src/core/athena/trailTable';

const ORG: TrailTableDdlOptions = { database: 'security', table: 'cloudtrail_org', bucket: 'org-trail-bucket', organizationId: 'o-exampleorg1', accounts: ['111122223333', '444455556666'], regions: ['us-east-1', 'eu-west-1'], firstDay: '2025/06/01' };

describe('core/athena buildTrailTableDdl: the documented partition-projection table, for a whole bucket', () => {
  it('writes the documented columns, SerDe, input format and projection properties', () => {
    const { sql, location, template, shape } = buildTrailTableDdl(ORG);
    assert.match(sql, /^CREATE EXTERNAL TABLE security\.cloudtrail_org\(\n {4}eventversion STRING,\n {4}useridentity STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING, accesskeyid: STRING, username: STRING, onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>, sessioncontext: STRUCT<attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>, sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>, ec2roledelivery: STRING, webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING,STRING>>>>,\n/);
    for (const column of ['requestparameters STRING', 'resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>', 'tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>', 'eventcategory STRING']) {
      assert.ok(sql.includes(`    ${column}`), column);
    }
    assert.ok(sql.includes("ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\nSTORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\nOUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'"));
    assert.ok(sql.includes('PARTITIONED BY (\n   `account` string,\n   `region` string,\n   `timestamp` string)'));
    assert.equal(location, 's3://org-trail-bucket/AWSLogs/o-exampleorg1/');
    assert.equal(template, 's3://org-trail-bucket/AWSLogs/o-exampleorg1/${account}/CloudTrail/${region}/${timestamp}');
    for (const property of [
      "'projection.enabled'='true'",
      "'projection.account.type'='enum'",
      "'projection.account.values'='111122223333,444455556666'",
      "'projection.region.values'='us-east-1,eu-west-1'",
      "'projection.timestamp.type'='date'",
      "'projection.timestamp.format'='yyyy/MM/dd'",
      "'projection.timestamp.interval'='1'",
      "'projection.timestamp.interval.unit'='DAYS'",
      "'projection.timestamp.range'='2025/06/01,NOW'",
      `'storage.location.template'='${template}'`,
    ]) {
      assert.ok(sql.includes(property), property);
    }
    assert.deepEqual(shape.partitions, { date: 'timestamp', account: 'account', region: 'region' });
  });

  it('covers the account-trail layout, a key prefix and injected accounts', () => {
    const own = buildTrailTableDdl({ ...ORG, organizationId: undefined, prefix: '/security/logs/', accounts: 'injected' });
    assert.equal(own.location, 's3://org-trail-bucket/security/logs/AWSLogs/');
    assert.equal(own.template, 's3://org-trail-bucket/security/logs/AWSLogs/${account}/CloudTrail/${region}/${timestamp}');
    assert.ok(own.sql.includes("'projection.account.type'='injected'"));
    assert.ok(!own.sql.includes('projection.account.values'));
    assert.equal(own.shape.accountProjection, 'injected');
  });

  it('refuses values that would change the statement, naming the field', () => {
    const bad: [Partial<TrailTableDdlOptions>, RegExp][] = [
      [{ bucket: "b' LOCATION 'x" }, /Bucket/],
      [{ prefix: "logs'/" }, /Key prefix/],
      [{ prefix: '../other' }, /Key prefix/],
      [{ table: 'trail; DROP' }, /Table name/],
      [{ organizationId: 'o-${x}' }, /Organization id/],
      [{ accounts: ['1111'] }, /12-digit/],
      [{ accounts: [] }, /at least one account/],
      [{ regions: ["us-east-1'"] }, /Region/],
      [{ firstDay: '2025-06-01' }, /yyyy\/MM\/dd/],
      [{ firstDay: '2025/02/30' }, /yyyy\/MM\/dd/],
    ];
    for (const [patch, message] of bad) assert.throws(() => buildTrailTableDdl({ ...ORG, ...patch }), (err: unknown) => err instanceof DdlInputError && message.test(err.message), JSON.stringify(patch));
  });

  it('reads an existing table’s shape from its metadata', () => {
    const shape = shapeFromMetadata('db', 't', ['Account', 'Region', 'timestamp'], {
      'projection.timestamp.type': 'date',
      'projection.timestamp.range': '2024/01/01,NOW',
      'projection.account.type': 'injected',
      'projection.region.type': 'enum',
      'projection.region.values': 'us-east-1, eu-west-1',
    });
    assert.deepEqual(shape, { database: 'db', table: 't', partitions: { date: 'timestamp', account: 'account', region: 'region' }, accountProjection: 'injected', regions: ['us-east-1', 'eu-west-1'], firstDay: '2024/01/01' });
  });
});

describe('core/athena cost: $5 per TB scanned, 10 MB minimum, before and after', () => {
  it('bills at least 10 MB and rounds up to the megabyte', () => {
    assert.equal(billedBytes(0), MINIMUM_BILLED_BYTES);
    assert.equal(billedBytes(10 * 1024 * 1024 + 1), 11 * 1024 * 1024);
    const tb = actualCost(1024 ** 4);
    assert.equal(tb.usd, 5);
    assert.equal(tb.label, '1.0 TB scanned · $5.00');
    const small = actualCost(1234);
    assert.equal(small.usd, (10 / 1024 / 1024) * 5);
    assert.equal(small.label, '1.2 KB scanned · $0.000048');
    assert.equal(actualCost(5 * 1024 ** 3, true).usd, 0);
    assert.equal(actualCost(5 * 1024 ** 3, true).label, 'reused a previous result · $0');
    assert.equal(formatUsd(0.0123), '$0.012');
  });

  it('estimates from partitions × bytes per partition, labelled an estimate', () => {
    const shape = buildTrailTableDdl(ORG).shape;
    const now = Date.UTC(2026, 5, 1, 12);
    const plan = planPartitions(shape, { start: now - 7 * 86_400_000, end: now, regions: ['eu-west-1'], now });
    assert.equal(plan.days, 8);
    assert.equal(plan.selected, 8 * 2 * 1);
    assert.equal(plan.total, 366 * 2 * 2);
    const estimate = estimateCost(plan, 50 * 1024 * 1024);
    assert.equal(estimate?.estimate, true);
    assert.equal(estimate.scannedBytes, 16 * 50 * 1024 * 1024);
    assert.equal(estimate.label, '≈ 800.0 MB scanned · ≈ $0.0038 (estimate)');
    assert.equal(estimateCost({ ...plan, selected: undefined }), undefined);
  });
});
