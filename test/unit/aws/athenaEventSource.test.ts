import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { createArchiveEventSource } from '../../../src/archive/archiveEventSource';
import { AthenaQueryError } from '../../../src/aws/athena/athenaErrors';
import type { AthenaProgress } from '../../../src/aws/athena/athenaEventSource';
import { normalizeRecord } from '../../../src/core/event';
import { buildInvestigation, getInvestigation, matchesInvestigation, refineResult, type InvestigationId } from '../../../src/core/investigations';
import type { EventQuery } from '../../../src/core/query';
import { startAthenaFixture, type AthenaFixture } from '../tools/athenaFixture';
import { NOW, SAMPLE } from '../tools/toolsTestSupport';

const { records, story } = SAMPLE;
const DAY = 86_400_000;

function query(overrides: Partial<EventQuery> = {}): EventQuery {
  return { regions: [], filters: [], start: NOW - 7 * DAY, end: NOW, includeReadOnly: true, maxEvents: 10_000, ...overrides };
}

describe('Athena event source on the local Athena endpoint (real SDK, DuckDB over the sample trail)', function () {
  this.timeout(60_000);
  let fx: AthenaFixture;

  before(async () => {
    fx = await startAthenaFixture();
  });
  after(async () => {
    await fx.close();
  });

  it('answers "who deleted the DB in the last 7 days" with the DeleteDBInstance call, scanning only eu-west-1’s week', async () => {
    const source = fx.source();
    const result = await source.query({ ...query({ regions: ['eu-west-1'], includeReadOnly: false }), filters: [{ key: 'ResourceName', value: story.dbInstanceId }] });
    assert.deepEqual(
      result.events.map((e) => e.id),
      [story.eventIds.deleteDbInstance],
    );
    const [event] = result.events;
    assert.equal(event.principal.userName, story.iamUserName);
    assert.equal(event.sourceIp, story.attackerIp);
    // The bytes scanned are exactly the files of the named partitions (region eu-west-1, the days of the range).
    const days = new Set(Array.from({ length: 9 }, (_, i) => new Date(NOW - 7 * DAY + i * DAY).toISOString().slice(0, 10).replaceAll('-', '/')));
    const expected = fx.layout.files.filter((f) => f.includes('/CloudTrail/eu-west-1/') && days.has(/(\d{4}\/\d{2}\/\d{2})\/[^/]+$/.exec(f)?.[1] ?? '')).reduce((sum, f) => sum + statSync(f).size, 0);
    assert.equal(result.athena.cost?.scannedBytes, expected);
    assert.ok(expected < fx.layout.bytes / 4, `${expected} of ${fx.layout.bytes}`);
    assert.equal(result.athena.cost.estimate, false);
    assert.ok(result.athena.estimate?.estimate);
    assert.match(result.athena.sql, /"region" = 'eu-west-1'/);
  });

  for (const id of ['consoleSignIns', 'destructiveActions', 'loggingTampering', 'accessDenied', 'iamChanges', 'rootActivity'] as InvestigationId[]) {
    it(`runs the ${id} investigation with the same events as the trail files on disk`, async () => {
      const built = buildInvestigation(getInvestigation(id), { start: NOW - 30 * DAY, end: NOW }, { now: NOW, regions: [], maxEvents: 10_000 });
      assert.ok(built.ok);
      const athena = await fx.source().query({ ...built.query, ...(built.match ? { match: built.match } : {}) });
      const archive = await createArchiveEventSource([fx.dir]);
      const onDisk = refineResult(await archive.query(built.query), (e) => matchesInvestigation(e, built.match));
      const ids = (r: { events: readonly { id: string }[] }): string[] => r.events.map((e) => e.id).sort();
      assert.deepEqual(ids(athena), ids(onDisk));
      if (id === 'consoleSignIns') {
        assert.equal(athena.events.filter((e) => e.errorCode !== undefined || (e.raw.responseElements as Record<string, unknown> | undefined)?.ConsoleLogin === 'Failure').length, story.failedLoginCount);
        assert.ok(athena.events.some((e) => e.id === story.eventIds.consoleLoginSuccess));
      }
      if (id === 'loggingTampering') assert.ok(athena.events.some((e) => e.id === story.eventIds.stopLogging));
      if (id !== 'rootActivity') assert.ok(athena.events.length > 0, 'the story has such events');
    });
  }

  it('finds a role session by user name (derived, re-checked locally) and wildcards as LIKE', async () => {
    const source = fx.source();
    const bySession = await source.query(query({ start: NOW - 45 * DAY, filters: [{ key: 'Username', value: story.deploySessionName }] }));
    const expected = records
      .map((r) => normalizeRecord(r))
      .filter((r) => r.ok && r.event.principal.userName === story.deploySessionName && r.event.time >= NOW - 45 * DAY)
      .map((r) => (r.ok ? r.event.id : ''));
    assert.deepEqual(bySession.events.map((e) => e.id).sort(), expected.sort());
    assert.ok(expected.length > 0);
    const wild = await source.query(query({ filters: [{ key: 'EventName', value: 'Delete*Instance' }] }));
    assert.ok(wild.events.some((e) => e.id === story.eventIds.deleteDbInstance));
    assert.ok(wild.events.every((e) => /^Delete.*Instance$/.test(e.name)));
    // `_` is not a wildcard for the user: it matches only itself.
    const underscore = await source.query(query({ filters: [{ key: 'EventName', value: 'Delete_BInstance' }] }));
    assert.equal(underscore.events.length, 0);
  });

  it('treats hostile filter values as text: no injection, the query still succeeds', async () => {
    const source = fx.source();
    for (const value of ["x' OR '1'='1", "DeleteDBInstance' --", '%', "\\' OR 1=1 --", 'a"b\\c']) {
      const result = await source.query(query({ filters: [{ key: 'EventName', value }] }));
      assert.equal(result.events.length, 0, value);
      const byResource = await source.query(query({ filters: [{ key: 'ResourceName', value }] }));
      assert.equal(byResource.events.length, 0, value);
    }
  });

  it('pages through GetQueryResults for "load more" without running the query again', async () => {
    const source = fx.source({ pageSize: 7 });
    const q = query({ regions: ['us-east-1'], start: NOW - 2 * DAY, maxEvents: 10 });
    const starts = fx.server.stats.requests.StartQueryExecution ?? 0;
    const pagesBefore = fx.server.stats.requests.GetQueryResults ?? 0;
    let result = await source.query(q);
    const ids = result.events.map((e) => e.id);
    assert.equal(ids.length, 10);
    while (result.loadMore) {
      result = (await result.loadMore()) as typeof result;
      ids.push(...result.events.map((e) => e.id));
    }
    const expected = records.filter((r) => r.awsRegion === 'us-east-1' && Date.parse(String(r.eventTime)) >= NOW - 2 * DAY && r.eventCategory !== 'Insight');
    assert.equal(new Set(ids).size, ids.length, 'no duplicates across pages');
    assert.deepEqual([...ids].sort(), expected.map((r) => String(r.eventID)).sort());
    assert.equal((fx.server.stats.requests.StartQueryExecution ?? 0) - starts, 1, 'one query, many pages');
    assert.ok((fx.server.stats.requests.GetQueryResults ?? 0) - pagesBefore >= Math.ceil(expected.length / 7));
  });

  it('reports reading results with the rows read after SUCCEEDED, page by page, so the status bar does not sit on SUCCEEDED', async () => {
    const source = fx.source({ pageSize: 7, reuseMaxAgeMinutes: 0 });
    const progress: AthenaProgress[] = [];
    const result = await source.query(query({ regions: ['us-east-1'], start: NOW - 2 * DAY, maxEvents: 50 }), { onAthenaProgress: (p) => progress.push(p) });
    const pages = progress.filter((p) => p.rowsRead !== undefined);
    assert.ok(pages.length >= 2, `one report per results page, got ${String(pages.length)}`);
    const rows = pages.map((p) => p.rowsRead ?? 0);
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b), 'rows read only grow');
    assert.ok((rows.at(-1) ?? 0) >= result.events.length);
    assert.ok(pages.every((p) => p.queryExecutionId === result.athena.queryExecutionId && p.state === 'SUCCEEDED'));
    const firstPage = progress.indexOf(pages[0]);
    assert.ok(progress.slice(0, firstPage).some((p) => p.state === 'SUCCEEDED' && p.rowsRead === undefined), 'pages are read after the query succeeded');
  });

  it('cancels a running query through StopQueryExecution and reports the states it went through', async () => {
    fx.server.setOptions({ runningMs: 10_000 });
    try {
      const controller = new AbortController();
      const states: AthenaProgress[] = [];
      const stopsBefore = fx.server.stats.requests.StopQueryExecution ?? 0;
      const started = Date.now();
      const result = await fx.source({ reuseMaxAgeMinutes: 0 }).query(query(), {
        signal: controller.signal,
        onAthenaProgress: (p) => {
          states.push(p);
          if (p.state === 'RUNNING') controller.abort();
        },
      });
      assert.equal(result.cancelled, true);
      assert.deepEqual(result.events, []);
      assert.ok(Date.now() - started < 5000);
      assert.equal((fx.server.stats.requests.StopQueryExecution ?? 0) - stopsBefore, 1);
      const id = result.athena.queryExecutionId ?? '';
      assert.equal(fx.server.execution(id)?.state, 'CANCELLED');
      assert.deepEqual([...new Set(states.map((s) => s.state))], ['QUEUED', 'RUNNING', 'CANCELLED']);
    } finally {
      fx.server.setOptions({ runningMs: 10 });
    }
  });

  it('returns an empty cancelled result when cancelled before the query started', async () => {
    const controller = new AbortController();
    controller.abort();
    const starts = fx.server.stats.requests.StartQueryExecution ?? 0;
    const result = await fx.source({ reuseMaxAgeMinutes: 0 }).query(query(), { signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.events, []);
    assert.equal(fx.server.stats.requests.StartQueryExecution ?? 0, starts);
  });

  it('keeps the events received when cancelled while paging', async () => {
    const controller = new AbortController();
    const source = fx.source({ pageSize: 5, reuseMaxAgeMinutes: 0 });
    let seen = 0;
    const result = await source.query(query({ regions: ['us-east-1'] }), {
      signal: controller.signal,
      onProgress: (events) => {
        seen += events.length;
        if (seen >= 10) controller.abort();
      },
    });
    assert.equal(result.cancelled, true);
    // What arrived before the cancel is kept, and nothing after it (5-row pages; the first also holds the header).
    assert.equal(result.events.length, seen);
    assert.ok(seen >= 10 && seen < 15, String(seen));
  });

  it('cancelling while results page tells Athena to stop (StopQueryExecution), keeps what arrived, and "load more" reads on', async () => {
    const source = fx.source({ pageSize: 5, reuseMaxAgeMinutes: 0 });
    const all = await fx.source({ reuseMaxAgeMinutes: 0 }).query(query({ regions: ['us-east-1'] }));
    const stops = fx.server.stats.requests.StopQueryExecution ?? 0;
    const pagesBefore = fx.server.stats.requests.GetQueryResults ?? 0;
    const controller = new AbortController();
    fx.server.setOptions({ resultsDelayMs: 200 });
    let pages = 0;
    try {
      const result = await source.query(query({ regions: ['us-east-1'] }), {
        signal: controller.signal,
        onProgress: (events) => {
          // Pages only (polls report no events): the second page is in flight when the user cancels.
          if (events.length > 0 && ++pages === 2) setTimeout(() => { controller.abort(); }, 50);
        },
      });
      assert.equal(result.cancelled, true);
      assert.equal((fx.server.stats.requests.StopQueryExecution ?? 0) - stops, 1, 'StopQueryExecution reached the server');
      const id = result.athena.queryExecutionId ?? '';
      assert.equal(fx.server.execution(id)?.state, 'SUCCEEDED', 'a finished query keeps its results');
      assert.ok(result.events.length >= 4 && result.events.length < all.events.length, `${String(result.events.length)} of ${String(all.events.length)} kept`);
      assert.ok((fx.server.stats.requests.GetQueryResults ?? 0) - pagesBefore >= 2);
      fx.server.setOptions({ resultsDelayMs: 0 });
      const rest = await result.loadMore?.();
      assert.ok(rest);
      assert.deepEqual(
        [...result.events, ...rest.events].map((e) => e.id),
        all.events.map((e) => e.id),
        'nothing lost: load more continues where the cancel stopped',
      );
    } finally {
      fx.server.setOptions({ resultsDelayMs: 0 });
    }
  });

  it('fetches the whole record of an event on demand, as the trail file holds it', async () => {
    const source = fx.source();
    const result = await source.query(query({ regions: ['eu-west-1'], filters: [{ key: 'EventId', value: story.eventIds.deleteDbInstance }] }));
    const [summary] = result.events;
    assert.ok(summary);
    assert.equal(summary.raw.requestParameters, undefined, 'the summary does not carry request parameters');
    assert.equal(source.isSummary(summary), true);
    const loaded = await source.loadFullRecord(summary);
    const full = loaded.event;
    const original = records.find((r) => r.eventID === story.eventIds.deleteDbInstance) ?? {};
    // managementEvent is not a column of the documented table.
    const { managementEvent: _dropped, ...expected } = original;
    assert.deepEqual(normalizeKeys(full.raw), normalizeKeys(expected));
    assert.equal(loaded.cached, false);
    assert.equal(source.isSummary(full), false, 'the whole record is not a summary');
    const again = await source.loadFullRecord(summary);
    assert.equal(again.cached, true, 'a second open sends no query');
    assert.equal(again.event, full);
  });

  it('fetches the whole record with a narrow query: its day, account and region partitions, by event id, scanning less than the look-up', async () => {
    const source = fx.source({ reuseMaxAgeMinutes: 0 });
    const result = await source.query(query({ filters: [{ key: 'EventId', value: story.eventIds.deleteDbInstance }] }));
    const [summary] = result.events;
    assert.ok(summary);
    const loaded = await source.loadFullRecord(summary);
    assert.match(loaded.sql, /"account" = '\d{12}'\n {2}AND "region" = 'eu-west-1'\n {2}AND "eventid" = '/);
    assert.match(loaded.sql, /"timestamp" BETWEEN '\d{4}\/\d\d\/\d\d' AND '\d{4}\/\d\d\/\d\d'/);
    assert.ok(loaded.cost.scannedBytes > 0);
    assert.ok(loaded.cost.scannedBytes < (result.athena.cost?.scannedBytes ?? 0), `${String(loaded.cost.scannedBytes)} < ${String(result.athena.cost?.scannedBytes)}`);
    assert.equal(fx.server.execution(loaded.queryExecutionId)?.scannedBytes, loaded.cost.scannedBytes, 'the cost is what Athena reported');
  });

  it('a record Athena cannot find is a clear error, and the summary stays a summary', async () => {
    const source = fx.source({ reuseMaxAgeMinutes: 0 });
    const result = await source.query(query({ regions: ['eu-west-1'], filters: [{ key: 'EventId', value: story.eventIds.deleteDbInstance }] }));
    const [summary] = result.events;
    assert.ok(summary);
    const unknown = { ...summary, id: '00000000-0000-4000-8000-000000000000' };
    assert.equal(source.isSummary(unknown), false, 'not a row of this source');
    await assert.rejects(source.loadFullRecord(unknown), /Athena found no record with event id 00000000-0000-4000-8000-000000000000 in its partitions/);
    assert.equal(source.isSummary(summary), true);
  });

  it('reuses an identical recent result: nothing scanned, nothing billed', async () => {
    const source = fx.source();
    const q = query({ regions: ['us-west-2'], filters: [{ key: 'EventSource', value: 'ec2.amazonaws.com' }] });
    const first = await source.query(q);
    const second = await source.query(q);
    assert.equal(first.athena.reused, false);
    assert.equal(second.athena.reused, true);
    assert.equal(second.athena.cost?.usd, 0);
    assert.deepEqual(
      second.events.map((e) => e.id),
      first.events.map((e) => e.id),
    );
    const fresh = await fx.source({ reuseMaxAgeMinutes: 0 }).query(q);
    assert.equal(fresh.athena.reused, false);
  });

  it('respects the workgroup: its per-query scan cutoff cancels a wide query with a clear message, a narrow one runs', async () => {
    const source = fx.source({ workGroup: 'guarded', outputLocation: 's3://ignored/' });
    const limits = await source.workGroupLimits();
    assert.equal(limits.enforced, true);
    assert.equal(limits.bytesScannedCutoffPerQuery, 60_000);
    await assert.rejects(
      source.query(query({ start: NOW - 60 * DAY })),
      (err: unknown) => err instanceof AthenaQueryError && err.code === 'AthenaScanLimit' && err.message.includes('per-query scan limit of 58.6 KB'),
    );
    const narrow = await source.query(query({ regions: ['ap-southeast-2'], start: NOW - DAY }));
    assert.equal(narrow.cancelled, false);
    assert.match(fx.server.execution(narrow.athena.queryExecutionId ?? '')?.outputLocation ?? '', /^s3:\/\/athena-results\/guarded\//, 'the enforced output location wins');
    await assert.rejects(fx.source({ workGroup: 'no-output' }).query(query()), /no query result location/);
    await assert.rejects(fx.source({ workGroup: 'missing' }).query(query()), (err: unknown) => err instanceof Error && err.message.includes('WorkGroup missing is not found'));
  });

  it('runs the user’s own SQL; rows that are trail records also come back as events', async () => {
    const source = fx.source();
    const own = await source.runSql(`SELECT eventid, eventname, eventtime, awsregion FROM cloudtrail_org WHERE "timestamp" >= '2026/11/20' AND eventname = 'StopLogging'`);
    assert.deepEqual(own.columns, ['eventid', 'eventname', 'eventtime', 'awsregion']);
    assert.deepEqual(
      own.events?.map((e) => e.id),
      [story.eventIds.stopLogging],
    );
    const counts = await source.runSql(`SELECT awsregion, count(*) AS n FROM cloudtrail_org GROUP BY awsregion ORDER BY awsregion`);
    assert.equal(counts.events, undefined);
    assert.deepEqual(
      counts.rows.map((r) => r.awsregion),
      [...new Set(records.filter((r) => r.eventCategory !== 'Insight').map((r) => String(r.awsRegion)))].sort(),
    );
    await assert.rejects(source.runSql('SELEC nonsense'), (err: unknown) => err instanceof AthenaQueryError && err.code === 'AthenaQueryFailed');
  });

  it('refuses queries the table cannot answer before running anything', async () => {
    const source = fx.source();
    await assert.rejects(source.query({ ...query(), category: 'insight' }), /Insights events are not in the CloudTrail table/);
    await assert.rejects(source.query({ ...query(), accounts: ['12345'] }), /not a 12-digit account id/);
    await assert.rejects(source.query(query({ start: NOW, end: NOW - DAY })), /time range is invalid/);
  });
});

/** Records compare key by key regardless of key order. */
function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, normalizeKeys(v)]),
  );
}
