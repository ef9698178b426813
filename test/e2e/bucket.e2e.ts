// A trail bucket read straight from S3 in the real workbench: a code-server of its own whose machine
// settings send S3 requests to the local S3-compatible server (real HTTP on 127.0.0.1, an
// organization trail in the real layout, requests counted at the server). "Open Trail Bucket…" from
// the palette with its steps answered as a user types them; the status bar names the bucket and the
// incident story (the deleted database) shows in the Events view, read by the extension's parser
// threads with the real @aws-sdk/client-s3.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalS3, type LocalS3 } from '../../tools/local-s3/server';
import { fillTrailBucket, type TrailBucketContents } from '../../tools/local-s3/trailBucket';
import { ensureCodeServer, startCodeServer, type CodeServer } from '../../tools/vscode/codeServer';
import { testEnvironment } from '../../tools/vscode/workbench';
import { SAMPLE_REGIONS, Workbench } from './harness';

describe('Open Trail Bucket in the workbench (local S3 server)', () => {
  let root: string;
  let s3: LocalS3;
  let contents: TrailBucketContents;
  let server: CodeServer;
  let wb: Workbench;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'cti-e2e-bucket-'));
    s3 = await startLocalS3();
    contents = fillTrailBucket(s3, { now: Date.now(), days: 7, backgroundEvents: 300, fileMinutes: 240 });
    const workspace = path.join(root, 'workspace');
    mkdirSync(workspace);
    server = await startCodeServer({
      codeServer: await ensureCodeServer(),
      name: 'e2e-bucket',
      workspace,
      env: testEnvironment(),
      machineSettings: { 'cloudtrailInvestigator.s3Endpoint': s3.url },
      settings: { 'cloudtrailInvestigator.regions': SAMPLE_REGIONS, 'editor.stickyScroll.enabled': false },
    });
    wb = await Workbench.open({ server, folder: workspace });
  });

  after(async () => {
    await wb.close();
    await server.stop();
    await s3.close();
    rmSync(root, { recursive: true, force: true });
  });

  const statusItem = (text: string) => wb.page.locator('.statusbar-item', { hasText: text }).first();
  const row = (text: string | RegExp) => wb.treeRows().filter({ hasText: text }).first();

  it('opens the bucket from the palette (bucket, accounts and regions, range); the deleted database shows in the tree', async () => {
    await wb.openView();
    s3.resetRequests();
    await wb.runCommand('CloudTrail: Open Trail Bucket…');
    // Only the listed bucket matches (the "Enter s3://…" item has no "a"): Enter picks it.
    await wb.answerQuickInput(contents.bucket);
    // Every account and region is picked to start with.
    await wb.answerQuickInput('');
    await wb.answerQuickInput('last 7 days');
    await statusItem(`s3://${contents.bucket}/`).waitFor({ timeout: 120_000 });
    await wb.waitForEventsLoaded();
    const rds = row(/^RDS · \d+/);
    await rds.waitFor({ timeout: 60_000 });
    await wb.expand(rds);
    await row(/^DeleteDBInstance/).waitFor({ timeout: 30_000 });
    const gets = s3.requests.filter((r) => r.method === 'GET' && r.key !== undefined);
    assert.ok(gets.length > 0, 'the objects were downloaded from the bucket');
    assert.ok(gets.every((r) => r.status === 200 || r.key?.includes(`/${contents.deniedAccount}/`) === true), 'every object GET answered');
    await wb.screenshot('bucket-opened-events');
  });
});
