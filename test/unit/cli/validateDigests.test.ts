// validate-digests as a user runs it: the real bundle (dist/cli.js), a chain signed here, and the
// exit code that tells the verdict.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeChain, writeKeysFile } from '../archive/digestChain';
import { tempDir } from '../archive/helpers';
import { ensureCliBuilt, runCli } from './distCli';

describe('cli validate-digests (dist/cli.js)', function () {
  this.timeout(150_000);
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    ensureCliBuilt();
  });
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  it('--help documents every exit code', () => {
    const r = runCli('validate-digests', '--help');
    assert.equal(r.code, 0);
    for (const line of [/^ {2}0 {2}verified/m, /^ {2}1 {2}tampering or errors/m, /^ {2}2 {2}bad usage/m, /^ {2}3 {2}not yet covered/m]) assert.match(r.stderr, line);
  });

  it('exits 0 on an intact chain, also when the folder opened is below AWSLogs/', () => {
    const chain = writeChain(tmp, 3);
    const keys = writeKeysFile(tmp, chain, { from: '2023-12-31T00:00:00Z', to: '2024-01-02T00:00:00Z' });
    const whole = runCli('validate-digests', tmp.dir, '--keys', keys);
    assert.equal(whole.code, 0, whole.stdout + whole.stderr);
    assert.equal(whole.stdout, '');
    assert.match(whole.stderr, /^Trail log integrity: verified — 3 digests and 6 log files verified\.$/m);
    const below = runCli('validate-digests', join(tmp.dir, 'AWSLogs', '111122223333'), '--keys', keys);
    assert.equal(below.code, 0, below.stdout + below.stderr);
  });

  it('exits 1 with one line per tampering, each with its reason', () => {
    const chain = writeChain(tmp, 3);
    const keys = writeKeysFile(tmp, chain);
    writeFileSync(chain.logPaths[0], gzipSync('{"Records":[]}'));
    rmSync(chain.logPaths[3]);
    const copy = tmp.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/${chain.logPaths[1].split('/').pop()!}`, readFileSync(chain.logPaths[1]));
    const report = join(tmp.dir, 'report.txt');
    const r = runCli('validate-digests', tmp.dir, '--keys', keys, '--report', report);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.map((l) => `${l.split('\t')[0]}\t${l.split('\t')[1]}`).sort(), [`log hashMismatch\t${chain.logPaths[0]}`, `log missing\ttrail-bucket/${chain.logPaths[3].slice(tmp.dir.length + 1)}`, `log notListed\t${copy}`].sort());
    assert.match(readFileSync(report, 'utf8'), /^Verdict: +FAILED/m);
  });

  it('exits 3 when the only gap is a file newer than the newest digest', () => {
    const chain = writeChain(tmp, 2);
    const keys = writeKeysFile(tmp, chain);
    const later = tmp.write('AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0310Z_Later00000000000.json.gz', '{"Records":[]}', true);
    const r = runCli('validate-digests', tmp.dir, '--keys', keys);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), `log afterLastDigest\t${later}\tDelivered after the newest digest given (2024-01-01T02:00:30Z); the next digest, about an hour later, lists it`);
    assert.match(r.stderr, /"verdict":"notYetCovered"/);
  });

  it('exits 1 and says the newest digest cannot be verified offline when its metadata is missing', () => {
    const chain = writeChain(tmp, 2);
    const keys = writeKeysFile(tmp, chain);
    rmSync(`${chain.digestPaths[1]}.metadata.json`);
    const r = runCli('validate-digests', tmp.dir, '--keys', keys);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^digest noSignature\t.*T020030Z\.json\.gz\tNo signature: .*cannot be verified offline/m);
  });

  it('exits 1 for a key outside its validity window and 2 for bad usage', () => {
    const chain = writeChain(tmp, 2);
    const keys = writeKeysFile(tmp, chain, { from: '2024-01-01T00:00:00Z', to: '2024-01-01T01:30:00Z' });
    const r = runCli('validate-digests', tmp.dir, '--keys', keys);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^digest keyOutsideValidity\t.*T020030Z\.json\.gz\tKey [0-9a-f]{32} was valid from 2024-01-01T00:00:00Z to 2024-01-01T01:30:00Z/m);
    assert.equal(runCli('validate-digests', tmp.dir).code, 2);
    assert.equal(runCli('validate-digests', tmp.dir, '--keys', join(tmp.dir, 'nope.json')).code, 2);
  });
});
