import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../src/core/event';
import { matchesQueryLocally } from '../../../src/core/filters';
import type { TrailEvent } from '../../../src/core/model';
import { deriveFailure, failureOf, isFailed } from '../../../src/core/outcome';
import { buildEvent, sampleRecord, type SampleRef } from './fixtures';

function normalized(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}

const SIGN_IN = 'aws-cloudtrail-user-guide:doc_source/cloudtrail-event-reference-aws-console-sign-in-events.md@c7adfd8';
const IAM_GUIDE = 'iam-user-guide:doc_source/cloudtrail-integration.md@e2b8637';
const SSO_SIGN_IN = 'aws-single-sign-on-user-guide:doc_source/understanding-sign-in-events.md@1a4526f';

/**
 * Every row is a real record of test/fixtures/records.jsonl (named by its documentation page,
 * event name and id); the expected outcome is what the record itself says.
 */
const cases: { why: string; ref: SampleRef; failed: boolean; signal?: string; summary?: string }[] = [
  {
    why: 'a failed IAM-user console sign-in: errorMessage + responseElements.ConsoleLogin "Failure", no errorCode',
    ref: { source: SIGN_IN, eventName: 'ConsoleLogin', eventID: 'd38ce1b3-4575-4cb8-a632-611b8243bfc3' },
    failed: true,
    signal: 'responseElements',
    summary: 'Failed authentication',
  },
  {
    why: 'a failed root console sign-in',
    ref: { source: SIGN_IN, eventName: 'ConsoleLogin', eventID: 'a4fbbe77-91a0-4238-804a-64314184edb6' },
    failed: true,
    signal: 'responseElements',
    summary: 'Failed authentication',
  },
  {
    why: 'a sign-in with a mistyped user name (HIDDEN_DUE_TO_SECURITY_REASONS)',
    ref: { source: IAM_GUIDE, eventName: 'ConsoleLogin', eventID: 'a7654656-0417-45c6-9386-ea8231385051' },
    failed: true,
    signal: 'responseElements',
    summary: 'No username found in supplied account',
  },
  { why: 'a successful sign-in', ref: { source: SIGN_IN, eventName: 'ConsoleLogin', eventID: '3fcfb182-98f8-4744-bd45-10a395ab61cb' }, failed: false },
  { why: 'a successful CheckMfa (responseElements.CheckMfa "Success")', ref: { source: SIGN_IN, eventName: 'CheckMfa' }, failed: false },
  {
    why: 'an Identity Center credential check that failed (serviceEventDetails.CredentialVerification "Failure")',
    ref: { source: SSO_SIGN_IN, eventName: 'CredentialVerification', eventID: '9160fe06-fc2a-474f-9b78-000ee067a09d' },
    failed: true,
    signal: 'serviceEventDetails',
    summary: 'CredentialVerification: Failure',
  },
  { why: 'an Identity Center credential check that passed', ref: { source: SSO_SIGN_IN, eventName: 'CredentialVerification', eventID: 'c49640f6-0c8a-43d3-a6e0-900e3bb188d4' }, failed: false },
  {
    why: 'an API error with errorCode and errorMessage',
    ref: { source: 'cloudtrail-log-file-examples.md@c7adfd8', eventName: 'UpdateTrail' },
    failed: true,
    signal: 'errorCode',
    summary: 'TrailNotFoundException',
  },
  { why: 'AccessDenied', ref: { source: 'aws-lambda-developer-guide:doc_source/logging-using-cloudtrail.md', eventName: 'GetFunction' }, failed: true, signal: 'errorCode', summary: 'AccessDenied' },
  {
    why: 'a service event that reports a failure in errorMessage only',
    ref: { source: 'aws-secrets-manager-docs:doc_source/retrieve-ct-entries.md', eventName: 'RotationFailed' },
    failed: true,
    signal: 'errorMessage',
  },
  {
    why: 'Cognito hosted UI: empty errorCode/errorMessage and additionalEventData.responseParameters.status 200',
    ref: { source: 'amazon-cognito-developer-guide', eventName: 'Login_GET' },
    failed: false,
  },
  { why: 'an Organizations account creation that SUCCEEDED', ref: { source: 'aws-organizations-docs', eventName: 'CreateAccountResult' }, failed: false },
];

