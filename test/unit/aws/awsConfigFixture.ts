/** Paths of the fixture shared config/credentials files, and the fake secrets they hold. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const FIXTURE_DIR = path.resolve(__dirname, '../../../../test/fixtures/aws-config');
export const FIXTURE_FILES = { configFilepath: path.join(FIXTURE_DIR, 'config'), filepath: path.join(FIXTURE_DIR, 'credentials') };

/** Every secret key and session token in the fixture credentials file. */
export function fixtureSecrets(): string[] {
  const text = readFileSync(FIXTURE_FILES.filepath, 'utf8');
  return [...text.matchAll(/^(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S+)$/gm)].map((m) => m[1]);
}
