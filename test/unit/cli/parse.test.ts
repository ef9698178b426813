import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cli, ensureCliBuilt as ensureBuilt, root } from './distCli';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const fixture = path.join(root, 'test', 'fixtures', 'records.jsonl');

function run(...args: string[]): { code: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  const lines = result.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code: result.status, lines, stderr: result.stderr };
}

const record = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventVersion: '1.08',
  eventID: id,
  eventName: 'PutObject',
  eventSource: 's3.amazonaws.com',
  eventTime: '2026-01-02T03:04:05Z',
  awsRegion: 'eu-west-1',
  readOnly: 'false',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/alice', userName: 'alice' },
  resources: [{ ARN: 'arn:aws:s3:::logs', type: 'AWS::S3::Bucket' }],
  ...extra,
});

describe('cli parse (dist/cli.js)', function () {
  this.timeout(150_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'cli-parse-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('prints one JSON line per sample record, all normalized, exit 0', () => {
    const { code, lines, stderr } = run('parse', fixture);
    assert.equal(code, 0, stderr);
    const expected = readFileSync(fixture, 'utf8').split('\n').filter((l) => l !== '').length;
    assert.equal(lines.length, expected);
    assert.equal(lines.filter((l) => 'error' in l).length, 0);
    assert.deepEqual(lines[0], {
      id: '3fcfb182-98f8-4744-bd45-10a395ab61cb',
      time: '2022-11-10T16:24:34.000Z',
      name: 'ConsoleLogin',
      service: { key: 'signin', label: 'Console sign-in' },
      region: 'us-east-2',
      principal: { key: 'arn:aws:iam::111122223333:user/anaya', label: 'anaya' },
      readOnly: null,
      errorCode: null,
      resources: [],
    });
  });

  it('reads a gzipped trail file', () => {
    const file = write('111122223333_CloudTrail_eu-west-1_20260102T0305Z_abc.json.gz', gzipSync(JSON.stringify({ Records: [record('a'), record('b', { errorCode: 'AccessDenied', readOnly: true })] })));
    const { code, lines } = run('parse', file);
    assert.equal(code, 0);
    assert.deepEqual(lines, [
      {
        id: 'a',
        time: '2026-01-02T03:04:05.000Z',
        name: 'PutObject',
        service: { key: 's3', label: 'S3' },
        region: 'eu-west-1',
        principal: { key: 'arn:aws:iam::1:user/alice', label: 'alice' },
        readOnly: false,
        errorCode: null,
        resources: [{ name: 'arn:aws:s3:::logs', arn: 'arn:aws:s3:::logs', type: 'AWS::S3::Bucket' }],
      },
      {
        id: 'b',
        time: '2026-01-02T03:04:05.000Z',
        name: 'PutObject',
        service: { key: 's3', label: 'S3' },
        region: 'eu-west-1',
        principal: { key: 'arn:aws:iam::1:user/alice', label: 'alice' },
        readOnly: true,
        errorCode: 'AccessDenied',
        resources: [{ name: 'arn:aws:s3:::logs', arn: 'arn:aws:s3:::logs', type: 'AWS::S3::Bucket' }],
      },
    ]);
  });

  it('prints {"error", "index"} for records it cannot understand and keeps going', () => {
    const file = write('mixed.jsonl', [JSON.stringify(record('a')), '{"broken": ', JSON.stringify({ record: { hello: 1 } }), JSON.stringify({ record: record('d') })].join('\n'));
    const { code, lines } = run('parse', file);
    assert.equal(code, 0);
    assert.equal(lines.length, 4);
    assert.equal(lines[0].id, 'a');
    assert.deepEqual(Object.keys(lines[1]).sort(), ['error', 'index']);
    assert.equal(lines[1].index, 1);
    assert.match(String(lines[1].error), /line 2: not valid JSON/);
    assert.equal(lines[2].index, 2);
    assert.match(String(lines[2].error), /no eventName/);
    assert.equal(lines[3].id, 'd');
  });

  it('exits 2 for a corrupt file or a missing file, with the reason on stderr, after parsing the good files', () => {
    const good = write('good.json', JSON.stringify({ Records: [record('g')] }));
    const corrupt = write('corrupt.json.gz', gzipSync(JSON.stringify({ Records: [record('x')] })).subarray(0, 15));
    const result = run('parse', good, corrupt, path.join(dir, 'missing.json'));
    assert.equal(result.code, 2);
    assert.deepEqual(result.lines.map((l) => l.id), ['g']);
    assert.match(result.stderr, /corrupt\.json\.gz is a damaged or truncated gzip file/);
    assert.match(result.stderr, /Cannot read .*missing\.json: no such file/);
    const notJson = run('parse', write('notes.txt', 'hello\nworld\n'));
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /notes\.txt is not valid JSON/);
  });

  it('adds the file name to error lines when several files are given', () => {
    const a = write('a.jsonl', '{"x":\n');
    const b = write('b.jsonl', `${JSON.stringify(record('b'))}\n{"eventName": "X"}\n`);
    const { lines } = run('parse', a, b);
    assert.deepEqual(lines.map((l) => [l.id ?? 'error', l.file ?? null]), [['b', null], ['error', b]]);
  });

  it('prints usage and exits 2 without files or with an unknown command', () => {
    const noFiles = run('parse');
    assert.equal(noFiles.code, 2);
    assert.match(noFiles.stderr, /usage: cli parse FILE/);
    const unknown = run('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /commands: .*parse/);
  });

  it('carries no test tool: serve-local is not a command and the local endpoint is not in the bundle', () => {
    const unknown = run('serve-local', '--sample');
    assert.equal(unknown.code, 2);
    assert.doesNotMatch(unknown.stderr, /commands: .*serve-local/);
    const bundle = readFileSync(cli, 'utf8');
    assert.doesNotMatch(bundle, /serve-local|startLocalCloudTrail|generateSampleRecords/);
  });
});
