/** The inputs `validate-digests` and `export-evidence` share: a keys file and an optional signatures file. */
import { readFile } from 'node:fs/promises';
import { readPublicKeysFile, type TrailPublicKey } from '../archive/digest/publicKeys';

/** Reads `--keys` and `--signatures`; throws with a readable message. */
export async function readDigestInputs(keysPath: string, signaturesPath?: string): Promise<{ keys: TrailPublicKey[]; problems: string[]; signatures?: Map<string, string> }> {
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
