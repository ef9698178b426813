import * as assert from 'node:assert/strict';
import { integrityBadge } from '../../../../src/host/tree/integrityBadge';
import { buildEvent } from '../../core/fixtures';

describe('host/tree/integrityBadge', () => {
  const at = (file: string) => buildEvent({ id: file, origin: { file, key: `AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/${file}`, recordIndex: 3 } });
  const index = {
    'ok.json.gz': { status: 'verified' as const, reason: 'hashMatches', message: 'ok' },
    'bad.json.gz': { status: 'altered' as const, reason: 'hashDiffers', message: 'hash differs' },
    'late.json.gz': { status: 'notYetCovered' as const, reason: 'afterLastDigest', message: 'after the last digest' },
  };

  it('marks events of altered, unlisted and not-yet-covered files once validation ran', () => {
    assert.equal(integrityBadge(at('bad.json.gz'), index), 'ALTERED');
    assert.equal(integrityBadge(at('late.json.gz'), index), 'not yet covered by a digest');
    assert.equal(integrityBadge(at('other.json.gz'), index), 'UNVERIFIED');
  });

  it('leaves verified events, API events and never-validated archives unmarked', () => {
    assert.equal(integrityBadge(at('ok.json.gz'), index), undefined);
    assert.equal(integrityBadge(buildEvent(), index), undefined);
    assert.equal(integrityBadge(at('bad.json.gz'), undefined), undefined);
  });
});
