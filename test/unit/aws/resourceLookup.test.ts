import * as assert from 'node:assert/strict';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { lookupResource } from '../../../src/core/resourceLookup';
import { baseQuery, localSource, rawRecord, startServer } from './localEndpoint';

const DB_ARN = 'arn:aws:rds:eu-west-1:123456789012:db:orders-db';
const rds = (id: string, ago: number, name: string, opts: { db?: string; arn?: boolean; region?: string } = {}): Record<string, unknown> =>
  rawRecord({
    id,
    ago,
    name,
    source: 'rds.amazonaws.com',
    region: opts.region ?? 'eu-west-1',
    ...(opts.db ? { requestParameters: { dBInstanceIdentifier: opts.db } } : {}),
    ...(opts.arn ? { resources: [{ ARN: DB_ARN, type: 'AWS::RDS::DBInstance' }] } : {}),
  });

describe('aws/resourceLookup', () => {
  let server: LocalCloudTrail | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const query = { start: baseQuery().start, end: baseQuery().end, includeReadOnly: true, maxEvents: 100 };

  it('looks up every ResourceName candidate in the resource region, merged and de-duplicated', async () => {
    server = await startServer([
      rds('by-name', 10, 'DeleteDBInstance', { db: 'orders-db' }),
      rds('by-both', 20, 'ModifyDBInstance', { db: 'orders-db', arn: true }),
      rds('by-arn', 30, 'CreateDBSnapshot', { arn: true }),
      rds('other-db', 40, 'DeleteDBInstance', { db: 'other-db' }),
      rds('wrong-region', 50, 'DeleteDBInstance', { db: 'orders-db', region: 'us-east-1' }),
    ]);
    const result = await lookupResource(localSource(server), DB_ARN, query);
    assert.equal(result.region, 'eu-west-1');
    assert.deepEqual(result.candidates, ['orders-db', DB_ARN]);
    assert.deepEqual(
      result.events.map((e) => e.id),
      ['by-name', 'by-both', 'by-arn'],
    );
    assert.equal(result.stats.requests, 2);
    assert.deepEqual(server.stats.byRegion, { 'eu-west-1': 2 });
    assert.deepEqual(result.plan.server, { key: 'ResourceName', value: 'orders-db' });
  });

  it('looks up global resources in us-east-1 and applies extra filters', async () => {
    const iam = (id: string, ago: number, name: string): Record<string, unknown> =>
      rawRecord({ id, ago, name, source: 'iam.amazonaws.com', region: 'us-east-1', requestParameters: { userName: 'alice' } });
    server = await startServer([iam('i1', 10, 'DeleteLoginProfile'), iam('i2', 20, 'AttachUserPolicy'), iam('i3', 30, 'DeleteAccessKey')]);
    const result = await lookupResource(localSource(server), 'arn:aws:iam::123456789012:user/ops/alice', { ...query, fallbackRegion: 'eu-west-1', filters: [{ key: 'EventName', value: 'Delete*' }] });
    assert.equal(result.region, 'us-east-1');
    assert.deepEqual(
      result.events.map((e) => e.id),
      ['i1', 'i3'],
    );
  });

  it('bounds the merged events and loads more without repeats', async () => {
    const records = Array.from({ length: 70 }, (_, i) => rds(`n${String(i).padStart(3, '0')}`, i * 10, 'ModifyDBInstance', { db: 'orders-db', arn: i % 2 === 0 }));
    server = await startServer(records);
    const first = await lookupResource(localSource(server), DB_ARN, { ...query, maxEvents: 30 });
    assert.equal(first.events.length, 30);
    const seen = first.events.map((e) => e.id);
    let next = first.loadMore;
    while (next) {
      const more = await next();
      seen.push(...more.events.map((e) => e.id));
      next = more.loadMore;
    }
    assert.equal(seen.length, 70);
    assert.equal(new Set(seen).size, 70);
  });

  it('rejects text that is not an ARN with a clear message', async () => {
    server = await startServer([]);
    await assert.rejects(lookupResource(localSource(server), 'orders-db', query), /Not an ARN/);
  });
});
