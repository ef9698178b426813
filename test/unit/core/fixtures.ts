// Shared test helpers: the sample records and a builder for normalized events.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Principal, TrailEvent } from '../../../src/core/model';

/** Repository root, from out/test/unit/core at run time. */
export const repoRoot = path.join(__dirname, '..', '..', '..', '..');

/** The raw records of test/fixtures/records.jsonl, in file order. */
export function loadSampleRecords(): unknown[] {
  const text = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'records.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { record: unknown }).record);
}

/** A normalized event with sensible defaults; override any field. */
export function buildEvent(overrides: Partial<Omit<TrailEvent, 'principal'>> & { principal?: Partial<Principal> } = {}): TrailEvent {
  const { principal, ...rest } = overrides;
  return {
    id: 'evt-1',
    time: Date.UTC(2026, 0, 1, 12, 0, 0),
    name: 'RunInstances',
    service: { source: 'ec2.amazonaws.com', key: 'ec2', label: 'EC2' },
    region: 'us-east-1',
    principal: { key: 'arn:aws:iam::111122223333:user/alice', label: 'alice', type: 'IAMUser', userName: 'alice', ...principal },
    resources: [],
    raw: {},
    ...rest,
  };
}
