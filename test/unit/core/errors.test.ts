import * as assert from 'node:assert/strict';
import { ExtensionError, UserCancelledError, errorMessageOf, isUserCancelled } from '../../../src/core/errors';

describe('core/errors', () => {
  it('ExtensionError keeps code, message and cause', () => {
    const cause = new Error('ExpiredTokenException');
    const err = new ExtensionError('ExpiredCredentials', 'Your SSO session expired: run aws sso login.', cause);
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'ExpiredCredentials');
    assert.equal(err.message, 'Your SSO session expired: run aws sso login.');
    assert.equal(err.cause, cause);
    assert.equal(err.name, 'ExtensionError');
    assert.equal(new ExtensionError('X', 'y').cause, undefined);
  });

  it('UserCancelledError is recognised, as is an AbortError', () => {
    const cancelled = new UserCancelledError();
    assert.ok(cancelled instanceof ExtensionError);
    assert.equal(cancelled.code, 'Cancelled');
    assert.ok(isUserCancelled(cancelled));
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(isUserCancelled(abort));
    assert.ok(!isUserCancelled(new Error('boom')));
    assert.ok(!isUserCancelled('Cancelled'));
  });

  it('errorMessageOf gives one line for anything thrown', () => {
    assert.equal(errorMessageOf(new Error('boom')), 'boom');
    assert.equal(errorMessageOf('plain'), 'plain');
    assert.equal(errorMessageOf({ a: 1 }), '{"a":1}');
    assert.equal(errorMessageOf(undefined), 'undefined');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(errorMessageOf(circular), '[object Object]');
  });
});
