import * as assert from 'node:assert/strict';
import { ExtensionError } from '../../../src/core/errors';

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
});
