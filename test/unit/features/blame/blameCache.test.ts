import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApiEventSource } from '../../../../src/aws/apiEventSource';
import { RateLimiterRegistry } from '../../../../src/aws/rateLimiter';
import { BlameCache, type BlameScope } from '../../../../src/features/blame/blameCache';
import { BlameFileStore } from '../../../../src/features/blame/blameStore';
import { fileTargets } from '../../../../src/features/blame/blameTargets';
import type { EventQuery } from '../../../../src/core/query';
import { lensTitle } from '../../../../src/features/blame/blameText';
import { driftCsv, scanDrift } from '../../../../src/features/blame/driftScan';
import { parseCsvRows } from '../../../../src/core/csv';
import { startLocalCloudTrail, type LocalCloudTrail } from '../../../../tools/local-cloudtrail/server';
import { generateSampleRecords } from '../../../../tools/sample-data/generate';

const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const CREDENTIALS = { accessKeyId: 'AKIABLAMETEST0000001', secretAccessKey: 'blameTestSecretKeyNeverPrinted0000000001' };
const { records, story } = generateSampleRecords({ now: NOW, seed: 3, backgroundEvents: 300 });
const root = path.resolve(__dirname, '../../../../..');
const { targets } = fileTargets(readFileSync(path.join(root, 'test', 'fixtures', 'workspace', 'infra', 'main.tf'), 'utf8'));
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

