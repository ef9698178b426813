/**
 * Where a digest's own signature comes from. CloudTrail stores it only as S3 object metadata
 * (`x-amz-meta-signature`, hex, and `x-amz-meta-signature-algorithm`); for every digest but the
 * newest, the next digest's `previousDigestSignature` carries it too. Offline, the newest one
 * therefore needs a sidecar. The validator asks a {@link DigestSignatureProvider}, so an S3
 * source can answer from `HeadObject` metadata instead.
 */
import { readFile } from 'node:fs/promises';

/** A digest's own signature as found. */
export interface DigestSignature {
  /** Lower-case hex, as stored (not checked here: the validator says what is wrong with it). */
  readonly signature: string;
  /** `signature-algorithm` metadata, when the source has it. */
  readonly algorithm?: string;
  /** What it came from, for the report (e.g. `sidecar x.json.gz.metadata.json`, `S3 metadata`). */
  readonly from: string;
}

/** The digest being asked about. */
export interface DigestRef {
  /** The local path (or URI) the digest was read from. */
  readonly path: string;
  /** Its `digestS3Bucket` and `digestS3Object`. */
  readonly bucket: string;
  readonly s3Object: string;
}

/** Answers "what is this digest's own signature?"; undefined when it does not know. */
export interface DigestSignatureProvider {
  signatureOf(digest: DigestRef): Promise<DigestSignature | undefined>;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Sidecars beside a digest: `<digest>.metadata.json` (`aws s3api head-object` output:
 * `Metadata.signature`, `Metadata["signature-algorithm"]`), `<digest>.sig` or `<digest>.signature`
 * (hex text).
 */
export function sidecarSignatures(): DigestSignatureProvider {
  return {
    async signatureOf(digest) {
      const meta = await readText(`${digest.path}.metadata.json`);
      if (meta !== undefined) {
        try {
          const parsed = JSON.parse(meta) as { Metadata?: Record<string, unknown> } | null;
          const sig = parsed?.Metadata?.signature;
          const algorithm = parsed?.Metadata?.['signature-algorithm'];
          if (typeof sig === 'string') {
            return { signature: sig.trim().toLowerCase(), ...(typeof algorithm === 'string' ? { algorithm } : {}), from: 'sidecar .metadata.json' };
          }
        } catch {
          // not head-object output: try the plain sidecars
        }
      }
      for (const suffix of ['.sig', '.signature']) {
        const text = await readText(digest.path + suffix);
        if (text !== undefined && text.trim() !== '') return { signature: text.trim().toLowerCase(), from: `sidecar ${suffix}` };
      }
      return undefined;
    },
  };
}

/** Signatures collected elsewhere, keyed by `bucket/key`, the key, or the digest's file name. */
export function mapSignatures(map: ReadonlyMap<string, string>): DigestSignatureProvider {
  return {
    signatureOf(digest) {
      const name = digest.s3Object.slice(digest.s3Object.lastIndexOf('/') + 1);
      const sig = map.get(`${digest.bucket}/${digest.s3Object}`) ?? map.get(digest.s3Object) ?? map.get(name);
      return Promise.resolve(sig === undefined ? undefined : { signature: sig.trim().toLowerCase(), from: 'signatures map' });
    },
  };
}

/** Asks each provider in turn; the first answer wins. */
export function firstSignature(...providers: readonly DigestSignatureProvider[]): DigestSignatureProvider {
  return {
    async signatureOf(digest) {
      for (const provider of providers) {
        const found = await provider.signatureOf(digest);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}
