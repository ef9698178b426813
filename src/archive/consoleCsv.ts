/**
 * The console's Event history "Download events → CSV" export (facts §3.3). A row is a summary, not
 * a CloudTrail record: there is no `userIdentity`, no request or response. Events built from it are
 * marked `partial` and keep the row itself as `raw`, so nothing pretends to know what the file
 * does not say.
 */
import type { EventResource, NormalizeResult, Principal, TrailEvent } from '../core/model';
import { parseIsoTime } from '../core/eventTime';
import { deriveService } from '../core/service';

/** The columns this reader needs; others are kept in `raw` only. */
const REQUIRED = ['Event time', 'Event name', 'Event ID'] as const;

/** True when a header row looks like the console export. */
export function isConsoleCsvHeader(header: readonly string[]): boolean {
  return REQUIRED.every((column) => header.includes(column));
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parseBool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function parseResources(value: string | undefined): EventResource[] {
  const text = nonEmpty(value);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    const resources: EventResource[] = [];
    for (const item of parsed as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { resourceType, resourceName } = item as { resourceType?: unknown; resourceName?: unknown };
      if (typeof resourceName !== 'string' || resourceName === '') continue;
      resources.push({
        name: resourceName,
        ...(typeof resourceType === 'string' && resourceType ? { type: resourceType } : {}),
        ...(resourceName.startsWith('arn:') ? { arn: resourceName } : {}),
      });
    }
    return resources;
  } catch {
    return [];
  }
}

function principalFromUserName(userName: string | undefined): Principal {
  // The export gives only the LookupEvents "User name" (a user, role session or service name):
  // the identity type and ARN are unknown, so the principal says so instead of guessing.
  if (!userName) return { key: 'unknown', label: 'unknown', type: 'Unknown' };
  return { key: `userName:${userName}`, label: userName, type: 'Unknown', userName };
}

/**
 * Turns one CSV data row into a partial event. `header` is the file's first row; `index` the data
 * row's position (0-based, header excluded).
 */
export function consoleCsvRowToEvent(header: readonly string[], row: readonly string[], index: number): NormalizeResult {
  const raw: Record<string, string> = {};
  header.forEach((column, i) => {
    raw[column] = row[i] ?? '';
  });
  const id = nonEmpty(raw['Event ID']);
  const name = nonEmpty(raw['Event name']);
  const timeText = nonEmpty(raw['Event time']);
  // The console writes UTC; a time without a zone is UTC, never the machine's zone.
  const parsedTime = timeText === undefined ? undefined : parseIsoTime(timeText);
  if (!id || !name || !parsedTime?.ok) {
    const missing = [!id && 'Event ID', !name && 'Event name', parsedTime === undefined && 'Event time'].filter(Boolean).join(', ');
    const problems = [missing && `missing ${missing}`, parsedTime?.ok === false && `Event time ${parsedTime.reason}`].filter(Boolean).join('; ');
    return { ok: false, error: { error: `CSV row ${index + 2}: ${problems}`, index } };
  }
  const time = parsedTime.ms;
  const source = nonEmpty(raw['Event source']) ?? '';
  const readOnly = parseBool(raw['Read-only']);
  const errorCode = nonEmpty(raw['Error code']);
  const sourceIp = nonEmpty(raw['Source IP address']);
  const userAgent = nonEmpty(raw['User agent']);
  const requestId = nonEmpty(raw['Request ID']);
  const account = nonEmpty(raw['Recipient Account Id']);
  const category = nonEmpty(raw['Event category']);
  const eventType = nonEmpty(raw['Event type']);
  const event: TrailEvent = {
    id,
    time,
    name,
    service: deriveService(source),
    region: nonEmpty(raw['AWS region']) ?? '',
    principal: principalFromUserName(nonEmpty(raw['User name'])),
    resources: parseResources(raw.Resources),
    raw,
    partial: true,
    ...(account ? { account } : {}),
    ...(sourceIp ? { sourceIp } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(readOnly !== undefined ? { readOnly } : {}),
    ...(category ? { category } : {}),
    ...(eventType ? { eventType } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(requestId ? { requestId } : {}),
  };
  return { ok: true, event };
}
