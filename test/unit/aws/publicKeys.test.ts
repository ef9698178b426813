import * as assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { publicKeysFromList } from '../../../src/archive/digest/publicKeys';
import { listTrailPublicKeys } from '../../../src/aws/publicKeys';
import { TEST_CREDENTIALS } from './localEndpoint';

/** A tiny ListPublicKeys handler (awsJson1_1): two pages, each with one key; records the requests. */
function startKeysServer(pages: readonly { Value: string; Fingerprint: string }[][]): Promise<{ url: string; requests: { target: string; body: Record<string, unknown> }[]; server: Server }> {
  const requests: { target: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      requests.push({ target: String(req.headers['x-amz-target']), body });
      const page = body.NextToken === undefined ? 0 : Number(body.NextToken);
      const out = { PublicKeyList: (pages[page] ?? []).map((k) => ({ ...k, ValidityStartTime: 1_700_000_000, ValidityEndTime: 1_800_000_000 })), ...(page + 1 < pages.length ? { NextToken: String(page + 1) } : {}) };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server });
    });
  });
}

function derKey(): { value: string; fingerprint: string } {
  const der = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'pkcs1' });
  return { value: der.toString('base64'), fingerprint: createHash('md5').update(der).digest('hex') };
}

describe('aws/publicKeys listTrailPublicKeys', () => {
  it('asks for the digests’ time span, follows NextToken, and returns keys validateDigests can use', async () => {
    const a = derKey();
    const b = derKey();
    const { url, requests, server } = await startKeysServer([[{ Value: a.value, Fingerprint: a.fingerprint }], [{ Value: b.value, Fingerprint: b.fingerprint }]]);
    try {
      const start = Date.UTC(2024, 0, 1);
      const end = Date.UTC(2024, 0, 3);
      const list = await listTrailPublicKeys({ region: 'us-east-1', endpoint: url, credentials: TEST_CREDENTIALS, start, end });
      assert.equal(requests.length, 2);
      assert.match(requests[0].target, /\.ListPublicKeys$/);
      assert.equal(requests[0].body.StartTime, start / 1000);
      assert.equal(requests[0].body.EndTime, end / 1000);
      assert.equal(requests[1].body.NextToken, '1');
      const converted = publicKeysFromList(list);
      assert.deepEqual(converted.problems, []);
      assert.deepEqual(converted.keys.map((k) => k.fingerprint), [a.fingerprint, b.fingerprint]);
      assert.equal(converted.keys[0].validFrom, 1_700_000_000_000);
    } finally {
      server.close();
    }
  });

  it('rejects with the service error instead of returning no keys', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', message: 'not allowed to list keys' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await assert.rejects(listTrailPublicKeys({ region: 'us-east-1', endpoint: url, credentials: TEST_CREDENTIALS, start: 0, end: 1 }), /not allowed to list keys/);
    } finally {
      server.close();
    }
  });
});
