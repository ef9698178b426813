import assert from 'node:assert/strict';
import { AthenaCompileError, compileEventQuery, compileRawRecordQuery, eventTimeText, type AthenaEventQuery } from '../../../../src/core/athena/compileQuery';
import { buildTrailTableDdl } from '../../../../src/core/athena/createTableDdl';
import { recordFromRow } from '../../../../src/core/athena/resultColumns';
import { SqlTextError, stringLiteral, wildcardToLike } from '../../../../src/core/athena/sqlText';
import { shapeFromMetadata, type TrailTableShape } from '../../../../src/core/athena/trailTable';
import { getInvestigation } from '../../../../src/core/investigations';

const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const DAY = 86_400_000;
const SHAPE = buildTrailTableDdl({ database: 'security', table: 'trail', bucket: 'b-bucket', organizationId: 'o-abcdefghij', accounts: ['111111111111', '222222222222'], regions: ['us-east-1', 'eu-west-1'], firstDay: '2025/01/01' }).shape;

function q(overrides: Partial<AthenaEventQuery> = {}): AthenaEventQuery {
  return { regions: [], filters: [], start: NOW - 7 * DAY, end: NOW, includeReadOnly: true, maxEvents: 100, ...overrides };
}

function where(sql: string): string {
  return sql.slice(sql.indexOf('\nWHERE ') + 7, sql.indexOf('\nORDER BY'));
}

