// startCodeServer's start-up, with a stand-in for code-server (a Node script taking the same
// --bind-addr flag): a port another server holds is refused before start, a server that dies during
// start-up is reported, and ready means *this* server said it listens — never another one answering.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type CodeServerBinary } from '../../../tools/vscode/codeServer';

/** A stand-in that listens on --bind-addr and logs the line code-server logs; or exits at once with FAKE_EXIT. */
const STAND_IN = `
const http = require('node:http');
if (process.env.FAKE_EXIT) { console.error('error listen EADDRINUSE'); process.exit(Number(process.env.FAKE_EXIT)); }
const [host, port] = process.argv[process.argv.indexOf('--bind-addr') + 1].split(':');
http.createServer((req, res) => res.end('stand-in')).listen(Number(port), host, () => {
  console.log('[info] HTTP server listening on http://' + host + ':' + port + '/');
});
`;

describe('startCodeServer start-up (stand-in server)', function () {
  this.timeout(30_000);
  let tmp = '';
  let binary: CodeServerBinary;
  const others: http.Server[] = [];
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cti-cs-start-'));
    const entry = path.join(tmp, 'entry.js');
    writeFileSync(entry, STAND_IN);
    binary = { node: { bin: process.execPath, version: process.versions.node, nodedir: '' }, entry };
  });
  afterEach(async () => {
    for (const server of others.splice(0)) await new Promise((resolve) => server.close(resolve));
    rmSync(tmp, { recursive: true, force: true });
  });

  async function otherServer(): Promise<number> {
    const server = http.createServer((_req, res) => res.end('another server'));
    others.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  it('refuses a port another server answers on, saying so, instead of handing out its URL', async () => {
    const port = await otherServer();
    await assert.rejects(
      startCodeServer({ codeServer: binary, name: 'unit-busy', workspace: tmp, port }),
      new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use by another program`),
    );
  });

  it('reports a server that exits during start-up, with its log', async () => {
    await assert.rejects(
      startCodeServer({ codeServer: binary, name: 'unit-exit', workspace: tmp, env: { FAKE_EXIT: '1' } }),
      /code-server did not start: the server exited during start-up[\s\S]*EADDRINUSE/,
    );
  });

  it('is ready once this server logged that it listens, and writes User and Machine settings apart', async () => {
    const server = await startCodeServer({
      codeServer: binary, name: 'unit-ok', workspace: tmp,
      settings: { 'cloudtrailInvestigator.regions': ['eu-west-1'] },
      machineSettings: { 'cloudtrailInvestigator.endpoint': 'http://127.0.0.1:1' },
    });
    try {
      const body = await new Promise<string>((resolve, reject) => {
        http.get(server.url, (res) => { let text = ''; res.on('data', (c: Buffer) => { text += c.toString(); }); res.on('end', () => { resolve(text); }); }).on('error', reject);
      });
      assert.equal(body, 'stand-in');
      const user = JSON.parse(readFileSync(path.join(server.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
      const machine = JSON.parse(readFileSync(path.join(server.userDataDir, 'Machine', 'settings.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(user['cloudtrailInvestigator.regions'], ['eu-west-1']);
      assert.equal(user['cloudtrailInvestigator.endpoint'], undefined, 'the machine-scoped endpoint stays out of User settings');
      assert.equal(machine['cloudtrailInvestigator.endpoint'], 'http://127.0.0.1:1');
      assert.equal(machine['remote.autoForwardPorts'], false, 'no port-forward toasts');
    } finally {
      await server.stop();
    }
  });
});
