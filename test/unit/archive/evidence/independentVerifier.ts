// An implementation of AWS's documented custom validation procedure ("Custom implementations of
// CloudTrail log file integrity validation"), written for the tests with node:crypto only and
// sharing no code with src/: it re-verifies an evidence bundle the way a third party would.
import { createHash, createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const inflate = (b: Buffer): Buffer => (b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b);

interface Digest {
  path: string;
  raw: Buffer;
  // Read as a third party would: untyped JSON, checked field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: Record<string, any>;
}

/** What the independent check concluded. */
export interface IndependentResult {
  /** Every problem found, in words. */
  problems: string[];
  verifiedDigests: string[];
  verifiedLogs: string[];
  /** Event ids whose record was found in a verified log at the stated position. */
  verifiedEvents: string[];
}

/**
 * `files`: the bundle, path → bytes. `trusted`: the CloudTrail public keys the verifier obtained
 * itself (DER PKCS#1 with their validity), never the bundle's copy.
 */
export function verifyBundle(files: ReadonlyMap<string, Buffer>, trusted: readonly { der: Buffer; from?: number; to?: number }[]): IndependentResult {
  const problems: string[] = [];
  // 0. The manifest covers every file and matches it.
  const manifest = new Map<string, string>();
  for (const line of (files.get('SHA256SUMS') ?? Buffer.alloc(0)).toString('utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) manifest.set(m[2], m[1]);
  }
  for (const [path, bytes] of files) {
    if (path === 'SHA256SUMS') continue;
    if (!manifest.has(path)) problems.push(`not in manifest: ${path}`);
    else if (manifest.get(path) !== sha256(bytes)) problems.push(`manifest mismatch: ${path}`);
  }
  for (const path of manifest.keys()) if (!files.has(path)) problems.push(`manifest lists a missing file: ${path}`);

  // 1. Keys by fingerprint (MD5 of the DER value).
  const keys = new Map<string, { key: KeyObject; from?: number; to?: number }>();
  for (const k of trusted) keys.set(createHash('md5').update(k.der).digest('hex'), { key: createPublicKey({ key: k.der, format: 'der', type: 'pkcs1' }), from: k.from, to: k.to });

  // 2. Digests.
  const digests: Digest[] = [];
  for (const [path, bytes] of files) {
    if (!path.includes('/CloudTrail-Digest/') || !path.endsWith('.json.gz')) continue;
    const raw = inflate(bytes);
    digests.push({ path, raw, json: JSON.parse(raw.toString('utf8')) });
  }
  const verified: Digest[] = [];
  for (const d of digests) {
    const j = d.json;
    if (!String(j.digestS3Object).endsWith(d.path)) {
      problems.push(`digest moved: ${d.path}`);
      continue;
    }
    if (j.digestSignatureAlgorithm !== 'SHA256withRSA') {
      problems.push(`digest algorithm: ${d.path}`);
      continue;
    }
    const meta = files.get(`${d.path}.metadata.json`);
    const successor = digests.find((o) => o.json.previousDigestS3Object === j.digestS3Object && o.json.previousDigestS3Bucket === j.digestS3Bucket);
    const signature: string | undefined = meta ? JSON.parse(meta.toString('utf8')).Metadata.signature : successor?.json.previousDigestSignature;
    const key = keys.get(j.digestPublicKeyFingerprint);
    const end = Date.parse(j.digestEndTime);
    if (signature === undefined || !key || (key.from !== undefined && end < key.from) || (key.to !== undefined && end > key.to)) {
      problems.push(`digest not verifiable: ${d.path}`);
      continue;
    }
    const toSign = [j.digestEndTime, `${j.digestS3Bucket}/${j.digestS3Object}`, sha256(d.raw), j.previousDigestSignature ?? 'null'].join('\n');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(toSign);
    if (verifier.verify(key.key, Buffer.from(signature, 'hex'))) verified.push(d);
    else problems.push(`digest signature invalid: ${d.path}`);
  }
  // 4. Chain links among the digests present.
  for (const d of verified) {
    const prev = digests.find((o) => o.json.digestS3Object === d.json.previousDigestS3Object);
    if (prev && sha256(prev.raw) !== d.json.previousDigestHashValue) problems.push(`chain hash: ${d.path}`);
  }
  // 3. Log files listed by verified digests.
  const verifiedLogs = new Set<string>();
  for (const d of verified) {
    for (const entry of d.json.logFiles as { s3Object: string; hashValue: string; hashAlgorithm: string }[]) {
      const path = entry.s3Object.slice(entry.s3Object.indexOf('AWSLogs/'));
      const bytes = files.get(path);
      if (!bytes) continue; // not part of this result set
      if (entry.hashAlgorithm === 'SHA-256' && sha256(inflate(bytes)) === entry.hashValue) verifiedLogs.add(path);
      else problems.push(`log hash: ${path}`);
    }
  }
  // Events: found in a verified log, at the position the bundle states.
  const verifiedEvents: string[] = [];
  const events = JSON.parse((files.get('events.json') ?? Buffer.from('{"events":[]}')).toString('utf8')).events as { eventID: string; file: string | null; recordIndex?: number }[];
  for (const e of events) {
    if (e.file === null || !verifiedLogs.has(e.file) || e.recordIndex === undefined) continue;
    const records = JSON.parse(inflate(files.get(e.file)!).toString('utf8')).Records as { eventID: string }[];
    if (records[e.recordIndex]?.eventID === e.eventID) verifiedEvents.push(e.eventID);
    else problems.push(`event not at its stated record: ${e.eventID}`);
  }
  return { problems, verifiedDigests: verified.map((d) => d.path).sort(), verifiedLogs: [...verifiedLogs].sort(), verifiedEvents: verifiedEvents.sort() };
}
