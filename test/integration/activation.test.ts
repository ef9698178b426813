import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { getExtension, getManifest, getTestApi } from './extension';

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

describe('activation', () => {
  it('activates without calling the endpoint or any credential service', async () => {
    const ext = getExtension();
    assert.equal(ext.isActive, false, 'the extension activated before anything asked for it: look for an eager activation event ("*", onStartupFinished)');
    const sentinel = await startCountingServer();
    const config = vscode.workspace.getConfiguration('cloudtrailInvestigator');
    // The SDK's instance-metadata and container credential providers would call these.
    const savedEnv = { imds: process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT, container: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI };
    try {
      await config.update('endpoint', sentinel.url, vscode.ConfigurationTarget.Global);
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = sentinel.url;
      process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${sentinel.url}/credentials`;
      await ext.activate();
      assert.equal(ext.isActive, true);
      // Give anything fired-and-forgotten during activation the chance to reach the network.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(sentinel.requests, [], 'activation must not make requests');
    } finally {
      if (savedEnv.imds === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = savedEnv.imds;
      if (savedEnv.container === undefined) delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      else process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = savedEnv.container;
      await config.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      await sentinel.close();
    }
  });

  it('returns the test API when the test flag is set', async () => {
    const api = await getTestApi();
    assert.equal(api.apiVersion, 1);
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
