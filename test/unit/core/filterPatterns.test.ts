// Filter values a user types into the lookup form, matched the way LookupEvents matches them: a `*`
// stands for any run of characters and every other character — regex syntax included — is literal,
// anchored at both ends. Resource names in the wild hold `.`, `+`, `(`, `$`, `[`, `|` and `\`
// (S3 keys, log groups, Secrets Manager names), so a pattern must never act as a regular expression.
import * as assert from 'node:assert/strict';
import { matchesAttribute, matchesText, planFilters, planQueryFilters } from '../../../src/core/filters';
import type { AttributeFilter } from '../../../src/core/query';
import { buildEvent } from './fixtures';

const named = (name: string): ReturnType<typeof buildEvent> => buildEvent({ resources: [{ type: 'AWS::S3::Object', name, arn: `arn:aws:s3:::bucket/${name}` }] });
const matches = (value: string, pattern: string): boolean => matchesAttribute(named(value), { key: 'ResourceName', value: pattern } satisfies AttributeFilter);

describe('core/filters: wildcard patterns take every other character literally', () => {
  // Each row: a name the pattern must not match although the pattern read as a regex would, and
  // the literal name it does match.
  const rows: [pattern: string, regexOnly: string, literal: string][] = [
    ['a.c*', 'abc', 'a.c-1'],
    ['a+b*', 'aab', 'a+b-1'],
    ['ab?c*', 'ac', 'ab?c-1'],
    ['a{2}*', 'aa', 'a{2}-1'],
    ['(a)*', 'a', '(a)-1'],
    ['a|b*', 'b', 'a|b-1'],
    ['[ab]*', 'a', '[ab]-1'],
    ['a\\d*', 'a1', 'a\\d-1'],
  ];
  for (const [pattern, regexOnly, literal] of rows) {
    it(`${pattern} matches ${literal} and not ${regexOnly}`, () => {
      assert.equal(matches(literal, pattern), true);
      assert.equal(matches(regexOnly, pattern), false);
    });
  }

  it('^ and $ inside a pattern are characters of the name, not anchors', () => {
    assert.equal(matches('x^y', 'x^*'), true);
    assert.equal(matches('cost$2024', '*$2024'), true);
    assert.equal(matches('a$b', 'a$*'), true);
  });

  it('a pattern is anchored at both ends: Attach* does not match DetachAttach, *Policy not PolicyX', () => {
    assert.equal(matches('DetachAttach', 'Attach*'), false);
    assert.equal(matches('PolicyX', '*Policy'), false);
    assert.equal(matches('Policy', '*Policy'), true);
    assert.equal(matches('Attach', 'Attach*'), true, '* also matches nothing');
  });
});

describe('core/filters: the filter box searches every field a row shows', () => {
  it('finds the session name, the error code and a resource type', () => {
    const event = buildEvent({
      principal: { key: 'arn:aws:iam::1:role/Ops', label: 'Ops', sessionLabel: 'maria-laptop', sessionKey: 'maria-laptop' },
      errorCode: 'ThrottlingException',
      resources: [{ type: 'AWS::KMS::Key', name: 'k-1', arn: 'arn:aws:kms:us-east-1:1:key/k-1' }],
    });
    for (const term of ['maria-laptop', 'throttlingexception', 'aws::kms::key']) assert.equal(matchesText(event, term), true, term);
  });
});

describe('core/filters: ReadOnly as the user picks it', () => {
  it('ReadOnly=true finds read-only events and is sent to the server', () => {
    assert.equal(matchesAttribute(buildEvent({ readOnly: true }), { key: 'ReadOnly', value: 'true' }), true);
    assert.equal(matchesAttribute(buildEvent({ readOnly: true }), { key: 'ReadOnly', value: 'false' }), false);
    assert.deepEqual(planFilters([{ key: 'ReadOnly', value: 'true' }]), { server: { key: 'ReadOnly', value: 'true' }, local: [] });
  });

  it('hiding read-only events adds ReadOnly=false once, and only when no ReadOnly=false filter is there', () => {
    const readOnlyFalse: AttributeFilter = { key: 'ReadOnly', value: 'false' };
    assert.deepEqual(planQueryFilters({ filters: [readOnlyFalse], includeReadOnly: false }), { server: readOnlyFalse, local: [] });
    // A user name that happens to be "false" is not a ReadOnly filter.
    const user: AttributeFilter = { key: 'Username', value: 'false' };
    assert.deepEqual(planQueryFilters({ filters: [user], includeReadOnly: false }), { server: user, local: [readOnlyFalse] });
  });
});
