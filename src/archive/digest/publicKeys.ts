/**
 * CloudTrail's public keys for digest signatures: from `ListPublicKeys` (the SDK's list shape,
 * declared here so this ring needs no SDK import) or from a keys file holding the output of
 * `aws cloudtrail list-public-keys` (values in base64).
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The shape of one `PublicKeyList` item of `ListPublicKeys`; an SDK `PublicKey` is assignable. */
export interface PublicKeyShape {
  /** DER-encoded PKCS#1 public key (the SDK gives bytes; the CLI prints base64). */
  readonly Value?: Uint8Array | string;
  readonly ValidityStartTime?: Date | string | number;
  readonly ValidityEndTime?: Date | string | number;
  readonly Fingerprint?: string;
}

/** A usable public key. */
export interface TrailPublicKey {
  /** Lower-case hex MD5 of the DER bytes, as digests name it in `digestPublicKeyFingerprint`. */
  readonly fingerprint: string;
  readonly key: KeyObject;
  /** The DER bytes as CloudTrail published them (PKCS#1, or SPKI), for evidence bundles. */
  readonly der: Uint8Array;
  /** Validity window (epoch ms) from `ListPublicKeys`; a digest signed outside it does not verify. */
  readonly validFrom?: number;
  readonly validTo?: number;
}

function toTime(value: Date | string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  // The CLI prints epoch seconds or ISO text depending on its configuration.
  const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** Loads a DER key: PKCS#1 as documented, else SPKI (one of AWS's own doc samples is SPKI). */
function loadDer(der: Buffer): KeyObject {
  try {
    return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
  } catch {
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

/**
 * Converts a `ListPublicKeys` result into usable keys. Items without a value or whose value is not
 * an RSA key are returned in `problems`; a stated fingerprint that differs from md5(DER) too.
 */
export function publicKeysFromList(list: readonly PublicKeyShape[]): { keys: TrailPublicKey[]; problems: string[] } {
  const keys: TrailPublicKey[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const label = item.Fingerprint ?? `key ${i}`;
    if (item.Value === undefined || item.Value.length === 0) {
      problems.push(`${label}: no key value`);
      return;
    }
    const der = typeof item.Value === 'string' ? Buffer.from(item.Value, 'base64') : Buffer.from(item.Value);
    let key: KeyObject;
    try {
      key = loadDer(der);
    } catch (err) {
      problems.push(`${label}: not a DER public key (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    // CloudTrail signs digests only with RSA; verify('sha256', …) would also accept an ECDSA signature.
    if (key.asymmetricKeyType !== 'rsa') {
      problems.push(`${label}: not an RSA key (${key.asymmetricKeyType ?? 'unknown type'})`);
      return;
    }
    const fingerprint = createHash('md5').update(der).digest('hex');
    if (item.Fingerprint !== undefined && item.Fingerprint.toLowerCase() !== fingerprint) {
      problems.push(`${label}: stated fingerprint does not match the key (md5 of the key is ${fingerprint})`);
      return;
    }
    const validFrom = toTime(item.ValidityStartTime);
    const validTo = toTime(item.ValidityEndTime);
    keys.push({ fingerprint, key, der: new Uint8Array(der), ...(validFrom !== undefined ? { validFrom } : {}), ...(validTo !== undefined ? { validTo } : {}) });
  });
  return { keys, problems };
}

/**
 * Reads a keys file: `aws cloudtrail list-public-keys` output (`{"PublicKeyList":[…]}`) or a bare
 * array of such items. Throws with a readable message when the file is not that.
 */
export async function readPublicKeysFile(path: string): Promise<{ keys: TrailPublicKey[]; problems: string[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read public keys from ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = Array.isArray(json) ? json : (json as { PublicKeyList?: unknown } | null)?.PublicKeyList;
  if (!Array.isArray(list)) throw new Error(`${path} is not list-public-keys output: expected "PublicKeyList"`);
  return publicKeysFromList(list as PublicKeyShape[]);
}
