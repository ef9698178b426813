import * as assert from 'node:assert/strict';
import { lookupCommand } from '../../../src/cli/lookup';
import type { LocalCloudTrail } from '../../../tools/local-cloudtrail/server';
import { rawRecord, series, startServer, T0, TEST_CREDENTIALS } from './localEndpoint';

interface Captured {
  code: number;
  lines: string[];
  stderr: string[];
}

async function run(args: string[]): Promise<Captured> {
  const lines: string[] = [];
  const stderr: string[] = [];
  const code = await lookupCommand(args, { write: (l) => Promise.resolve(void lines.push(l)) }, (l) => stderr.push(l));
  return { code, lines, stderr };
}

describe('cli lookup (engine CLI)', () => {
  let server: LocalCloudTrail | undefined;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE };
  before(() => {
    // Credentials from the environment, as a script would provide them for --endpoint.
    process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
    Reflect.deleteProperty(process.env, 'AWS_PROFILE');
  });
  after(() => {
    for (const [k, v] of [
      ['AWS_ACCESS_KEY_ID', saved.id],
      ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ['AWS_PROFILE', saved.profile],
    ] as const) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const window = ['--start', new Date(T0 - 86_400_000).toISOString(), '--end', new Date(T0).toISOString()];

  it('prints one event per line in the parse shape, newest first, and a summary on stderr', async () => {
    server = await startServer([...series('a', 60, 'us-east-1'), ...series('b', 30, 'eu-west-1', 5)]);
    const r = await run(['--endpoint', server.url, '--region', 'us-east-1,eu-west-1', ...window, '--max', '70']);
    assert.equal(r.code, 0);
    assert.equal(r.lines.length, 70);
    const events = r.lines.map((l) => JSON.parse(l) as { id: string; time: string; name: string; service: { key: string }; principal: { label: string }; region: string });
    assert.deepEqual(Object.keys(events[0]), ['id', 'time', 'name', 'service', 'region', 'principal', 'readOnly', 'errorCode', 'resources']);
    assert.equal(events[0].id, 'a-00000');
    assert.equal(events[0].principal.label, 'alice');
    assert.ok(events.every((e, i) => i === 0 || events[i - 1].time >= e.time));
    const summary = JSON.parse(r.stderr.at(-1)!) as Record<string, unknown>;
    assert.equal(summary.events, 70);
    assert.equal(summary.more, true);
    assert.equal(summary.throttlesRetried, 0);
    assert.equal(typeof summary.seconds, 'number');
    assert.deepEqual(Object.keys(summary).slice(0, 6), ['events', 'pages', 'requests', 'throttlesRetried', 'badRecords', 'seconds']);
  });

  it('sends --attribute to the server and applies --filter locally', async () => {
    server = await startServer([
      rawRecord({ id: 'k1', ago: 10, name: 'DeleteBucket', user: 'alice' }),
      rawRecord({ id: 'k2', ago: 20, name: 'DeleteBucket', user: 'bob' }),
      rawRecord({ id: 'k3', ago: 30, name: 'CreateBucket', user: 'alice' }),
    ]);
    const r = await run(['--endpoint', server.url, ...window, '--attribute', 'EventName=DeleteBucket', '--filter', 'Username=al*', '--format', 'table']);
    assert.equal(r.code, 0);
    assert.equal(r.lines.length, 1);
    assert.match(r.lines[0], /DeleteBucket.*alice/);
    const summary = JSON.parse(r.stderr.at(-1)!) as { plan: unknown };
    assert.deepEqual(summary.plan, { server: { key: 'EventName', value: 'DeleteBucket' }, local: [{ key: 'Username', value: 'al*' }] });
  });

  it('exits 1 with the classified message when every region fails', async () => {
    server = await startServer(series('a', 5), { deniedAccessKeys: [TEST_CREDENTIALS.accessKeyId] });
    const r = await run(['--endpoint', server.url, ...window]);
    assert.equal(r.code, 1);
    assert.match(r.stderr.join('\n'), /us-east-1: Access denied in us-east-1/);
    assert.ok(!r.stderr.join('\n').includes(TEST_CREDENTIALS.secretAccessKey));
  });

  it('rejects bad usage with exit code 2', async () => {
    for (const args of [['--attribute', 'Colour=red'], ['--since', 'yesterday'], ['--max', '0'], ['--format', 'xml'], ['--since', '1h', '--start', '2026-01-01T00:00:00Z'], ['--bogus']]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.join('\n'), /usage: cli lookup/);
    }
  });

  it('prints every good event when one eventTime is 1e20, and that one as a per-record error', async () => {
    server = await startServer(series('t', 30), { faults: { badTimeIds: ['t-00004'] } });
    const r = await run(['--endpoint', server.url, ...window]);
    assert.equal(r.code, 0);
    const parsed = r.lines.map((l) => JSON.parse(l) as { id?: string; error?: string });
    assert.equal(parsed.filter((p) => p.id !== undefined).length, 29);
    assert.ok(!parsed.some((p) => p.id === 't-00004'));
    const errors = parsed.filter((p) => p.error !== undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.error ?? '', /us-east-1: event t-00004: record "DescribeInstances" \(eventID t-00004\): its eventTime is a number, not an ISO 8601 string/);
  });

  it('ends on a never-answering endpoint within --timeout × --attempts and says the result is partial', async () => {
    server = await startServer(series('h', 5), { faults: { hang: true } });
    const started = Date.now();
    const r = await run(['--endpoint', server.url, ...window, '--timeout', '0.3', '--attempts', '2']);
    assert.ok(Date.now() - started < 3000);
    assert.equal(r.code, 1);
    assert.equal(r.stderr[0], `us-east-1: CloudTrail at ${server.url} did not answer in us-east-1 within 0.3 s, 2 attempts. Check the network or the endpoint, then retry.`);
    const summary = JSON.parse(r.stderr.at(-1) ?? '{}') as { partial: boolean; incomplete: unknown[] };
    assert.equal(summary.partial, true);
    assert.deepEqual(summary.incomplete, [{ region: 'us-east-1', reason: 'timeout', eventsBefore: 0, resumeToken: null }]);
  });

  it('names the --resume argument of a region that stopped, and continues from it', async () => {
    server = await startServer(series('r', 120), { faults: { malformedBodyEvery: 2 } });
    const first = await run(['--endpoint', server.url, ...window, '--attempts', '1']);
    const hint = first.stderr.find((l) => l.includes('--resume'));
    assert.ok(hint, first.stderr.join('\n'));
    const resume = /--resume (\S+)$/.exec(hint)?.[1] ?? '';
    assert.equal(first.lines.length, 50, 'the first page was printed');
    server.setOptions({ faults: {} });
    const rest = await run(['--endpoint', server.url, ...window, '--resume', resume]);
    assert.equal(rest.code, 0);
    const all = new Set([...first.lines, ...rest.lines].map((l) => (JSON.parse(l) as { id: string }).id));
    assert.equal(all.size, 120);
    assert.equal(rest.lines.length, 70);
  });
});
