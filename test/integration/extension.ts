// Shared helpers for integration suites: the extension under test and its manifest.
import * as vscode from 'vscode';
import type { TestApi } from '../../src/host/testApi';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'cloudtrail-investigator.cloudtrail-investigator';

/** Only the manifest fields the suites read. */
export interface Manifest {
  readonly contributes?: {
    readonly commands?: readonly { readonly command: string; readonly title: string }[];
    readonly configuration?: { readonly properties?: Readonly<Record<string, { readonly scope?: string }>> };
  };
}

/** The extension under test; fails clearly when the runner did not load it as a development folder. */
export function getExtension(): vscode.Extension<TestApi | undefined> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

/** Activates the extension (idempotent) and returns its TestApi, which exists only in test mode. */
export async function getTestApi(): Promise<TestApi> {
  const api = await getExtension().activate();
  if (!api) throw new Error('activate() returned no TestApi: run with CLOUDTRAIL_INVESTIGATOR_TEST=1');
  return api;
}

/** The manifest as VS Code read it. */
export function getManifest(): Manifest {
  return getExtension().packageJSON as Manifest;
}
