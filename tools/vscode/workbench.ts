// What every test run of the extension shares: the test environment and the workbench URL.
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Dummy static credentials: the SDK signs requests to the local endpoint with them, and nothing real leaks in. */
export const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } as const;

/** The fixture shared config and credentials files: one profile of every kind, fake secrets. */
export const FIXTURE_AWS_CONFIG = path.join(repoRoot, 'test', 'fixtures', 'aws-config');

/** Environment for the extension host in the test tiers (both integration runners and e2e). */
export function testEnvironment(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    CLOUDTRAIL_INVESTIGATOR_TEST: '1',
    ...DUMMY_CREDENTIALS,
    AWS_REGION: 'us-east-1',
    // The user's real profiles, SSO cache and instance metadata are never consulted.
    AWS_CONFIG_FILE: path.join(FIXTURE_AWS_CONFIG, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(FIXTURE_AWS_CONFIG, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** Paths the workbench hands to the extension host (the same ones @vscode/test-electron passes as flags). */
export interface DevelopmentPayload {
  readonly extensionDevelopmentPath: string;
  readonly extensionTestsPath?: string;
}

/** The workbench URL opening `folder`, with the extension loaded as a development folder. */
export function workbenchUrl(base: string, folder: string, payload?: DevelopmentPayload): string {
  const remote = (p: string): string => `vscode-remote://remote${p}`; // 'remote' is code-server 4.100's authority
  const params = new URLSearchParams({ folder });
  if (payload) {
    const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    params.set('payload', JSON.stringify(entries));
  }
  return `${base}/?${params.toString()}`;
}
