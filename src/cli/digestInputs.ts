/** The inputs `validate-digests` and `export-evidence` share: a keys file and an optional signatures file. */
import { readFile } from 'node:fs/promises';
import { readPublicKeysFile, type TrailPublicKey } from '../archive/digest/publicKeys';

/** The public keys (with the problems reading them) and the signatures given. */
export interface DigestInputs {
  keys: TrailPublicKey[];
  problems: string[];
  signatures?: Map<string, string>;
}

/** Reads `--keys` and `--signatures`; throws with a readable message. */
export async function readDigestInputs(keysPath: string, signaturesPath?: string): Promise<DigestInputs> {
  const keys = await readPublicKeysFile(keysPath);
  if (signaturesPath === undefined) return keys;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(signaturesPath, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read signatures from ${signaturesPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${signaturesPath}: expected {"<digest name or bucket/key>": "<hex signature>"}`);
  const signatures = new Map(Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return { ...keys, signatures };
}

/** {@link readDigestInputs} for a command: a file that cannot be read is written to `err` and gives undefined (a usage error). */
export async function digestInputsOrReport(keysPath: string, signaturesPath: string | undefined, err: (line: string) => void): Promise<DigestInputs | undefined> {
  try {
    return await readDigestInputs(keysPath, signaturesPath);
  } catch (e) {
    err(e instanceof Error ? e.message : String(e));
    return undefined;
  }
}
