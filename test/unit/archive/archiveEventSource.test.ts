import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createArchiveEventSource } from '../../../src/archive/archiveEventSource';
import { normalizeRecord } from '../../../src/core/event';
import { FIXTURES, everything, makeRecord, sampleRecords, tempDir } from './helpers';

const validRegion = (r: unknown): boolean => typeof r === 'string' && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r);
const isInsight = (r: Record<string, unknown>): boolean => r.eventCategory === 'Insight' || r.eventType === 'AwsCloudTrailInsight';

describe('archive/archiveEventSource on the real samples', () => {
  const records = sampleRecords();
  const nestedIds = new Set(
    records.filter((r) => validRegion(r.awsRegion) && !Number.isNaN(Date.parse(String(r.eventTime))) && !isInsight(r) && typeof r.eventID === 'string').map((r) => String(r.eventID)),
  );

  it('loads gzipped logs in the nested AWSLogs layout, organization trails included', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'nested')]);
    assert.equal(source.kind, 'archive');
    const result = await source.query(everything());
    assert.deepEqual(source.problems, []);
    assert.equal(result.errors.length, 0);
    const ids = new Set(result.events.map((e) => e.id));
    for (const id of nestedIds) assert.ok(ids.has(id), `missing ${id}`);
    assert.ok(ids.has(`org-${String(records.find((r) => r.awsRegion === 'eu-west-1')?.eventID)}`), 'organization trail events load');
    assert.ok(result.events.every((e) => e.category !== 'Insight'), 'management queries leave Insights out');
    assert.equal(new Set(result.events.map((e) => e.id)).size, result.events.length, 'one event per id');
    for (let i = 1; i < result.events.length; i++) assert.ok(result.events[i - 1].time >= result.events[i].time, 'newest first');
    assert.ok(result.events.some((e) => e.category === 'Data'), 'data events are included');
  });

  it('a folder indexed whole shows each event as a normalized record, change channel and human included', async () => {
    const whole = await createArchiveEventSource([join(FIXTURES, 'nested')], { indexAll: true });
    const shown = (await whole.query(everything())).events;
    const read = new Map((await (await createArchiveEventSource([join(FIXTURES, 'nested')])).query(everything())).events.map((e) => [e.id, e]));
    assert.ok(shown.length > 100);
    assert.equal(shown.length, read.size);
    for (const event of shown) {
      const full = normalizeRecord(event.raw, 0);
      assert.ok(full.ok);
      assert.notEqual(event.channel, undefined, event.id);
      assert.deepEqual(event.channel, full.event.channel, event.id);
      assert.deepEqual(event.human, full.event.human, event.id);
      assert.deepEqual(event, read.get(event.id), event.id);
    }
  });

  it('reads the same events from plain .json files in a flat folder', async () => {
    const nested = await (await createArchiveEventSource([join(FIXTURES, 'nested')])).query(everything());
    const flat = await (await createArchiveEventSource([join(FIXTURES, 'flat')])).query(everything());
    const flatIds = new Set(flat.events.map((e) => e.id));
    for (const e of nested.events) if (!e.id.startsWith('org-')) assert.ok(flatIds.has(e.id), e.id);
    assert.ok(flat.events.length > nested.events.length - 3, 'misc-regions.json adds the records with documentation placeholder regions');
  });

  it('answers Insights queries from the CloudTrail-Insight files only', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'nested')]);
    const result = await source.query(everything({ category: 'insight' }));
    assert.ok(result.events.length > 0);
    assert.ok(result.events.every((e) => e.category === 'Insight' || e.eventType === 'AwsCloudTrailInsight'));
    assert.ok([...source.openedPaths].every((p) => p.includes('CloudTrail-Insight')), 'management log files stay closed');
  });

  it('skips other regions without opening their files', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'nested')]);
    const result = await source.query(everything({ regions: ['eu-west-1'] }));
    assert.ok(result.events.length > 0);
    assert.ok(result.events.every((e) => e.region === 'eu-west-1'));
    const opened = [...source.openedPaths];
    assert.ok(opened.length > 0);
    assert.ok(opened.every((p) => p.includes('eu-west-1')), opened.join('\n'));
    assert.equal(source.stats().filesIndexed, source.files.filter((f) => f.info.region === 'eu-west-1').length);
  });

  it('applies several filters at once and checks them exactly on the full events', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'flat')]);
    const target = records.find((r) => r.eventSource === 'kms.amazonaws.com' && typeof (r.userIdentity as { userName?: unknown } | undefined)?.userName === 'string');
    assert.ok(target);
    const userName = (target.userIdentity as { userName: string }).userName;
    const result = await source.query(
      everything({
        filters: [
          { key: 'EventSource', value: 'kms.amazonaws.com' },
          { key: 'Username', value: userName },
          { key: 'EventName', value: String(target.eventName) },
        ],
      }),
    );
    assert.ok(result.events.some((e) => e.id === target.eventID));
    for (const e of result.events) {
      assert.equal(e.service.source, 'kms.amazonaws.com');
      assert.equal(e.principal.userName, userName);
      assert.equal(e.name, target.eventName);
    }
    assert.deepEqual(result.plan, { local: result.query.filters }, 'every filter runs locally');
    const caseDiffers = await source.query(everything({ filters: [{ key: 'EventName', value: String(target.eventName).toLowerCase() }] }));
    assert.equal(caseDiffers.events.length, 0, 'exact, case-sensitive like LookupEvents');
    const wildcard = await source.query(everything({ filters: [{ key: 'EventName', value: 'Create*' }, { key: 'EventSource', value: 'kms.*' }] }));
    assert.ok(wildcard.events.length > 0);
    assert.ok(wildcard.events.every((e) => e.name.startsWith('Create') && e.service.source === 'kms.amazonaws.com'));
  });
});

