/**
 * Verifies one digest as AWS's documented procedure does (facts §3.2): it must sit at the key it
 * names, name the `SHA256withRSA` algorithm, carry a signature made by a CloudTrail public key that
 * was valid at the digest's end time, and that RSA PKCS#1 v1.5 SHA-256 signature must verify over
 * the signing string. Each way to fail has its own reason.
 */
import { verify } from 'node:crypto';
import { awsLogsKey } from '../objectKey';
import { type DigestFile, digestSigningString } from './digestFile';
import type { DigestCheck } from './integrityTypes';
import type { TrailPublicKey } from './publicKeys';
import type { DigestSignature } from './signatures';

/** The only algorithm CloudTrail signs digests with. */
export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/** A digest read from its file, with the key its local path gives. */
export interface LoadedDigest {
  readonly file: DigestFile;
  readonly key?: string;
}

/** The signatures known for a digest: its own (metadata/sidecar) and the one its successor recorded. */
export interface SignatureCandidates {
  readonly own?: DigestSignature;
  readonly carried?: { readonly signature: string; readonly carrierPath: string };
}

function keyBytes(key: TrailPublicKey): number | undefined {
  const bits = key.key.asymmetricKeyDetails?.modulusLength;
  return bits === undefined ? undefined : Math.ceil(bits / 8);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Checks one digest; never throws. */
export function checkDigest(digest: LoadedDigest, signatures: SignatureCandidates, keys: ReadonlyMap<string, TrailPublicKey>): DigestCheck {
  const f = digest.file.fields;
  const base = { path: digest.file.path, ...(digest.key !== undefined ? { key: digest.key } : {}), digestEndTime: f.digestEndTime, fingerprint: f.digestPublicKeyFingerprint };
  const named = awsLogsKey(f.digestS3Object);
  if (digest.key !== named) {
    const here = digest.key ?? 'a path outside the AWSLogs/ layout';
    return { ...base, status: 'moved', reason: 'moved', message: `Not where CloudTrail put it: the digest says it is ${f.digestS3Bucket}/${f.digestS3Object}, but it was found at ${here}` };
  }
  if (f.digestSignatureAlgorithm !== SIGNATURE_ALGORITHM) {
    return { ...base, status: 'invalidSignature', reason: 'unknownSignatureAlgorithm', message: `Unknown signature algorithm "${f.digestSignatureAlgorithm}": CloudTrail signs digests only with ${SIGNATURE_ALGORITHM}` };
  }
  const { own, carried } = signatures;
  const signature = own?.signature ?? carried?.signature;
  if (signature === undefined) {
    return {
      ...base,
      status: 'unsigned',
      reason: 'noSignature',
      message:
        `No signature: CloudTrail keeps a digest's signature only in its S3 object metadata (x-amz-meta-signature) and no later digest given carries it, so this digest cannot be verified offline. ` +
        `Save \`aws s3api head-object --bucket ${f.digestS3Bucket} --key ${f.digestS3Object}\` output as ${digest.file.path}.metadata.json`,
    };
  }
  const source = own !== undefined ? { signatureSource: 'own' as const, signatureFrom: own.from } : { signatureSource: 'nextDigest' as const, signatureFrom: `next digest ${carried?.carrierPath ?? ''}`, carrierPath: carried?.carrierPath ?? '' };
  const withSig = { ...base, ...source, signature };
  if (own?.algorithm !== undefined && own.algorithm !== SIGNATURE_ALGORITHM) {
    return { ...withSig, status: 'invalidSignature', reason: 'unknownSignatureAlgorithm', message: `Unknown signature algorithm "${own.algorithm}" in the object metadata: CloudTrail signs digests only with ${SIGNATURE_ALGORITHM}` };
  }
  const key = keys.get(f.digestPublicKeyFingerprint);
  if (!key) {
    return { ...withSig, status: 'noKey', reason: 'unknownKey', message: `No CloudTrail public key with fingerprint ${f.digestPublicKeyFingerprint} was given (ListPublicKeys in the trail's home region for this time)` };
  }
  const end = Date.parse(f.digestEndTime);
  if (Number.isNaN(end) || (key.validFrom !== undefined && end < key.validFrom) || (key.validTo !== undefined && end > key.validTo)) {
    const window = `${key.validFrom !== undefined ? iso(key.validFrom) : '…'} to ${key.validTo !== undefined ? iso(key.validTo) : '…'}`;
    return { ...withSig, status: 'noKey', reason: 'keyOutsideValidity', message: `Key ${f.digestPublicKeyFingerprint} was valid from ${window}, not at the digest's end time ${f.digestEndTime}` };
  }
  const expected = keyBytes(key);
  if (!/^[0-9a-f]+$/.test(signature) || signature.length % 2 !== 0 || (expected !== undefined && signature.length / 2 !== expected)) {
    const got = /^[0-9a-f]*$/.test(signature) ? `${signature.length} hex digits` : 'not hex';
    return { ...withSig, status: 'invalidSignature', reason: 'malformedSignature', message: `Malformed signature (${got}; a ${(expected ?? 0) * 8}-bit key signs ${(expected ?? 0) * 2} hex digits): truncated or not a signature` };
  }
  const valid = verify('sha256', Buffer.from(digestSigningString(digest.file), 'utf8'), key.key, Buffer.from(signature, 'hex'));
  return valid
    ? { ...withSig, status: 'valid', reason: 'signatureValid', message: `Signature valid (${SIGNATURE_ALGORITHM}, key ${f.digestPublicKeyFingerprint})` }
    : { ...withSig, status: 'invalidSignature', reason: 'signatureMismatch', message: `Signature does not match: the digest was altered after signing, or the signature belongs to another digest (from ${source.signatureFrom})` };
}
