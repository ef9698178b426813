// The secrets configured in test/fixtures/aws-config, and the check every tier runs on what the
// extension produced (messages, toasts, the log file, documents, exports): none of them may appear.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The folder of the fixture AWS config, credentials, credential_process scripts and SSO cache. */
export const AWS_CONFIG_FIXTURE_DIR = path.resolve(__dirname, '../../../test/fixtures/aws-config');

interface SecretsFile {
  readonly marker: string;
  readonly secrets: readonly string[];
}

const file = JSON.parse(readFileSync(path.join(AWS_CONFIG_FIXTURE_DIR, 'secrets.json'), 'utf8')) as SecretsFile;

/** Every fixture secret. */
export const FIXTURE_SECRETS: readonly string[] = file.secrets;

/** A substring of every fixture secret: finding it means some part of a secret leaked. */
export const SECRET_MARKER: string = file.marker;

/** Where in `text` any of `secrets` (or the marker) occurs; empty when none does. */
export function findSecrets(text: string, secrets: readonly string[] = FIXTURE_SECRETS): string[] {
  const found = secrets.filter((s) => text.includes(s));
  if (secrets === FIXTURE_SECRETS && found.length === 0 && text.includes(SECRET_MARKER)) found.push(SECRET_MARKER);
  return found;
}

/** Fails when `text` contains a secret; `where` names the output in the message (never the secret's context). */
export function assertNoSecrets(text: string, secrets: readonly string[] = FIXTURE_SECRETS, where = 'output'): void {
  const found = findSecrets(text, secrets);
  // The message names positions, not the secrets, so a failing run does not print them again.
  const at = found.map((s) => text.indexOf(s));
  assert.equal(found.length, 0, `${where} contains ${found.length} secret(s) at offsets ${at.join(', ')}`);
}
