import * as assert from 'node:assert/strict';
import { isCancellation, UserCancelled } from '../../../src/host/cancellation';

describe('host/cancellation: the one cancellation', () => {
  it('recognises a dismissed prompt and an aborted signal, nothing else', () => {
    assert.ok(isCancellation(new UserCancelled()));
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(isCancellation(abort));
    assert.ok(!isCancellation(new Error('boom')));
    assert.ok(!isCancellation('Cancelled'));
  });
});
