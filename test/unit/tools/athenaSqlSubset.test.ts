/**
 * The SQL subset the Athena compiler writes, run construct by construct on DuckDB (the local
 * endpoint's engine). Each expression comes from the compiler's own helpers, over a table shaped
 * like the endpoint's view of trail files: lower-case columns, structs with CloudTrail's spellings.
 * Its Trino side is checked in test/unit/core/athena/trinoRules.test.ts.
 */
import assert from 'node:assert/strict';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadDuckDb } from '../../../tools/local-athena/loadDuckDb';
import { filterPredicate, matchPredicates } from '../../../src/core/athena/compileFilters';
import { pathExpression, selectList, summarySelections } from '../../../src/core/athena/resultColumns';
import { inList, likeExpression, matchExpression, qualifiedName, quoteIdentifier, stringLiteral, wildcardToLike } from '../../../src/core/athena/sqlText';
import { recordFromRow } from '../../../src/core/athena/resultColumns';

const ROWS = [
  { id: 'e1', name: 'DeleteDBInstance', time: '2026-11-20T23:50:00Z', day: '2026/11/20', user: 'dave.ops', arn: 'arn:aws:iam::1:user/dave.ops', ro: 'false', err: null, req: '{"dBInstanceIdentifier":"orders-prod-db"}', res: "[{'ARN': 'arn:aws:rds:eu-west-1:1:db:orders-prod-db', 'accountId': '1', 'type': 'AWS::RDS::DBInstance'}]" },
  { id: "e'2", name: 'Delete_Thing', time: '2026-11-21T00:10:00Z', day: '2026/11/21', user: "o'brien", arn: "arn:aws:sts::1:assumed-role/r/o'brien", ro: 'true', err: 'AccessDenied', req: '{"a":"50%_off"}', res: '[]' },
  { id: 'e3', name: 'ConsoleLogin', time: '2026-11-22T01:00:00Z', day: '2026/11/22', user: null, arn: null, ro: null, err: '', req: null, res: 'NULL' },
];

const OTHER_COLUMNS = ['eventversion', 'eventsource', 'awsregion', 'sourceipaddress', 'useragent', 'errormessage', 'requestid', 'eventtype', 'recipientaccountid', 'vpcendpointid', 'eventcategory', 'sessioncredentialfromconsole'];