describe('core/athena compileEventQuery: the SQL text', () => {
  it('names the date partitions of the range (widened by the delivery lag) and compares event times as text', () => {
    const { sql, partitions } = compileEventQuery(q({ start: Date.UTC(2026, 10, 14, 23, 30), end: Date.UTC(2026, 10, 20, 23, 0) }), SHAPE, { now: NOW });
    assert.match(sql, /^SELECT .+\nFROM "security"\."trail"\nWHERE /s);
    assert.deepEqual(where(sql).split('\n  AND '), [
      `"timestamp" BETWEEN '2026/11/14' AND '2026/11/21'`,
      `"eventtime" >= '2026-11-14T23:30:00Z'`,
      `"eventtime" <= '2026-11-20T23:00:00Z'`,
    ]);
    assert.equal(partitions.days, 8);
    assert.match(sql, /\nORDER BY "eventtime" DESC, "eventid" ASC$/);
  });

  it('prunes accounts and regions as partitions, or as columns on a table without those partitions', () => {
    const both = compileEventQuery(q({ regions: ['eu-west-1', 'us-east-1', 'eu-west-1'], accounts: ['111111111111'] }), SHAPE, { now: NOW });
    assert.ok(where(both.sql).includes(`"account" = '111111111111'`));
    assert.ok(where(both.sql).includes(`"region" IN ('eu-west-1', 'us-east-1')`));
    assert.equal(both.partitions.selected, 8 * 1 * 2);
    const single: TrailTableShape = shapeFromMetadata('default', 'cloudtrail_logs_pp', ['timestamp'], { 'projection.timestamp.type': 'date', 'projection.timestamp.range': '2020/01/01,NOW' });
    const other = compileEventQuery(q({ regions: ['eu-west-1'], accounts: ['111111111111'] }), single, { now: NOW });
    assert.ok(where(other.sql).includes(`"recipientaccountid" = '111111111111'`));
    assert.ok(where(other.sql).includes(`"awsregion" = 'eu-west-1'`));
  });

  it('selects only the summary columns, resources as JSON, responseElements only for sign-ins, partition values', () => {
    const { sql } = compileEventQuery(q(), SHAPE, { now: NOW });
    const select = sql.slice(7, sql.indexOf('\nFROM'));
    assert.ok(!select.includes('"requestparameters"'), 'request parameters are fetched with the raw record only');
    assert.match(select, /CAST\("resources" AS JSON\) AS "resources"/);
    assert.match(select, /CASE WHEN "eventname" = 'ConsoleLogin' THEN "responseelements" END AS "responseelements"/);
    assert.match(select, /"useridentity"\."sessioncontext"\."sessionissuer"\."arn" AS "useridentity\.sessioncontext\.sessionissuer\.arn"/);
    assert.match(select, /"account" AS "\$partition\.account", "region" AS "\$partition\.region", "timestamp" AS "\$partition\.timestamp"$/);
  });

  it('compiles every lookup attribute, exact and with * wildcards', () => {
    const cases: [AthenaEventQuery['filters'][number], string][] = [
      [{ key: 'EventId', value: 'e-1' }, `"eventid" = 'e-1'`],
      [{ key: 'EventName', value: 'Delete*' }, `"eventname" LIKE 'Delete%' ESCAPE '\\'`],
      [{ key: 'EventSource', value: 'iam.amazonaws.com' }, `"eventsource" = 'iam.amazonaws.com'`],
      [{ key: 'AccessKeyId', value: 'AKIA*' }, `"useridentity"."accesskeyid" LIKE 'AKIA%' ESCAPE '\\'`],
      [{ key: 'ReadOnly', value: 'false' }, `COALESCE("readonly", 'false') = 'false'`],
      [{ key: 'ResourceType', value: 'AWS::S3::Bucket' }, `filter("resources", r -> r."type" = 'AWS::S3::Bucket') <> ARRAY[]`],
      [
        { key: 'ResourceName', value: 'orders-prod-db' },
        `(filter("resources", r -> r."arn" = 'orders-prod-db') <> ARRAY[] OR strpos("requestparameters", '"orders-prod-db"') > 0 OR strpos("responseelements", '"orders-prod-db"') > 0)`,
      ],
      [
        { key: 'Username', value: 'dave.ops' },
        `("useridentity"."username" = 'dave.ops' OR "useridentity"."arn" LIKE '%/dave.ops' ESCAPE '\\' OR "useridentity"."principalid" LIKE '%:dave.ops' ESCAPE '\\' OR strpos("additionaleventdata", '"dave.ops"') > 0)`,
      ],
    ];
    for (const [filter, expected] of cases) {
      const { sql, localFilters } = compileEventQuery(q({ filters: [filter] }), SHAPE, { now: NOW });
      assert.equal(where(sql).split('\n  AND ').at(-1), expected, filter.key);
      assert.deepEqual(localFilters, filter.key === 'Username' ? [filter] : []);
    }
  });

  it('adds the read-only and errors-only switches and an investigation’s match', () => {
    const destructive = getInvestigation('destructiveActions').match;
    const { sql } = compileEventQuery(q({ includeReadOnly: false, errorsOnly: true, match: { ...destructive, principalTypes: ['Root'] } }), SHAPE, { now: NOW, limit: 500 });
    const parts = where(sql).split('\n  AND ');
    assert.ok(parts.includes(`("readonly" IS NULL OR "readonly" <> 'true')`));
    assert.ok(parts.includes(`("errorcode" IS NOT NULL AND "errorcode" <> '')`));
    assert.ok(parts.some((p) => p.startsWith(`("eventname" LIKE 'Delete%' ESCAPE '\\' OR "eventname" LIKE 'Terminate%' ESCAPE '\\'`) && p.includes(`"eventname" = 'ScheduleKeyDeletion'`)));
    assert.ok(parts.includes(`"useridentity"."type" = 'Root'`));
    assert.match(sql, /\nLIMIT 500$/);
  });

  it('keeps attacker-controlled values inside their literals: quotes doubled, LIKE characters escaped', () => {
    const hostile = ["x' OR '1'='1", "'; DROP TABLE trail; --", 'a\\b', '50%_off', '"quoted"', 'ünï©ødé ✓'];
    for (const value of hostile) {
      const { sql } = compileEventQuery(q({ filters: [{ key: 'EventName', value }, { key: 'ResourceName', value: `${value}*` }] }), SHAPE, { now: NOW });
      const literals = [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1]).replaceAll("''", "'"));
      assert.ok(literals.includes(value), `the value is one literal: ${value}`);
      // Outside literals, only the compiler's own text remains.
      const outside = sql.replace(/'((?:[^']|'')*)'/g, "''");
      assert.ok(!outside.includes('DROP') && !outside.includes('OR \'1'), outside);
    }
    assert.equal(wildcardToLike('50%_off*\\'), '50\\%\\_off%\\\\');
    assert.equal(stringLiteral("it's"), "'it''s'");
    assert.throws(() => stringLiteral('a\u0000b'), SqlTextError);
  });

  it('refuses what the table cannot answer, with the reason', () => {
    assert.throws(() => compileEventQuery(q({ category: 'insight' }), SHAPE, { now: NOW }), AthenaCompileError);
    assert.throws(() => compileEventQuery(q({ accounts: ["1' OR 1=1"] }), SHAPE, { now: NOW }), /not a 12-digit account id/);
    assert.throws(() => compileEventQuery(q({ start: NOW, end: NOW - 1 }), SHAPE, { now: NOW }), /time range is invalid/);
    const injected = buildTrailTableDdl({ database: 'security', table: 'trail', bucket: 'b-bucket', accounts: 'injected', regions: ['us-east-1'], firstDay: '2025/01/01' }).shape;
    assert.throws(() => compileEventQuery(q(), injected, { now: NOW }), /injects accounts: name the accounts/);
    assert.ok(compileEventQuery(q({ accounts: ['111111111111'] }), injected, { now: NOW }).sql.includes(`"account" = '111111111111'`));
  });

  it('writes the raw-record query by event id in the event’s partitions', () => {
    const sql = compileRawRecordQuery({ eventId: "id'1", time: Date.UTC(2026, 10, 20, 23, 50), account: '111111111111', region: 'eu-west-1' }, SHAPE);
    assert.match(sql, /^SELECT "eventversion" AS "eventversion", CAST\("useridentity" AS JSON\) AS "useridentity", /);
    assert.match(sql, /CAST\("resources" AS JSON\) AS "resources"/);
    assert.ok(sql.endsWith(`WHERE "timestamp" BETWEEN '2026/11/20' AND '2026/11/21'\n  AND "account" = '111111111111'\n  AND "region" = 'eu-west-1'\n  AND "eventid" = 'id''1'\nLIMIT 1`));
    assert.equal(eventTimeText(Date.UTC(2026, 0, 2, 3, 4, 5, 999)), '2026-01-02T03:04:05Z');
  });
});

