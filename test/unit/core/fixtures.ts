// Shared test helpers: the sample records and a builder for normalized events.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeLookupEvent } from '../../../src/core/event';
import type { Principal, TrailEvent } from '../../../src/core/model';
import { indexRecord, toWireEvent } from '../../../tools/local-cloudtrail/indexedEvent';

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

/** One line of test/fixtures/records.jsonl: the record and the AWS documentation page it was copied from. */
export interface SampleLine {
  /** `awsdocs/<repo>:<path>@<commit>`, as written in the file. */
  readonly source: string;
  readonly record: Record<string, unknown>;
}

/** Every sample line, with its source. */
export function loadSampleLines(): SampleLine[] {
  const text = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'records.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SampleLine);
}

/** What identifies one sample record: a piece of its source, its event name, and optionally its id or a predicate. */
export interface SampleRef {
  readonly source: string;
  readonly eventName: string;
  readonly eventID?: string;
  readonly where?: (record: Record<string, unknown>) => boolean;
}

/**
 * The sample records matching `ref` (source substring, eventName, eventID): every expected value in
 * a table-driven test names the real record it comes from this way. Throws when nothing matches,
 * so a renamed or removed fixture fails loudly instead of testing nothing.
 */
export function sampleRecords(ref: SampleRef): Record<string, unknown>[] {
  const found = loadSampleLines()
    .filter((l) => l.source.includes(ref.source) && l.record.eventName === ref.eventName && (ref.eventID === undefined || l.record.eventID === ref.eventID))
    .map((l) => l.record)
    .filter((r) => ref.where?.(r) ?? true);
  if (found.length === 0) throw new Error(`no sample record for ${JSON.stringify({ ...ref, where: ref.where ? 'predicate' : undefined })}`);
  return found;
}

/** The one sample record matching `ref` (the first when several copies of a page were kept). */
export function sampleRecord(ref: SampleRef): Record<string, unknown> {
  return sampleRecords(ref)[0];
}

/**
 * Records as the LookupEvents API returns them (the local endpoint indexes `Resources` like
 * CloudTrail: ids and names from the parameters, ARNs from `resources`), normalized by the core.
 */
export function asLookupEvents(records: readonly unknown[]): TrailEvent[] {
  const out: TrailEvent[] = [];
  for (const record of records) {
    const indexed = indexRecord(record);
    if (!indexed.ok) throw new Error(indexed.error);
    const wire = toWireEvent(indexed.event);
    const result = normalizeLookupEvent({ ...wire, EventTime: new Date(indexed.event.timeMs) });
    if (!result.ok) throw new Error(result.error.error);
    out.push(result.event);
  }
  return out;
}
