/**
 * What a trail file's path says about it, without opening it: the S3 key layout
 * `AWSLogs/[o-id/]<account>/CloudTrail[-Insight|-Digest]/<region>/YYYY/MM/DD/<name>` and the file name
 * `<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<unique>.json.gz` (facts §3.1, §3.2).
 */

/** Which kind of CloudTrail object a path names. */
export type TrailFileKind = 'log' | 'insight' | 'digest' | 'other';

/** Facts read from a path; every field is optional because flat folders and exports carry none. */
export interface TrailPathInfo {
  readonly kind: TrailFileKind;
  readonly account?: string;
  /** `o-…` for organization trails. */
  readonly organizationId?: string;
  readonly region?: string;
  /**
   * Delivery time (epoch ms, UTC) from the file name: every record in the file was written at or
   * before it. For digests, the digest end time.
   */
  readonly deliveredAt?: number;
}

const LOG_NAME = /^(\d{12})_CloudTrail(-Insight)?_([a-z0-9-]+)_(\d{8}T\d{4}Z)_[A-Za-z0-9]+\.json(?:\.gz)?$/;
const DIGEST_NAME = /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_.+_[a-z0-9-]+_(\d{8}T\d{6}Z)\.json(?:\.gz)?$/;
const LAYOUT = /(?:^|\/)AWSLogs\/(?:(o-[a-z0-9]+)\/)?(\d{12})\/(CloudTrail|CloudTrail-Insight|CloudTrail-Digest)\/([a-z0-9-]+)\//;

/** Parses `YYYYMMDDTHHmmZ` or `YYYYMMDDTHHmmssZ` as UTC epoch ms. */
function parseCompactTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m as (string | undefined)[];
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Reads the kind, account, organization, region and delivery time from a file path (either `/` or
 * `\` separators). Unknown layouts give `{ kind: 'other' }` plus whatever the name alone tells.
 */
export function parseTrailPath(path: string): TrailPathInfo {
  const normalized = path.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  const layout = LAYOUT.exec(normalized);
  const folderKind = layout?.[3];
  const base = {
    ...(layout?.[1] ? { organizationId: layout[1] } : {}),
    ...(layout?.[2] ? { account: layout[2] } : {}),
    ...(layout?.[4] ? { region: layout[4] } : {}),
  };
  const digest = DIGEST_NAME.exec(name);
  if (digest || folderKind === 'CloudTrail-Digest') {
    const deliveredAt = digest ? parseCompactTime(digest[3]) : undefined;
    return {
      kind: 'digest',
      ...base,
      ...(digest && !base.account ? { account: digest[1] } : {}),
      ...(digest && !base.region ? { region: digest[2] } : {}),
      ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    };
  }
  const log = LOG_NAME.exec(name);
  if (log) {
    const deliveredAt = parseCompactTime(log[4]);
    return {
      kind: log[2] || folderKind === 'CloudTrail-Insight' ? 'insight' : 'log',
      ...base,
      account: base.account ?? log[1],
      region: log[3],
      ...(deliveredAt !== undefined ? { deliveredAt } : {}),
    };
  }
  if (folderKind === 'CloudTrail-Insight') return { kind: 'insight', ...base };
  if (folderKind === 'CloudTrail') return { kind: 'log', ...base };
  return { kind: 'other', ...base };
}

/**
 * True when a file may hold records in `[start, end]` (epoch ms): records are written before the
 * file's delivery, and delivery lags the record by at most `lagMs` (CloudTrail delivers within
 * minutes; late `DELIVERY_DELAY` records need a generous margin). Files without a delivery time
 * always may.
 */
export function mayContainTimeRange(info: TrailPathInfo, start: number, end: number, lagMs: number): boolean {
  if (info.deliveredAt === undefined) return true;
  return info.deliveredAt >= start && info.deliveredAt - lagMs <= end;
}