describe('core/athena recordFromRow: result rows back into CloudTrail records', () => {
  it('rebuilds nested fields with CloudTrail’s spellings, parses JSON columns, restores readOnly', () => {
    const record = recordFromRow({
      eventid: 'e1',
      readonly: 'false',
      'useridentity.principalid': 'AIDA1',
      'useridentity.sessioncontext.sessionissuer.arn': 'arn:aws:iam::1:role/r',
      resources: '[{"arn":"arn:aws:s3:::b","accountid":"1","type":"AWS::S3::Bucket"}]',
      additionaleventdata: '{"MFAUsed":"No"}',
      useragent: null,
      '$partition.account': '111111111111',
    });
    assert.deepEqual(record, {
      eventID: 'e1',
      readOnly: false,
      userIdentity: { principalId: 'AIDA1', sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::1:role/r' } } },
      resources: [{ ARN: 'arn:aws:s3:::b', accountId: '1', type: 'AWS::S3::Bucket' }],
      additionalEventData: { MFAUsed: 'No' },
    });
  });

  it('accepts structs cast to JSON as objects (Trino) or positional arrays (older engines)', () => {
    const asObject = recordFromRow({ useridentity: '{"type":"Root","principalid":"1","arn":"arn:aws:iam::1:root"}' });
    const asArray = recordFromRow({ useridentity: '["Root","1","arn:aws:iam::1:root",null,null,null,null,null,null]' });
    assert.deepEqual(asObject, { userIdentity: { type: 'Root', principalId: '1', arn: 'arn:aws:iam::1:root' } });
    assert.deepEqual(asArray, asObject);
  });
});
