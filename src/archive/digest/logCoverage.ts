/**
 * Which local log files the digests vouch for. A file is matched to a digest entry by its S3 key
 * from `AWSLogs/` on (see `objectKey.ts`), never by its name; every local file claiming a listed
 * key is hashed. Files no digest lists are placed in time against the digests of their account and
 * region: newer than the newest digest is "not yet covered", anything else is unverified.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { awsLogsKey } from '../objectKey';
import { parseTrailPath } from '../trailPath';
import { s3PathOf } from './chainLinks';
import type { DigestFile, DigestLogFile } from './digestFile';
import type { LocalFileCheck, LogFileCheck } from './integrityTypes';

/** SHA-256 (hex) of a file's uncompressed content, streaming. */
export async function hashUncompressed(path: string): Promise<string> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256');
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) hash.update(chunk);
  };
  if (head[0] === 0x1f && head[1] === 0x8b) await pipeline(createReadStream(path), createGunzip(), sink);
  else await pipeline(createReadStream(path), sink);
  return hash.digest('hex');
}

/** A local log file and its key. */
export interface LocalLogFile {
  readonly path: string;
  readonly key?: string;
}

/** A readable digest and whether its signature verified. */
export interface CheckedDigest {
  readonly file: DigestFile;
  readonly verified: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A file's delivery minute ends up to a minute later; a digest may list it only after that. */
const NAME_RESOLUTION_MS = 60_000;

interface Listing {
  readonly entry: DigestLogFile;
  readonly digest: CheckedDigest;
}

type Hashed = { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly message: string };

function groupOf(key: string): string | undefined {
  const info = parseTrailPath(key);
  return info.account !== undefined && info.region !== undefined ? `${info.organizationId ?? ''}/${info.account}/${info.region}` : undefined;
}

/** Compares local files with what the digests list. Never throws for bad files. */
export async function checkLogCoverage(
  digests: readonly CheckedDigest[],
  local: readonly LocalLogFile[],
  signal?: AbortSignal,
  hash: (path: string) => Promise<string> = hashUncompressed,
): Promise<{ listed: LogFileCheck[]; files: LocalFileCheck[] }> {
  const listings = new Map<string, Listing>();
  for (const digest of digests) {
    for (const entry of digest.file.fields.logFiles) {
      const key = awsLogsKey(entry.s3Object);
      const known = listings.get(key);
      // A key listed twice: the listing of a verified digest counts.
      if (!known || (!known.digest.verified && digest.verified)) listings.set(key, { entry, digest });
    }
  }
  const hashes = new Map<string, Hashed>();
  const hashOf = async (path: string): Promise<Hashed> => {
    signal?.throwIfAborted();
    let result = hashes.get(path);
    if (result === undefined) {
      result = await hash(path).then(
        (hash): Hashed => ({ ok: true, hash }),
        (err: unknown): Hashed => ({ ok: false, message: err instanceof Error ? err.message : String(err) }),
      );
      hashes.set(path, result);
    }
    return result;
  };

  const judge = async (path: string, listing: Listing): Promise<Pick<LocalFileCheck, 'status' | 'reason' | 'message'>> => {
    const { entry, digest } = listing;
    if (entry.hashAlgorithm !== 'SHA-256') return { status: 'unverified', reason: 'unknownHashAlgorithm', message: `Listed with unknown hash algorithm "${entry.hashAlgorithm}": CloudTrail hashes log files with SHA-256` };
    const hashed = await hashOf(path);
    if (!hashed.ok) return { status: 'unverified', reason: 'unreadable', message: `Cannot read: ${hashed.message}` };
    if (!digest.verified) return { status: 'unverified', reason: 'digestNotVerified', message: `Listed only by a digest that did not verify (${digest.file.path})` };
    if (hashed.hash !== entry.hashValue) return { status: 'altered', reason: 'hashMismatch', message: 'The content differs from the SHA-256 the digest recorded: altered after delivery' };
    return { status: 'verified', reason: 'hashMatches', message: 'SHA-256 matches the signed digest' };
  };

  const byKey = new Map<string, string[]>();
  for (const file of local) if (file.key !== undefined) byKey.set(file.key, [...(byKey.get(file.key) ?? []), file.path]);
  const listed: LogFileCheck[] = [];
  for (const [key, listing] of listings) {
    const s3Path = s3PathOf(listing.entry.s3Bucket, listing.entry.s3Object);
    const path = byKey.get(key)?.[0];
    const digestPath = listing.digest.file.path;
    if (path === undefined) {
      listed.push({ s3Path, status: 'missing', reason: 'missing', message: 'Listed by a digest but not found: deleted, renamed or not copied', digestPath });
      continue;
    }
    const verdict = await judge(path, listing);
    const status = verdict.status === 'verified' ? 'valid' : verdict.status === 'altered' ? 'altered' : verdict.reason === 'unreadable' ? 'unreadable' : 'unverified';
    const reason = verdict.reason === 'hashMismatch' ? 'hashMismatch' : verdict.reason === 'hashMatches' ? 'hashMatches' : (verdict.reason as LogFileCheck['reason']);
    listed.push({ s3Path, path, status, reason, message: verdict.message, digestPath });
  }

  // Time coverage per account and region, from every readable digest.
  const spans = new Map<string, { start: number; end: number }>();
  for (const d of digests) {
    const group = groupOf(awsLogsKey(d.file.fields.digestS3Object));
    if (group === undefined) continue;
    const span = spans.get(group) ?? { start: Infinity, end: -Infinity };
    spans.set(group, { start: Math.min(span.start, Date.parse(d.file.fields.digestStartTime)), end: Math.max(span.end, Date.parse(d.file.fields.digestEndTime)) });
  }
  const files: LocalFileCheck[] = [];
  for (const file of local) {
    const base = { path: file.path, ...(file.key !== undefined ? { key: file.key } : {}) };
    if (file.key === undefined) {
      files.push({ ...base, status: 'unverified', reason: 'notInLayout', message: 'Not in the AWSLogs/ layout, so its S3 key is unknown and no digest can vouch for it: keep the folders from AWSLogs/ on' });
      continue;
    }
    const listing = listings.get(file.key);
    if (listing) {
      const d = listing.digest.file;
      files.push({ ...base, ...(await judge(file.path, listing)), digestPath: d.path, digestKey: awsLogsKey(d.fields.digestS3Object), digestEndTime: d.fields.digestEndTime });
      continue;
    }
    const group = groupOf(file.key);
    const span = group === undefined ? undefined : spans.get(group);
    const delivered = parseTrailPath(file.key).deliveredAt;
    if (span === undefined) {
      files.push({ ...base, status: 'unverified', reason: 'noDigestForRegion', message: 'No digest for this account and region was given: copy its CloudTrail-Digest folder' });
    } else if (delivered !== undefined && delivered + NAME_RESOLUTION_MS > span.end) {
      files.push({ ...base, status: 'notYetCovered', reason: 'afterLastDigest', message: `Delivered after the newest digest given (${iso(span.end)}); the next digest, about an hour later, lists it` });
    } else if (delivered !== undefined && delivered < span.start) {
      files.push({ ...base, status: 'unverified', reason: 'beforeDigests', message: `Delivered before the oldest digest given (${iso(span.start)}): add older digests to check it` });
    } else {
      files.push({ ...base, status: 'unverified', reason: 'notListed', message: 'No digest lists this key although digests cover its time: added or renamed after delivery' });
    }
  }
  return { listed, files };
}
