import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../src/core/event';
import { planQueryFilters } from '../../../src/core/filters';
import { buildInvestigation, getInvestigation, matchesInvestigation, type InvestigationId } from '../../../src/core/investigations';
import { describeScan } from '../../../src/core/scanDescription';
import { sampleRecords } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DAY = 86_400_000;
const CONTEXT = { now: NOW, regions: ['us-east-1'], maxEvents: 500 };

function built(id: InvestigationId, days: number) {
  const result = buildInvestigation(getInvestigation(id), { start: NOW - days * DAY, end: NOW }, CONTEXT);
  if (!result.ok) assert.fail(result.message);
  return result;
}

const serverFilters = (id: InvestigationId, days = 7) => built(id, days).queries.map((q) => planQueryFilters(q).server);

describe('core/investigations: the most selective server attribute each allows', () => {
  it('root activity sends Username=root to the server (it used to scan every event)', () => {
    assert.deepEqual(serverFilters('rootActivity'), [{ key: 'Username', value: 'root' }]);
    assert.deepEqual(planQueryFilters(built('rootActivity', 7).query).server, { key: 'Username', value: 'root' });
  });

  it('root activity still matches the real root records (LookupEvents reports their Username as root)', () => {
    // awsdocs/aws-cloudtrail-user-guide console sign-in events (root ConsoleLogin) and CloudWatch PutMetricAlarm by root.
    const roots = [
      ...sampleRecords({ source: 'cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8', eventName: 'ConsoleLogin', where: (r) => (r.userIdentity as { type?: string }).type === 'Root' }),
      ...sampleRecords({ source: 'amazon-cloudwatch-user-guide', eventName: 'PutMetricAlarm' }),
    ];
    const { match } = built('rootActivity', 7);
    for (const record of roots) {
      const result = normalizeRecord(record);
      assert.ok(result.ok);
      assert.equal(result.event.principal.userName, 'root');
      assert.ok(matchesInvestigation(result.event, match));
    }
  });

  it('logging tampering asks for each CloudTrail tampering event name, not every CloudTrail event', () => {
    const filters = serverFilters('loggingTampering', 30);
    assert.deepEqual(
      filters.map((f) => f?.key),
      filters.map(() => 'EventName'),
    );
    assert.deepEqual(
      filters.map((f) => f?.value),
      ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors', 'DeleteEventDataStore', 'UpdateEventDataStore', 'StopEventDataStoreIngestion'],
    );
  });

  it('keeps the already selective ones: IAM by EventSource, sign-ins by EventName, destructive by ReadOnly=false', () => {
    assert.deepEqual(serverFilters('iamChanges'), [{ key: 'EventSource', value: 'iam.amazonaws.com' }]);
    assert.deepEqual(serverFilters('consoleSignIns'), [{ key: 'EventName', value: 'ConsoleLogin' }]);
    assert.deepEqual(serverFilters('destructiveActions'), [{ key: 'ReadOnly', value: 'false' }]);
    assert.deepEqual(serverFilters('accessDenied'), [undefined], 'no lookup attribute can select failed calls');
  });

  it('a single-query investigation has queries = [query]', () => {
    const root = built('rootActivity', 7);
    assert.deepEqual(root.queries, [root.query]);
  });
});

describe('core/scanDescription: what was scanned, for an empty result', () => {
  it('names the window, the regions and the server attribute', () => {
    const root = built('rootActivity', 7);
    assert.equal(describeScan(root.queries, { events: 0, requests: 1 }), 'scanned 7 days of us-east-1 for Username=root: 0 events');
  });

  it('lists the values of a union and counts the requests', () => {
    const tamper = built('loggingTampering', 30);
    assert.equal(
      describeScan(tamper.queries, { events: 0, requests: 8 }),
      'scanned 30 days of us-east-1 for EventName=StopLogging, DeleteTrail, UpdateTrail, PutEventSelectors, PutInsightSelectors, DeleteEventDataStore, UpdateEventDataStore or StopEventDataStoreIngestion: 0 events (8 requests)',
    );
  });

  it('says when nothing could narrow the scan, and what was kept locally', () => {
    const denied = built('accessDenied', 1);
    assert.equal(describeScan(denied.queries, { events: 0, requests: 43 }, denied.match), 'scanned 24 hours of us-east-1, every event (no lookup attribute selects these), keeping failed calls with AccessDenied*, *AccessDenied, *UnauthorizedOperation, UnauthorizedAccess, Forbidden* or AuthFailure: 0 events (43 requests)');
  });

  it('several regions, hours, an archive (every region), one event', () => {
    const q = { regions: ['eu-west-1', 'us-east-1'], filters: [{ key: 'Username' as const, value: 'alice' }], start: NOW - 3 * 3_600_000, end: NOW, includeReadOnly: true, maxEvents: 10 };
    assert.equal(describeScan([q], { events: 1, requests: 2 }), 'scanned 3 hours of eu-west-1 and us-east-1 for Username=alice: 1 event (2 requests)');
    assert.equal(describeScan([{ ...q, regions: [] }]), 'scanned 3 hours of every region for Username=alice');
    assert.equal(describeScan([{ ...q, start: NOW - 90 * 60_000 }], { events: 2, requests: 1 }), 'scanned 90 minutes of eu-west-1 and us-east-1 for Username=alice: 2 events');
  });

  it('never throws for odd input', () => {
    assert.equal(describeScan([]), 'scanned nothing');
    const odd = { regions: ['us-east-1'], filters: [], start: Number.NaN, end: NOW, includeReadOnly: true, maxEvents: 1 };
    assert.equal(describeScan([odd]), 'scanned an empty window of us-east-1, every event (no lookup attribute selects these)');
  });
});