describe('core/outcome: failure defined once, from every documented signal', () => {
  for (const c of cases) {
    it(`${c.failed ? 'failed' : 'succeeded'}: ${c.why}`, () => {
      const record = sampleRecord(c.ref);
      const event = normalized(record);
      assert.equal(isFailed(event), c.failed);
      assert.equal(event.failure !== undefined, c.failed, 'the event model carries the outcome computed at normalisation');
      if (c.signal !== undefined) assert.equal(event.failure?.signal, c.signal);
      if (c.summary !== undefined) assert.equal(event.failure?.summary, c.summary);
      assert.deepEqual(deriveFailure(record), event.failure);
    });
  }

  it('"errors only" keeps failed console sign-ins that have no errorCode', () => {
    const failedLogin = normalized(sampleRecord(cases[0].ref));
    const success = normalized(sampleRecord(cases[3].ref));
    const plan = { local: [] };
    assert.equal(matchesQueryLocally(failedLogin, plan, { includeReadOnly: true, errorsOnly: true }), true);
    assert.equal(matchesQueryLocally(success, plan, { includeReadOnly: true, errorsOnly: true }), false);
  });

  describe('generated records', () => {
    const base = { eventName: 'X', eventTime: '2026-01-01T00:00:00Z' };
    const outcomes: [string, Record<string, unknown>, boolean][] = [
      ['SwitchRole Failure', { eventName: 'SwitchRole', responseElements: { SwitchRole: 'Failure' } }, true],
      ['SwitchRole Success', { eventName: 'SwitchRole', responseElements: { SwitchRole: 'Success' } }, false],
      ['CheckMfa Failure', { eventName: 'CheckMfa', responseElements: { CheckMfa: 'Failure' } }, true],
      ['ExitRole FAILED (any case)', { eventName: 'ExitRole', responseElements: { ExitRole: 'FAILED' } }, true],
      ['an outcome under another event name is not this call’s outcome', { eventName: 'GetSigninToken', responseElements: { ConsoleLogin: 'Failure' } }, false],
      ['Organizations createAccountStatus FAILED', { eventName: 'CreateAccountResult', serviceEventDetails: { createAccountStatus: { state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS' } } }, true],
      ['Cognito HTTP 400 in additionalEventData.responseParameters', { eventName: 'Login_POST', additionalEventData: { responseParameters: { status: 400 } } }, true],
      ['Cognito HTTP 302', { eventName: 'Login_POST', additionalEventData: { responseParameters: { status: 302 } } }, false],
      ['whitespace-only errorCode and errorMessage', { errorCode: '  ', errorMessage: '' }, false],
      ['responseElements null', { responseElements: null, serviceEventDetails: 'odd' }, false],
    ];
    for (const [label, extra, failed] of outcomes) {
      it(`${failed ? 'failed' : 'succeeded'}: ${label}`, () => {
        assert.equal(deriveFailure({ ...base, ...extra }) !== undefined, failed);
        assert.equal(isFailed(normalized({ ...base, ...extra })), failed);
      });
    }

    it('never throws on odd shapes and gives a bounded summary', () => {
      for (const odd of [null, 3, 'x', [], { responseElements: [] }, { errorMessage: 'y'.repeat(5000) }, { additionalEventData: { responseParameters: { status: '500' } } }]) {
        const failure = deriveFailure(odd);
        if (failure !== undefined) assert.ok(failure.summary.length <= 120);
      }
    });

    it('failureOf reads the field, and falls back to errorCode/errorMessage for events built elsewhere (console CSV rows)', () => {
      assert.equal(failureOf(buildEvent({ errorCode: 'AccessDenied' }))?.summary, 'AccessDenied');
      assert.equal(failureOf(buildEvent({ errorMessage: 'Failed authentication' }))?.summary, 'Failed authentication');
      assert.equal(failureOf(buildEvent({ failure: { signal: 'responseElements', summary: 'Failure' } }))?.summary, 'Failure');
      assert.equal(failureOf(buildEvent()), undefined);
    });
  });
});
