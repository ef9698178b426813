import * as assert from 'node:assert/strict';
import type { QueryResult, QueryStats } from '../../../src/core/query';
import {
  buildInvestigation,
  describeRange,
  getInvestigation,
  INVESTIGATIONS,
  matchesInvestigation,
  refineOptions,
  refineResult,
  regionsFor,
} from '../../../src/core/investigations';
import { buildEvent } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const CONTEXT = { now: NOW, regions: ['eu-west-1', 'us-west-2'], maxEvents: 500 };
const STATS: QueryStats = { events: 0, pages: 1, requests: 1, throttlesRetried: 0, badRecords: 0, elapsedMs: 1 };

describe('core/investigations', () => {
  it('defines each investigation once, with a title and inputs', () => {
    const ids = INVESTIGATIONS.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 10);
    for (const i of INVESTIGATIONS) assert.ok(i.title.length > 0 && i.inputs.length > 0, i.id);
  });

  it('"what changed around a time" is write events of all services ±N minutes in the chosen regions and us-east-1', () => {
    const moment = Date.UTC(2026, 10, 21, 2, 0, 0);
    const built = buildInvestigation(getInvestigation('aroundTime'), { moment, aroundMinutes: 10 }, CONTEXT);
    assert.ok(built.ok);
    assert.equal(built.query.start, moment - 600_000);
    assert.equal(built.query.end, moment + 600_000);
    assert.deepEqual(built.query.filters, []);
    assert.equal(built.query.includeReadOnly, false);
    assert.deepEqual(built.query.regions, ['eu-west-1', 'us-west-2', 'us-east-1']);
    assert.match(built.title, /2026-11-21T02:00:00Z ±10 min/);
  });

  it('clamps a window that reaches into the future to now', () => {
    const built = buildInvestigation(getInvestigation('aroundTime'), { moment: NOW - 60_000 }, CONTEXT);
    assert.ok(built.ok);
    assert.equal(built.query.end, NOW);
    assert.equal(built.query.start, NOW - 60_000 - 15 * 60_000);
  });

  it('puts the user input into the filter and the title', () => {
    const built = buildInvestigation(getInvestigation('principal'), { principal: ' alice ', start: NOW - 3_600_000, end: NOW }, CONTEXT);
    assert.ok(built.ok);
    assert.deepEqual(built.query.filters, [{ key: 'Username', value: 'alice' }]);
    assert.equal(built.query.includeReadOnly, true);
    assert.equal(built.title, 'What did this principal do: alice · last 60 min');
  });

  it('says what is missing instead of building a partial query', () => {
    const noKey = buildInvestigation(getInvestigation('accessKey'), { start: 0, end: NOW }, CONTEXT);
    assert.deepEqual(noKey, { ok: false, message: 'Missing access key id.' });
    const noRange = buildInvestigation(getInvestigation('iamChanges'), {}, CONTEXT);
    assert.equal(noRange.ok, false);
    const noMoment = buildInvestigation(getInvestigation('aroundTime'), {}, CONTEXT);
    assert.equal(noMoment.ok, false);
  });

  it('IAM changes search only the global region', () => {
    const built = buildInvestigation(getInvestigation('iamChanges'), { start: NOW - 86_400_000, end: NOW }, CONTEXT);
    assert.ok(built.ok);
    assert.deepEqual(built.query.regions, ['us-east-1']);
    assert.deepEqual(built.query.filters, [{ key: 'EventSource', value: 'iam.amazonaws.com' }]);
  });

  it('regionsFor de-duplicates and keeps the chosen order', () => {
    assert.deepEqual(regionsFor('chosenAndGlobal', ['us-east-1', 'eu-west-1']), ['us-east-1', 'eu-west-1']);
    assert.deepEqual(regionsFor('chosen', ['a', 'a']), ['a']);
    assert.deepEqual(regionsFor('global', ['eu-west-1'], 'cn-north-1'), ['cn-north-1']);
  });

  it('regionsFor keeps an empty choice (every region of trail files) empty, global scopes included', () => {
    for (const scope of ['chosen', 'global', 'chosenAndGlobal'] as const) assert.deepEqual(regionsFor(scope, []), [], scope);
  });

  it('describes ranges ending now as durations, others as instants', () => {
    assert.equal(describeRange(NOW - 15 * 60_000, NOW, NOW), 'last 15 min');
    assert.equal(describeRange(NOW - 24 * 3_600_000, NOW, NOW), 'last 24 h');
    assert.equal(describeRange(NOW - 7 * 86_400_000, NOW, NOW), 'last 7 days');
    assert.equal(describeRange(0, 1000, NOW), '1970-01-01T00:00:00Z – 1970-01-01T00:00:01Z');
  });

  describe('local matches', () => {
    const destructive = getInvestigation('destructiveActions').match;
    it('destructive actions: any of the name patterns', () => {
      for (const name of ['DeleteDBInstance', 'TerminateInstances', 'StopLogging', 'PutBucketPolicy', 'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress'])
        assert.ok(matchesInvestigation(buildEvent({ name }), destructive), name);
      for (const name of ['CreateUser', 'RunInstances', 'PutBucketTagging', 'GetObject']) assert.ok(!matchesInvestigation(buildEvent({ name }), destructive), name);
    });

    it('logging tampering: the CloudTrail calls that blind logging', () => {
      const match = getInvestigation('loggingTampering').match;
      for (const name of ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors']) assert.ok(matchesInvestigation(buildEvent({ name }), match), name);
      assert.ok(!matchesInvestigation(buildEvent({ name: 'CreateTrail' }), match));
    });

    it('access denied: error codes of refused calls, not other failures', () => {
      const match = getInvestigation('accessDenied').match;
      for (const errorCode of ['AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation', 'UnauthorizedOperation'])
        assert.ok(matchesInvestigation(buildEvent({ errorCode }), match), errorCode);
      assert.ok(!matchesInvestigation(buildEvent({ errorCode: 'ThrottlingException' }), match));
      assert.ok(!matchesInvestigation(buildEvent({}), match));
    });

    it('root activity: only the Root identity type', () => {
      const match = getInvestigation('rootActivity').match;
      assert.ok(matchesInvestigation(buildEvent({ principal: { type: 'Root' } }), match));
      assert.ok(!matchesInvestigation(buildEvent({ principal: { type: 'IAMUser' } }), match));
    });

    it('console sign-ins: failures and sign-ins without MFA, not a successful MFA sign-in', () => {
      const match = getInvestigation('consoleSignIns').match;
      const failed = buildEvent({ name: 'ConsoleLogin', raw: { responseElements: { ConsoleLogin: 'Failure' }, additionalEventData: { MFAUsed: 'Yes' } } });
      const noMfa = buildEvent({ name: 'ConsoleLogin', raw: { responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'No' } } });
      const good = buildEvent({ name: 'ConsoleLogin', raw: { responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'Yes' } } });
      assert.ok(matchesInvestigation(failed, match));
      assert.ok(matchesInvestigation(noMfa, match));
      assert.ok(!matchesInvestigation(good, match));
    });
  });

  describe('refineResult', () => {
    const events = [buildEvent({ id: 'a', name: 'DeleteBucket' }), buildEvent({ id: 'b', name: 'CreateBucket' })];
    const base: QueryResult = {
      query: { regions: [], filters: [], start: 0, end: 1, includeReadOnly: false, maxEvents: 10 },
      events,
      errors: [],
      plan: { local: [] },
      stats: { ...STATS, events: 2 },
      cancelled: false,
      regionErrors: [],
    };
    const keep = (e: { name: string }): boolean => e.name.startsWith('Delete');

    it('keeps matching events and counts them', () => {
      const refined = refineResult(base, keep);
      assert.deepEqual(refined.events.map((e) => e.id), ['a']);
      assert.equal(refined.stats.events, 1);
      assert.equal(refined.loadMore, undefined);
    });

    it('applies the match to load more and to its progress', async () => {
      const progress: string[][] = [];
      const more = refineResult({ ...base, loadMore: (options) => {
        options?.onProgress?.([buildEvent({ id: 'c', name: 'DeleteUser' }), buildEvent({ id: 'd', name: 'GetUser' })], STATS);
        return Promise.resolve({ ...base, events: [buildEvent({ id: 'c', name: 'DeleteUser' }), buildEvent({ id: 'd', name: 'GetUser' })] });
      } }, keep);
      assert.ok(more.loadMore);
      const next = await more.loadMore({ onProgress: (evts, stats) => progress.push([...evts.map((e) => e.id), String(stats.events)]) });
      assert.deepEqual(next.events.map((e) => e.id), ['c']);
      assert.deepEqual(progress, [['c', '1']]);
    });

    it('refineOptions without a progress callback changes nothing', () => {
      const signal = new AbortController().signal;
      assert.deepEqual(refineOptions({ signal }, keep), { signal });
    });
  });
});
