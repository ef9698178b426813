/**
 * Writes CloudTrail records to disk the way a trail delivers them to S3:
 * `AWSLogs/[<o-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`,
 * one gzipped `{"Records":[…]}` file per account, region and delivery window (Insights events under
 * `CloudTrail-Insight`). The local Athena endpoint and archive tests read this layout.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface TrailLayoutOptions {
  /** Organization id for an organization trail's layout (`o-…`); absent: an account trail. */
  readonly organizationId?: string;
  /** One file per this many minutes of events (CloudTrail delivers about every 5); default 5. */
  readonly deliveryMinutes?: number;
  /** Account of records without `recipientAccountId`; default `123456789012`. */
  readonly defaultAccount?: string;
}

/** What was written. */
export interface TrailLayoutSummary {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly records: number;
}

type Rec = Record<string, unknown>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The relative key of one delivered file. */
export function trailFileKey(account: string, region: string, deliveredAt: number, kind: 'CloudTrail' | 'CloudTrail-Insight', organizationId?: string): string {
  const d = new Date(deliveredAt);
  const day = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  const id = createHash('sha256').update(`${account}/${region}/${stamp}/${kind}`).digest('hex').slice(0, 16);
  return `AWSLogs/${organizationId ? `${organizationId}/` : ''}${account}/${kind}/${region}/${day}/${account}_${kind}_${region}_${stamp}_${id}.json.gz`;
}

/** Writes `records` under `root`; returns the files (absolute paths), in key order. */
export function writeTrailLayout(records: readonly Rec[], root: string, options: TrailLayoutOptions = {}): TrailLayoutSummary {
  const windowMs = (options.deliveryMinutes ?? 5) * 60_000;
  const groups = new Map<string, Rec[]>();
  for (const record of records) {
    const time = Date.parse(String(record.eventTime));
    const region = typeof record.awsRegion === 'string' ? record.awsRegion : undefined;
    if (Number.isNaN(time) || region === undefined) continue;
    const account = typeof record.recipientAccountId === 'string' ? record.recipientAccountId : (options.defaultAccount ?? '123456789012');
    // Delivered at the end of the window the event falls in.
    const deliveredAt = (Math.floor(time / windowMs) + 1) * windowMs;
    const kind = record.eventCategory === 'Insight' ? 'CloudTrail-Insight' : 'CloudTrail';
    const key = trailFileKey(account, region, deliveredAt, kind, options.organizationId);
    const list = groups.get(key) ?? [];
    list.push(record);
    groups.set(key, list);
  }
  const files: string[] = [];
  let bytes = 0;
  let count = 0;
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key) ?? [];
    const file = path.join(root, ...key.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const body = gzipSync(JSON.stringify({ Records: list }));
    fs.writeFileSync(file, body);
    files.push(file);
    bytes += body.byteLength;
    count += list.length;
  }
  return { files, bytes, records: count };
}
