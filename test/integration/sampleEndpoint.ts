// A local CloudTrail-compatible endpoint with generated sample data, started inside the extension
// host and wired to the extension through its settings (the same way a user points it at a VPC
// endpoint). The tools are plain modules outside src/, so importing them here is fine.
import * as vscode from 'vscode';
import { startLocalCloudTrail, type LocalCloudTrail, type LocalCloudTrailOptions } from '../../tools/local-cloudtrail/server';
import { generateSampleRecords } from '../../tools/sample-data/generate';
import type { SampleStory } from '../../tools/sample-data/story';

/** The regions the sample data covers. */
export const SAMPLE_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];

/** A running sample endpoint and the story its data tells. */
export interface SampleEndpoint {
  readonly endpoint: LocalCloudTrail;
  readonly story: SampleStory;
  readonly records: readonly unknown[];
}

/** Settings the helper writes (global/user scope) and restores. */
const SETTINGS: Readonly<Record<string, (endpoint: LocalCloudTrail) => unknown>> = {
  endpoint: (endpoint) => endpoint.url,
  regions: () => SAMPLE_REGIONS,
  lookbackHours: () => 24 * 7,
};

/**
 * Registers mocha hooks in the current `describe` that start the endpoint and point the extension's
 * settings at it before the suite, then restore the settings and stop it. Returns an accessor.
 */
export function useSampleEndpoint(options: Omit<LocalCloudTrailOptions, 'records'> = { requestsPerSecond: 0 }): () => SampleEndpoint {
  let current: SampleEndpoint | undefined;
  before(async () => {
    const { records, story } = generateSampleRecords({ now: Date.now() });
    const endpoint = await startLocalCloudTrail({ ...options, records });
    current = { endpoint, story, records };
    for (const [key, value] of Object.entries(SETTINGS)) await updateSetting(key, value(endpoint));
  });
  after(async () => {
    for (const key of Object.keys(SETTINGS)) await updateSetting(key, undefined);
    await current?.endpoint.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useSampleEndpoint(): the endpoint runs only inside the suite (before/after hooks)');
    return current;
  };
}

/**
 * Writes a user setting and waits until the change event has been delivered, so the extension has
 * seen it before the suite goes on (its own listener was registered first, at activation).
 */
async function updateSetting(key: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('cloudtrailInvestigator');
  if (JSON.stringify(config.inspect(key)?.globalValue) === JSON.stringify(value)) return;
  const section = `cloudtrailInvestigator.${key}`;
  let listener: vscode.Disposable | undefined;
  const delivered = new Promise<void>((resolve) => {
    listener = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(section)) resolve(); });
  });
  try {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
    await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 5000))]);
  } finally {
    listener?.dispose();
  }
}
