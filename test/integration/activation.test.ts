import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { getExtension, getManifest, getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';

/** An HTTP server that only counts what reaches it: a stand-in for CloudTrail and credential endpoints. */
async function startCountingServer(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); }),
  };
}

function saveEnv(keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, process.env[key]]));
}

function restoreEnv(saved: Readonly<Record<string, string | undefined>>): void {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
}

describe('activation', () => {
  const sample = useSampleEndpoint();

  it('activates without calling the endpoint or any credential service', async () => {
    const ext = getExtension();
    assert.equal(ext.isActive, false, 'the extension activated before anything asked for it: look for an eager activation event ("*", onStartupFinished)');
    const { endpoint } = sample();
    assert.equal(vscode.workspace.getConfiguration('cloudtrailInvestigator').get('endpoint'), endpoint.url);
    const sentinel = await startCountingServer();
    // Any credential resolution during activation would fall through the chain to the container and
    // instance-metadata providers, which then call the sentinel.
    const savedEnv = saveEnv(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED', 'AWS_EC2_METADATA_SERVICE_ENDPOINT', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']);
    try {
      for (const key of Object.keys(savedEnv)) Reflect.deleteProperty(process.env, key);
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = sentinel.url;
      process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${sentinel.url}/credentials`;
      await ext.activate();
      assert.equal(ext.isActive, true);
      // Give anything fired-and-forgotten during activation the chance to reach the network.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(sentinel.requests, [], 'activation must not call credential services');
      assert.equal(endpoint.stats.requests, 0, 'activation must not call CloudTrail');
    } finally {
      restoreEnv(savedEnv);
      await sentinel.close();
    }
  });

  it('returns the test API when the test flag is set', async () => {
    const api = await getTestApi();
    assert.equal(api.apiVersion, 2);
    assert.ok(api.activationMs >= 0);
    console.log(`      activate() took ${api.activationMs.toFixed(1)} ms`);
  });

  it('registers every command it contributes', async () => {
    await getExtension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (getManifest().contributes?.commands ?? []).map((c) => c.command);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed in package.json but not registered by activate()');
  });

  it('declares the endpoint override as a machine setting', () => {
    const endpoint = getManifest().contributes?.configuration?.properties?.['cloudtrailInvestigator.endpoint'];
    assert.equal(endpoint?.scope, 'machine', 'a workspace must not be able to redirect requests and credentials');
  });
});