describe('Athena SQL subset on DuckDB, construct by construct', () => {
  let db: DuckDBInstance;
  let c: DuckDBConnection;
  const ids = async (whereSql: string): Promise<string[]> => {
    const reader = await c.runAndReadAll(`SELECT "eventid" FROM "security"."trail" WHERE ${whereSql} ORDER BY "eventid"`);
    return reader.getRowsJson().map((r) => (typeof r[0] === 'string' ? r[0] : JSON.stringify(r[0]))).sort();
  };

  before(async () => {
    db = await (await loadDuckDb()).DuckDBInstance.create(':memory:');
    c = await db.connect();
    await c.run('CREATE SCHEMA security');
    const selects = ROWS.map(
      (r) =>
        `SELECT ${stringLiteral(r.id)} AS eventid, ${stringLiteral(r.name)} AS eventname, ${stringLiteral(r.time)} AS eventtime, ${stringLiteral(r.day)} AS "timestamp", ` +
        `'eu-west-1' AS region, '111111111111' AS account, ${r.ro === null ? 'NULL' : stringLiteral(r.ro)} AS readonly, ${r.err === null ? 'NULL' : stringLiteral(r.err)} AS errorcode, ` +
        `${r.req === null ? 'NULL' : stringLiteral(r.req)} AS requestparameters, NULL::VARCHAR AS responseelements, NULL::VARCHAR AS additionaleventdata, ` +
        `{'type': 'IAMUser', 'principalId': 'P', 'userName': ${r.user === null ? 'NULL' : stringLiteral(r.user)}, 'arn': ${r.arn === null ? 'NULL' : stringLiteral(r.arn)}, 'accessKeyId': 'AKIA1', ` +
        `'accountId': '1', 'invokedBy': NULL::VARCHAR, 'onBehalfOf': {'userId': NULL::VARCHAR, 'identityStoreArn': NULL::VARCHAR}, ` +
        `'sessionContext': {'attributes': {'mfaAuthenticated': 'false', 'creationDate': NULL::VARCHAR}, ` +
        `'sessionIssuer': {'type': NULL::VARCHAR, 'principalId': NULL::VARCHAR, 'arn': NULL::VARCHAR, 'accountId': NULL::VARCHAR, 'userName': NULL::VARCHAR}}} AS useridentity, ` +
        `CAST(${r.res} AS STRUCT("ARN" VARCHAR, "accountId" VARCHAR, "type" VARCHAR)[]) AS resources, ` +
        OTHER_COLUMNS.map((name) => `NULL::VARCHAR AS ${name}`).join(', '),
    );
    await c.run(`CREATE TABLE security.trail AS ${selects.join(' UNION ALL ')}`);
  });
  after(() => {
    c.closeSync();
    db.closeSync();
  });

  it('delimited identifiers are case-insensitive and may be keywords; qualified names; doubled quotes', async () => {
    assert.deepEqual(await ids(`${quoteIdentifier('EventName')} = 'ConsoleLogin'`), ['e3'].sort());
    assert.deepEqual(await ids(`${quoteIdentifier('timestamp')} = '2026/11/20'`), ['e1'].sort());
    const reader = await c.runAndReadAll(`SELECT 1 AS ${quoteIdentifier('odd"alias.$x')} FROM ${qualifiedName('security', 'trail')} LIMIT 1`);
    assert.deepEqual(reader.columnNames(), ['odd"alias.$x']);
  });

  it('string literals double their quotes; backslashes are plain characters', async () => {
    assert.deepEqual(await ids(`"eventid" = ${stringLiteral("e'2")}`), ["e'2"].sort());
    const reader = await c.runAndReadAll(`SELECT length(${stringLiteral('a\\b')}) AS n`);
    assert.equal(reader.getRowsJson()[0]?.[0], '3');
  });

  it('LIKE … ESCAPE \'\\\' with * wildcards; % and _ in values match only themselves', async () => {
    assert.deepEqual(await ids(likeExpression('"eventname"', wildcardToLike('Delete*'))), ['e1', "e'2"].sort());
    assert.deepEqual(await ids(matchExpression('"eventname"', 'Delete_*')), ["e'2"].sort());
    assert.deepEqual(await ids(likeExpression('"requestparameters"', `%${wildcardToLike('50%_off')}%`)), ["e'2"].sort());
    assert.deepEqual(await ids(likeExpression('"requestparameters"', `%${wildcardToLike('50_%off')}%`)), [].sort());
  });

  it('varchar BETWEEN on the yyyy/MM/dd partition and >= / <= on ISO event times', async () => {
    assert.deepEqual(await ids(`"timestamp" BETWEEN '2026/11/20' AND '2026/11/21'`), ['e1', "e'2"].sort());
    assert.deepEqual(await ids(`"eventtime" >= '2026-11-21T00:00:00Z' AND "eventtime" <= '2026-11-22T01:00:00Z'`), ["e'2", 'e3'].sort());
  });

  it('IN lists, IS NULL, <>, COALESCE', async () => {
    assert.deepEqual(await ids(inList('"eventname"', ['ConsoleLogin', 'DeleteDBInstance'])), ['e1', 'e3'].sort());
    assert.deepEqual(await ids(`("readonly" IS NULL OR "readonly" <> 'true')`), ['e1', 'e3'].sort());
    assert.deepEqual(await ids(filterPredicate({ key: 'ReadOnly', value: 'false' })), ['e1', 'e3'].sort());
    assert.deepEqual(await ids(`("errorcode" IS NOT NULL AND "errorcode" <> '')`), ["e'2"].sort());
  });

  it('struct field paths, filter(array, r -> …) <> ARRAY[] with row fields, strpos', async () => {
    assert.deepEqual(await ids(`${pathExpression('useridentity.sessioncontext.attributes.mfaauthenticated')} = 'false'`), ['e1', "e'2", 'e3'].sort());
    assert.deepEqual(await ids(filterPredicate({ key: 'ResourceType', value: 'AWS::RDS::*' })), ['e1'].sort());
    assert.deepEqual(await ids(filterPredicate({ key: 'ResourceName', value: 'arn:aws:rds:eu-west-1:1:db:orders-prod-db' })), ['e1'].sort());
    assert.deepEqual(await ids(filterPredicate({ key: 'ResourceName', value: 'orders-prod-db' })), ['e1'].sort());
    assert.deepEqual(await ids(filterPredicate({ key: 'Username', value: "o'brien" })), ["e'2"].sort());
    assert.deepEqual(await ids(matchPredicates({ eventNames: ['Delete*', 'ConsoleLogin'] }).join(' AND ')), ['e1', "e'2", 'e3'].sort());
  });

  it('CAST(array of rows AS JSON), CASE WHEN, ORDER BY … DESC, LIMIT, and the summary selection as a whole', async () => {
    const reader = await c.runAndReadAll(
      `SELECT ${selectList(summarySelections(['account', 'region', 'timestamp']))} FROM "security"."trail" ORDER BY "eventtime" DESC, "eventid" ASC LIMIT 2`,
    );
    const rows = reader.getRowObjectsJson() as Record<string, string | null>[];
    assert.deepEqual(
      rows.map((r) => r.eventid),
      ['e3', "e'2"],
    );
    const first = (await c.runAndReadAll(`SELECT ${selectList(summarySelections([]))} FROM "security"."trail" WHERE "eventid" = 'e1'`)).getRowObjectsJson()[0] as Record<string, string | null>;
    assert.deepEqual(recordFromRow(first).resources, [{ ARN: 'arn:aws:rds:eu-west-1:1:db:orders-prod-db', accountId: '1', type: 'AWS::RDS::DBInstance' }]);
    assert.equal(first.responseelements, null, 'responseElements only for ConsoleLogin');
  });
});
