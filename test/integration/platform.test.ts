// The platform the extension host gives the extension: VS Code ≥ 1.101 (engines.vscode) on Node 22,
// with node:sqlite (the archive store builds on it). Fails when a runner falls back to VS Code 1.100 / Node 20.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('platform: the extension host', () => {
  it('is VS Code 1.101 or newer on Node 22 or newer', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major > 1 || minor >= 101, `VS Code ${vscode.version}`);
    assert.ok(Number(process.versions.node.split('.')[0]) >= 22, `Node ${process.versions.node}`);
    console.log(`      VS Code ${vscode.version}, Node ${process.versions.node}`);
  });

  it('opens an in-memory node:sqlite database', async () => {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:');
    try {
      db.exec('CREATE TABLE t (n INTEGER)');
      db.prepare('INSERT INTO t (n) VALUES (?)').run(42);
      assert.equal((db.prepare('SELECT n FROM t').get() as { n: number }).n, 42);
    } finally {
      db.close();
    }
  });
});