describe('archive/archiveEventSource exports', () => {
  it('reads aws cloudtrail lookup-events output', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'exports', 'lookup-events.json')]);
    const result = await source.query(everything());
    assert.equal(result.events.length, 6);
    assert.deepEqual(source.problems, []);
    assert.ok(result.events.every((e) => e.principal.type !== 'Missing' && e.partial !== true));
  });

  it('reads the console JSON download (an array of records)', async () => {
    const result = await (await createArchiveEventSource([join(FIXTURES, 'exports', 'event_history.json')])).query(everything());
    assert.equal(result.events.length, 3);
  });

  it('reads the console CSV as partial events and lists the bad row', async () => {
    const source = await createArchiveEventSource([join(FIXTURES, 'exports', 'event_history.csv')]);
    const result = await source.query(everything());
    assert.equal(result.events.length, 6);
    for (const e of result.events) {
      assert.equal(e.partial, true);
      assert.equal(e.principal.type, 'Unknown', 'the CSV does not say what kind of identity');
      assert.equal(typeof e.raw['User name'], 'string', 'raw is the CSV row');
    }
    const withResources = result.events.find((e) => e.resources.length > 0);
    assert.ok(withResources, 'resources come from the quoted JSON column');
    assert.equal(source.problems.length, 1);
    assert.match(source.problems[0].message, /Event time/);
    const byUser = await source.query(everything({ filters: [{ key: 'Username', value: result.events[0].principal.userName! }] }));
    assert.ok(byUser.events.length >= 1);
  });
});

