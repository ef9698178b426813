/**
 * Discovers where a bucket keeps its trail logs with a handful of delimiter listings — never a
 * walk of the bucket: `[prefix/]AWSLogs/[o-id/]<account>/CloudTrail[-Digest|-Insight]/<region>/`
 * (facts §3.1, §3.2), custom prefixes one level above `AWSLogs/`, organization trails. Day folders
 * are not listed here: a query names the days it needs (see `dayPrefixes`).
 */
import { ObjectAccessDenied } from '../../core/objectStoreErrors';
import type { TrailObjectStore } from './objectStore';

/** One account's trail folders. */
export interface TrailAccountLayout {
  readonly account: string;
  readonly organizationId?: string;
  /** `…/<account>/` */
  readonly prefix: string;
  /** Regions under `CloudTrail/` (an empty region folder is listed too). */
  readonly regions: readonly string[];
  readonly digestRegions: readonly string[];
  readonly insightRegions: readonly string[];
}

/** What discovery found. */
export interface BucketLayout {
  readonly bucket: string;
  /** Where the search started (`s3://bucket/<prefix>`). */
  readonly prefix: string;
  readonly accounts: readonly TrailAccountLayout[];
  /** Prefixes that answered AccessDenied: `{ prefix, message }`. The others were still read. */
  readonly denied: readonly { readonly prefix: string; readonly message: string }[];
}

const ACCOUNT = /^\d{12}$/;
const ORG = /^o-[a-z0-9]{10,32}$/;
/** Custom prefixes searched for `AWSLogs/` when the given prefix has none directly. */
const MAX_CUSTOM_PREFIXES = 50;

const lastPart = (prefix: string): string => prefix.replace(/\/$/, '').split('/').pop() ?? '';

/** Discovers the layout under `prefix` (empty or ending in `/`). */
export async function discoverLayout(s3: TrailObjectStore, bucket: string, prefix: string, signal?: AbortSignal): Promise<BucketLayout> {
  const denied: { prefix: string; message: string }[] = [];
  const level = async (p: string): Promise<string[]> => {
    try {
      return (await s3.listLevel(bucket, p, signal)).prefixes;
    } catch (err) {
      if (err instanceof ObjectAccessDenied) {
        denied.push({ prefix: p, message: err.message });
        return [];
      }
      throw err;
    }
  };
  const bases: string[] = [];
  if (/(^|\/)AWSLogs\/$/.test(prefix)) bases.push(prefix);
  else if (prefix.includes('AWSLogs/')) bases.push(prefix.slice(0, prefix.indexOf('AWSLogs/') + 'AWSLogs/'.length));
  else {
    const top = await level(prefix);
    if (top.includes(`${prefix}AWSLogs/`)) bases.push(`${prefix}AWSLogs/`);
    else {
      for (const custom of top.slice(0, MAX_CUSTOM_PREFIXES)) if ((await level(custom)).includes(`${custom}AWSLogs/`)) bases.push(`${custom}AWSLogs/`);
    }
  }
  const accounts: TrailAccountLayout[] = [];
  const addAccount = async (accountPrefix: string, organizationId?: string): Promise<void> => {
    const kinds = await level(accountPrefix);
    // Denied or empty: nothing to read there (a denied prefix is already in `denied`).
    if (kinds.length === 0) return;
    const regionsOf = async (kind: string): Promise<string[]> => (kinds.includes(`${accountPrefix}${kind}/`) ? (await level(`${accountPrefix}${kind}/`)).map(lastPart) : []);
    accounts.push({
      account: lastPart(accountPrefix),
      ...(organizationId !== undefined ? { organizationId } : {}),
      prefix: accountPrefix,
      regions: await regionsOf('CloudTrail'),
      digestRegions: await regionsOf('CloudTrail-Digest'),
      insightRegions: await regionsOf('CloudTrail-Insight'),
    });
  };
  for (const base of bases) {
    // A prefix below AWSLogs/ (one account or organization) narrows the search.
    const rest = prefix.startsWith(base) ? prefix.slice(base.length).split('/').filter((s) => s !== '') : [];
    for (const child of await level(base)) {
      const name = lastPart(child);
      if (rest.at(0) !== undefined && rest.at(0) !== name) continue;
      if (ACCOUNT.test(name)) await addAccount(child);
      else if (ORG.test(name)) {
        for (const member of await level(child)) {
          const account = lastPart(member);
          if (ACCOUNT.test(account) && (rest.at(1) === undefined || rest.at(1) === account)) await addAccount(member, name);
        }
      }
    }
  }
  return { bucket, prefix, accounts, denied };
}

/**
 * The day folders (`…/CloudTrail/<region>/YYYY/MM/DD/`) that can hold records of `[start, end]`:
 * files are named and filed by delivery time, which follows the record by up to `lagMs`.
 */
export function dayPrefixes(regionPrefix: string, start: number, end: number, lagMs: number): { prefix: string; dayEnd: number }[] {
  const out: { prefix: string; dayEnd: number }[] = [];
  const first = new Date(start);
  let day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
  const last = end + lagMs;
  const pad = (n: number): string => String(n).padStart(2, '0');
  for (; day <= last; day += 86_400_000) {
    const d = new Date(day);
    out.push({ prefix: `${regionPrefix}${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/`, dayEnd: day + 86_400_000 });
  }
  return out;
}