describe('features/blame: cached cloud blame and the drift scan on the sample story (local endpoint, real SDK client)', () => {
  let server: LocalCloudTrail;
  let scope: BlameScope;

  before(async () => {
    server = await startLocalCloudTrail({ records, requestsPerSecond: 0 });
    const source = createApiEventSource({ regions: REGIONS, endpoint: server.url, credentials: CREDENTIALS, limiter: new RateLimiterRegistry({ requestsPerSecond: 0 }) });
    scope = { source, regions: REGIONS, start: NOW - 90 * 86_400_000, end: NOW };
  });
  after(async () => {
    await server.close();
  });

  const target = (address: string) => {
    const t = targets.find((x) => x.address === address);
    assert.ok(t, address);
    return t;
  };

  it('the CodeLens line of the hand-changed security group, then 0 requests for it again', async () => {
    const cache = new BlameCache();
    const before = server.stats.requests;
    const history = await cache.historyOf(target('aws_security_group.web'), scope);
    assert.ok(server.stats.requests > before, 'looked up');
    assert.equal(lensTitle(history, NOW), `changed 14 h ago by ${story.drift.consoleUserName} · console — outside Terraform`);
    assert.deepEqual(Object.keys(server.stats.byRegion).filter((r) => r !== 'eu-west-1' && (server.stats.byRegion[r] ?? 0) > 0), [], 'only the block’s region');
    const sent = server.stats.requests;
    const again = await cache.historyOf(target('aws_security_group.web'), scope);
    assert.equal(server.stats.requests, sent, 'cached: no request');
    assert.equal(again, history);
  });

  it('the route: last applied by Terraform', async () => {
    const history = await new BlameCache().historyOf(target('aws_route.private_default'), scope);
    assert.match(lensTitle(history, NOW), /^last applied by Terraform · .+ · \d+ (min|h|d) ago$/);
    assert.equal(history.changes.at(0)?.name, 'ReplaceRoute');
  });

  it('the bucket policy takes only *BucketPolicy events: the console edit, not Terraform’s newer tagging of the bucket', async () => {
    const cache = new BlameCache();
    const policy = await cache.historyOf(target('aws_s3_bucket_policy.artifacts'), scope);
    assert.equal(policy.changes.at(0)?.id, story.eventIds.manualBucketPolicy);
    assert.ok(policy.changes.every((e) => e.name.endsWith('BucketPolicy')), policy.changes.map((e) => e.name).join());
    assert.match(lensTitle(policy, NOW), new RegExp(`^changed \\d+ h ago by ${story.drift.consoleUserName.replace(/\./g, '\\.')} · console — outside Terraform$`));
    const bucket = await cache.historyOf(target('aws_s3_bucket.artifacts'), scope);
    assert.equal(bucket.changes.at(0)?.id, story.eventIds.terraformBucketTagging, 'the bucket itself: its newest change');
    assert.match(lensTitle(bucket, NOW), /^last applied by Terraform · /);
  });

  it('after a restart (a new cache over the same storage) a covered window costs 0 requests; a later end looks up only what is newer', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cti-blame-store-'));
    const t = target('aws_security_group.web');
    const before = new BlameCache(new BlameFileStore(folder));
    const first = await before.historyOf(t, scope);
    before.flush();
    const sent = server.stats.requests;
    const after = new BlameCache(new BlameFileStore(folder));
    const again = await after.historyOf(t, scope);
    assert.equal(server.stats.requests, sent, 'served from the storage');
    assert.equal(lensTitle(again, NOW), lensTitle(first, NOW));
    assert.deepEqual(again.changes.map((e) => e.id), first.changes.map((e) => e.id));
    // An hour later: only the hour after the stored window is looked up, merged with what was stored.
    const queries: EventQuery[] = [];
    const recording = { ...scope.source, query: (q: EventQuery, o?: Parameters<typeof scope.source.query>[1]) => { queries.push(q); return scope.source.query(q, o); } };
    const later = await new BlameCache(new BlameFileStore(folder)).historyOf(t, { ...scope, source: recording, end: NOW + 3_600_000 });
    assert.ok(queries.length > 0 && queries.every((q) => q.start === NOW && q.end === NOW + 3_600_000), JSON.stringify(queries.map((q) => [q.start, q.end])));
    assert.deepEqual(later.changes.map((e) => e.id), first.changes.map((e) => e.id));
  });

  it('an unreadable cache file is an empty cache, said in the log, and rewritten', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cti-blame-store-'));
    writeFileSync(path.join(folder, 'cloud-blame-cache.json'), '{"version":1,"entries":[["x", {"start":', 'utf8');
    const logged: string[] = [];
    const store = new BlameFileStore(folder, (m) => logged.push(m));
    const cache = new BlameCache(store);
    const history = await cache.historyOf(target('aws_route.private_default'), scope);
    cache.flush();
    assert.equal(history.changes.at(0)?.name, 'ReplaceRoute');
    assert.match(logged.join('\n'), /cloud blame cache .* is unreadable/);
    const parsed = JSON.parse(readFileSync(path.join(folder, 'cloud-blame-cache.json'), 'utf8')) as { entries: unknown[] };
    assert.equal(parsed.entries.length, 1);
  });

  it('callers of one lookup share its requests; a cancelled lookup is not cached', async () => {
    const cache = new BlameCache();
    const t = target('aws_s3_bucket_policy.artifacts');
    const [a, b] = await Promise.all([cache.historyOf(t, scope), cache.historyOf(t, scope)]);
    assert.equal(a, b);
    assert.equal(cache.lookupsStarted, 1);
    const other = new BlameCache();
    const aborted = AbortSignal.abort();
    const cancelled = await other.historyOf(t, scope, aborted);
    assert.equal(cancelled.cancelled, true);
    assert.equal(other.peek(t, scope), undefined, 'not cached');
  });

  it('the drift scan: the hand-changed resources newest first, partial on cancel, 0 requests warm, CSV export', async () => {
    const cache = new BlameCache();
    const progress: number[] = [];
    const result = await scanDrift(targets, cache, scope, { now: () => NOW, onProgress: (p) => progress.push(p.done) });
    assert.equal(result.cancelled, false);
    assert.equal(result.scanned, targets.length);
    assert.deepEqual(progress, Array.from({ length: targets.length }, (_, i) => i + 1));
    const addresses = result.suspects.map((s) => s.address);
    assert.ok(addresses.includes('aws_security_group.web'), addresses.join());
    assert.ok(addresses.includes('aws_s3_bucket_policy.artifacts'), addresses.join());
    assert.ok(!addresses.includes('aws_route.private_default'), 'Terraform made its newest change');
    const times = result.suspects.map((s) => s.blame.event.time);
    assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest first');
    const sent = server.stats.requests;
    const warm = await scanDrift(targets, cache, scope, { now: () => NOW });
    assert.equal(server.stats.requests, sent, 'warm: 0 requests');
    assert.deepEqual(warm.suspects.map((s) => s.address), addresses);
    const rows = parseCsvRows(driftCsv(result.suspects));
    assert.equal(rows[0]?.[0], 'Resource');
    assert.equal(rows.length, result.suspects.length + 1);
    assert.ok(rows.some((r) => r[0] === 'aws_security_group.web' && r[7] === 'yes'));

    const controller = new AbortController();
    const partial = await scanDrift(targets, new BlameCache(), scope, { now: () => NOW, concurrency: 1, signal: controller.signal, onProgress: (p) => { if (p.done === 3) controller.abort(); } });
    assert.equal(partial.cancelled, true);
    assert.equal(partial.scanned, 3, 'stopped at once and kept what it found');
  });
});
