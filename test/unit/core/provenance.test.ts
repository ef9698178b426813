import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { integrityMark, isVerifiedEvent, provenanceLine, provenanceOf } from '../../../src/core/provenance';

function event(id: string, origin?: TrailEvent['origin']): TrailEvent {
  const result = normalizeRecord({ eventID: id, eventTime: '2024-01-01T01:00:00Z', eventName: 'PutObject', eventSource: 's3.amazonaws.com', awsRegion: 'us-east-1' }, 0);
  assert.ok(result.ok);
  return origin ? { ...result.event, origin } : result.event;
}

const KEY = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/111122223333_CloudTrail_us-east-1_20240101T0420Z_Log30000000000000.json.gz';
const DIGEST = 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/01/01/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240101T050030Z.json.gz';

describe('core/provenance', () => {
  const verified = event('a', { file: '/trails/a.json.gz', key: KEY, recordIndex: 12 });
  const altered = event('b', { file: '/trails/b.json.gz', key: KEY, recordIndex: 0 });
  const pending = event('c', { file: '/trails/c.json.gz', key: KEY, recordIndex: 3 });
  const flat = event('d', { file: '/flat/d.json', recordIndex: 1 });
  const api = event('e');
  const index = {
    '/trails/a.json.gz': { status: 'verified' as const, reason: 'hashMatches', message: 'SHA-256 matches the signed digest', digestKey: DIGEST, digestEndTime: '2024-01-01T05:00:30Z' },
    '/trails/b.json.gz': { status: 'altered' as const, reason: 'hashMismatch', message: 'differs', digestKey: DIGEST },
    '/trails/c.json.gz': { status: 'notYetCovered' as const, reason: 'afterLastDigest', message: 'Delivered after the newest digest given (2024-01-01T05:00:30Z)' },
    '/flat/d.json': { status: 'unverified' as const, reason: 'notInLayout', message: 'Not in the AWSLogs/ layout' },
  };

  it('says where an event came from and what verified it, in one line for the panel', () => {
    assert.equal(provenanceLine(provenanceOf(verified, index)!), `From ${KEY}, record 12 — verified by digest …T0500Z`);
    assert.equal(provenanceLine(provenanceOf(altered, index)!), `From ${KEY}, record 0 — ALTERED: its content differs from the hash in digest …T0500Z`);
    assert.equal(provenanceLine(provenanceOf(pending, index)!), `From ${KEY}, record 3 — not yet covered: Delivered after the newest digest given (2024-01-01T05:00:30Z)`);
    assert.equal(provenanceLine(provenanceOf(flat, index)!), 'From /flat/d.json, record 1 — UNVERIFIED: Not in the AWSLogs/ layout');
    assert.equal(provenanceLine(provenanceOf(verified)!), `From ${KEY}, record 12 — integrity not checked`);
    assert.equal(provenanceOf(api, index), undefined, 'API events have no file');
  });

  it('the verified-only filter keeps only events whose file a digest verified', () => {
    const all = [verified, altered, pending, flat, api];
    assert.deepEqual(all.filter(isVerifiedEvent(index)).map((e) => e.id), ['a']);
    assert.deepEqual(all.filter(isVerifiedEvent(undefined)).map((e) => e.id), [], 'before validation nothing is verified');
    assert.deepEqual(all.map((e) => integrityMark(e, index)), ['verified', 'altered', 'notYetCovered', 'unverified', undefined]);
    assert.equal(integrityMark(verified), 'unchecked');
  });

  it('does not read inherited properties of the index as results', () => {
    const hostile = event('x', { file: 'constructor', recordIndex: 0 });
    assert.equal(integrityMark(hostile, {}), 'unchecked');
  });

  it('provenance survives a JSON round trip (a store can persist it as is)', () => {
    const p = provenanceOf(verified, index);
    assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
  });
});