describe('archive/archiveEventSource bad files', () => {
  it('lists truncated gzip, invalid JSON, non-CloudTrail JSON, bad records and unreadable files, and loads every good record', async () => {
    const tmp = tempDir();
    try {
      const dangling = join(tmp.dir, 'gone.json');
      symlinkSync(join(tmp.dir, 'does-not-exist.json'), dangling);
      const source = await createArchiveEventSource([join(FIXTURES, 'bad'), dangling]);
      const result = await source.query(everything());
      const problemFor = (name: string): string => source.problems.filter((p) => p.path.endsWith(name)).map((p) => p.message).join(' | ');
      assert.match(problemFor('Truncated0000001.json.gz'), /./, 'truncated gzip');
      assert.match(problemFor('invalid.json'), /./, 'invalid JSON');
      assert.match(problemFor('not-cloudtrail.json'), /./, 'not CloudTrail');
      assert.match(problemFor('one-bad-record.json'), /Record 1/, 'the bad record, by position');
      assert.match(problemFor('gone.json'), /not found/);
      assert.equal(problemFor('good.json'), '');
      // good.json holds 2 records, one-bad-record.json 2 good ones around the bad one.
      const ids = new Set(result.events.map((e) => e.id));
      assert.ok(ids.size >= 4, `got ${ids.size}`);
      assert.equal(result.errors.length, 1, 'the bad record is reported with the query');
    } finally {
      tmp.cleanup();
    }
  });
});

