import * as assert from 'node:assert/strict';
import { describeFilters, lookupTitle, parseAroundMinutes, parseLookupRange, parseMoment, TIME_PRESETS, validateAttributeValue } from '../../../src/core/lookupQuery';
import { LOOKUP_ATTRIBUTE_KEYS } from '../../../src/core/filters';
import { ATTRIBUTE_ORDER } from '../../../src/core/lookupQuery';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DAY = 86_400_000;

describe('commands/lookupQuery', () => {
  it('offers all eight lookup attributes', () => {
    assert.deepEqual([...ATTRIBUTE_ORDER].sort(), [...LOOKUP_ATTRIBUTE_KEYS].sort());
  });

  describe('validateAttributeValue', () => {
    it('accepts well-formed values and wildcards', () => {
      assert.equal(validateAttributeValue('EventName', 'UpdateWebACL'), undefined);
      assert.equal(validateAttributeValue('EventName', 'Delete*'), undefined);
      assert.equal(validateAttributeValue('AccessKeyId', 'AKIAIOSFODNN7EXAMPLE'), undefined);
      assert.equal(validateAttributeValue('AccessKeyId', 'ASIA4EXAMPLE1234567X'), undefined);
      assert.equal(validateAttributeValue('EventSource', 'iam.amazonaws.com'), undefined);
      assert.equal(validateAttributeValue('ResourceType', 'AWS::EC2::SecurityGroup'), undefined);
      assert.equal(validateAttributeValue('EventId', '3f1c0a52-7d9e-4b8a-9c11-2f5e6d7a8b90'), undefined);
      assert.equal(validateAttributeValue('ReadOnly', 'false'), undefined);
      assert.equal(validateAttributeValue('Username', 'jane.doe@example.com'), undefined);
    });
    it('explains what is wrong', () => {
      assert.match(validateAttributeValue('EventName', '') ?? '', /Enter a value/);
      assert.match(validateAttributeValue('EventName', 'Update Web ACL') ?? '', /no spaces/);
      assert.match(validateAttributeValue('AccessKeyId', 'mykey') ?? '', /AKIA/);
      assert.match(validateAttributeValue('EventSource', 'iam') ?? '', /ec2\.amazonaws\.com/);
      assert.match(validateAttributeValue('ResourceType', 'SecurityGroup') ?? '', /AWS::EC2::SecurityGroup/);
      assert.match(validateAttributeValue('EventId', '123') ?? '', /event id looks like/);
      assert.match(validateAttributeValue('ReadOnly', 'yes') ?? '', /true .* or false/);
      assert.match(validateAttributeValue('Username', '**') ?? '', /matches everything/);
    });
  });

  describe('time range', () => {
    it('every preset parses to a range ending now', () => {
      for (const preset of TIME_PRESETS) {
        const r = parseLookupRange(preset.range, NOW);
        assert.ok(r.ok, preset.range);
        assert.equal(r.end, NOW);
      }
      assert.deepEqual(TIME_PRESETS.map((p) => p.range), ['15m', '1h', '6h', '24h', '7d', '30d', '90d']);
    });
    it('reads ISO and local absolute ranges', () => {
      const r = parseLookupRange('2026-11-20T01:30Z .. 2026-11-20T02:30Z', NOW);
      assert.deepEqual(r, { ok: true, start: Date.UTC(2026, 10, 20, 1, 30), end: Date.UTC(2026, 10, 20, 2, 30) });
      const local = parseLookupRange('2026-11-20 01:30 .. 2026-11-20 02:30', NOW);
      assert.ok(local.ok);
    });
    it('rejects start after end, the future and more than 90 days ago, with clear messages', () => {
      const after = parseLookupRange('2026-11-20T03:00Z .. 2026-11-20T02:00Z', NOW);
      assert.ok(!after.ok);
      assert.match(after.message, /after the end/);
      const future = parseLookupRange('2026-12-01T00:00Z', NOW);
      assert.ok(!future.ok);
      assert.match(future.message, /in the future/);
      const old = parseLookupRange('2026-01-01T00:00Z', NOW);
      assert.ok(!old.ok);
      assert.match(old.message, /90 days/);
      const garbage = parseLookupRange('yesterday-ish', NOW);
      assert.ok(!garbage.ok);
      assert.match(garbage.message, /Could not read/);
    });
  });

  describe('moment', () => {
    it('reads ISO, local, now and durations ago', () => {
      assert.deepEqual(parseMoment('2026-11-21T02:00Z', NOW), { ok: true, time: Date.UTC(2026, 10, 21, 2) });
      assert.deepEqual(parseMoment('now', NOW), { ok: true, time: NOW });
      assert.deepEqual(parseMoment('3h', NOW), { ok: true, time: NOW - 3 * 3_600_000 });
      assert.ok(parseMoment('2026-11-21 02:00', NOW).ok);
    });
    it('rejects the future, too old and unreadable text', () => {
      const future = parseMoment('2026-11-22T00:00Z', NOW);
      assert.ok(!future.ok && future.message.includes('future'));
      const old = parseMoment(new Date(NOW - 91 * DAY).toISOString(), NOW);
      assert.ok(!old.ok && old.message.includes('90 days'));
      const bad = parseMoment('2am', NOW);
      assert.ok(!bad.ok && bad.message.includes('Could not read'));
      assert.ok(!parseMoment('', NOW).ok);
    });
    it('minutes around: 1 to 720', () => {
      assert.deepEqual(parseAroundMinutes('15'), { ok: true, minutes: 15 });
      assert.deepEqual(parseAroundMinutes('30 min'), { ok: true, minutes: 30 });
      assert.equal(parseAroundMinutes('0').ok, false);
      assert.equal(parseAroundMinutes('1.5').ok, false);
      assert.equal(parseAroundMinutes('1000').ok, false);
    });
  });

  it('titles say the filters, switches and range', () => {
    assert.equal(describeFilters([]), 'all events');
    assert.equal(
      lookupTitle([{ key: 'EventName', value: 'Delete*' }, { key: 'Username', value: 'alice' }], 'last 24 hours', { includeReadOnly: false, errorsOnly: true }),
      'EventName = Delete* AND Username = alice (write only, errors only) · last 24 hours',
    );
  });
});