describe('archive/archiveEventSource index and time skipping', () => {
  const hourly = (tmp: ReturnType<typeof tempDir>): string[] => {
    const paths: string[] = [];
    for (let h = 0; h < 24; h++) {
      const hh = String(h).padStart(2, '0');
      const records = [0, 1, 2].map((i) =>
        makeRecord({
          id: `ev-${hh}-${i}`,
          time: `2024-03-05T${hh}:${String(i * 10).padStart(2, '0')}:00Z`,
          name: i === 1 ? 'DeleteDBInstance' : 'DescribeDBInstances',
          user: i === 1 && h % 2 === 0 ? 'mallory' : 'alice',
          readOnly: i !== 1,
          ...(i === 2 && h === 5 ? { errorCode: 'AccessDenied' } : {}),
          resources: [{ ARN: `arn:aws:rds:us-east-1:111122223333:db:db-${hh}`, type: 'AWS::RDS::DBInstance' }],
        }),
      );
      const name = `111122223333_CloudTrail_us-east-1_20240305T${hh}55Z_Hourly${hh}0000000000.json.gz`;
      paths.push(tmp.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/${name}`, JSON.stringify({ Records: records }), true));
    }
    return paths;
  };

  it('opens only the files whose delivery time can hold the range', async () => {
    const tmp = tempDir();
    try {
      hourly(tmp);
      const source = await createArchiveEventSource([tmp.dir], { deliveryLagMs: 60 * 60 * 1000 });
      assert.equal(source.stats().fileOpens, 0, 'creating the source opens nothing');
      const result = await source.query(everything({ start: Date.UTC(2024, 2, 5, 10), end: Date.UTC(2024, 2, 5, 11, 59) }));
      assert.deepEqual(
        result.events.map((e) => e.id),
        ['ev-11-2', 'ev-11-1', 'ev-11-0', 'ev-10-2', 'ev-10-1', 'ev-10-0'],
      );
      // Files delivered 10:55, 11:55 and, within the one-hour lag, 12:55.
      assert.deepEqual([...source.openedPaths].map((p) => /T(\d\d)55Z/.exec(p)?.[1]).sort(), ['10', '11', '12']);
      assert.equal(source.stats().fileOpens, 3, 'matching records came from the cache, not a second read');
    } finally {
      tmp.cleanup();
    }
  });

  it('answers later queries from the index, with filters, read-only and errors-only switches, and pages with loadMore', async () => {
    const tmp = tempDir();
    try {
      hourly(tmp);
      const progress: number[] = [];
      const source = await createArchiveEventSource([tmp.dir], { indexAll: true, onProgress: (p) => progress.push(p.filesDone) });
      assert.equal(source.stats().events, 72);
      assert.equal(progress.at(-1), 24);
      const opensAfterLoad = source.stats().fileOpens;
      const deletes = await source.query(
        everything({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }, { key: 'Username', value: 'mallory' }], maxEvents: 5 }),
      );
      assert.deepEqual(
        deletes.events.map((e) => e.id),
        ['ev-22-1', 'ev-20-1', 'ev-18-1', 'ev-16-1', 'ev-14-1'],
      );
      assert.ok(deletes.loadMore);
      const more = await deletes.loadMore();
      assert.deepEqual(
        more.events.map((e) => e.id),
        ['ev-12-1', 'ev-10-1', 'ev-08-1', 'ev-06-1', 'ev-04-1'],
      );
      const rest = await more.loadMore!();
      assert.deepEqual(rest.events.map((e) => e.id), ['ev-02-1', 'ev-00-1']);
      assert.equal(rest.loadMore, undefined);
      assert.equal(source.stats().filesIndexed, 24, 'no file was indexed twice');
      assert.ok(source.stats().fileOpens - opensAfterLoad <= 12, 'only files holding matches were read again');

      const writes = await source.query(everything({ includeReadOnly: false }));
      assert.equal(writes.events.length, 24);
      const failed = await source.query(everything({ errorsOnly: true }));
      assert.deepEqual(failed.events.map((e) => e.id), ['ev-05-2']);
      const byResource = await source.query(everything({ filters: [{ key: 'ResourceName', value: 'arn:aws:rds:us-east-1:111122223333:db:db-07' }, { key: 'ReadOnly', value: 'false' }] }));
      assert.deepEqual(byResource.events.map((e) => e.id), ['ev-07-1']);
      const byId = await source.query(everything({ filters: [{ key: 'EventId', value: 'ev-13-2' }] }));
      assert.deepEqual(byId.events.map((e) => e.id), ['ev-13-2']);
      const byIdPattern = await source.query(everything({ filters: [{ key: 'EventId', value: 'ev-13-*' }] }));
      assert.deepEqual(byIdPattern.events.map((e) => e.id), ['ev-13-2', 'ev-13-1', 'ev-13-0']);
      const none = await source.query(everything({ regions: ['eu-west-1'] }));
      assert.equal(none.events.length, 0);
    } finally {
      tmp.cleanup();
    }
  });

  it('keeps one copy of an event that two files both hold', async () => {
    const tmp = tempDir();
    try {
      const record = makeRecord({ id: 'dup-1', time: '2024-03-05T01:00:00Z' });
      tmp.write('a.json', JSON.stringify({ Records: [record] }));
      tmp.write('b.json.gz', JSON.stringify({ Records: [record] }), true);
      const result = await (await createArchiveEventSource([tmp.dir])).query(everything());
      assert.deepEqual(result.events.map((e) => e.id), ['dup-1']);
    } finally {
      tmp.cleanup();
    }
  });

  it('stops at once when the query is cancelled', async () => {
    const tmp = tempDir();
    try {
      hourly(tmp);
      const source = await createArchiveEventSource([tmp.dir]);
      const controller = new AbortController();
      controller.abort();
      const result = await source.query(everything(), { signal: controller.signal });
      assert.equal(result.cancelled, true);
      assert.equal(source.stats().fileOpens, 0);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('archive/archiveEventSource concurrent queries', () => {
  it('indexes each file once when two queries start together', async () => {
    const tmp = tempDir();
    try {
      for (let i = 0; i < 6; i++) {
        tmp.write(`f${i}.json`, JSON.stringify({ Records: [makeRecord({ id: `c-${i}`, time: `2024-03-05T0${i}:00:00Z` })] }));
      }
      const source = await createArchiveEventSource([tmp.dir]);
      const [a, b] = await Promise.all([source.query(everything()), source.query(everything())]);
      assert.equal(a.events.length, 6);
      assert.equal(b.events.length, 6);
      assert.equal(source.stats().events, 6, 'no row was added twice');
      assert.equal(source.stats().filesIndexed, 6);
    } finally {
      tmp.cleanup();
    }
  });
});
