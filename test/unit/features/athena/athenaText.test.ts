import * as assert from 'node:assert/strict';
import { actualCost, estimateCost } from '../../../../src/core/athena/cost';
import { costText, ddlFieldError, idleText, needsConfirmation, parseList, runningText, splitStatements } from '../../../../src/features/athena/athenaText';

describe('Athena feature texts and decisions', () => {
  it('a reused result says what it saved (the fresh run’s estimate); other costs are their own label', () => {
    const estimate = estimateCost({ firstDay: '2026/11/01', lastDay: '2026/11/07', days: 7, selected: 7 }, 1024 * 1024);
    assert.ok(estimate);
    assert.equal(costText(actualCost(0, true), estimate), 'reused a previous result · $0, saved ≈ 7.0 MB scanned · ≈ $0.000048');
    assert.equal(costText(actualCost(0, true)), 'reused a previous result · $0');
    assert.equal(costText(actualCost(5 * 1024 * 1024), estimate), '5.0 MB scanned · $0.000048');
  });

  describe('splitStatements (what "Run Athena SQL" sends, one statement per request)', () => {
    it('splits the reviewed CREATE DATABASE and CREATE TABLE at their semicolons', () => {
      const ddl = "CREATE DATABASE IF NOT EXISTS security;\n\nCREATE EXTERNAL TABLE security.t(\n  eventid string)\nLOCATION 's3://b/AWSLogs/';\n";
      assert.deepEqual(splitStatements(ddl), ['CREATE DATABASE IF NOT EXISTS security', "CREATE EXTERNAL TABLE security.t(\n  eventid string)\nLOCATION 's3://b/AWSLogs/'"]);
    });

    it('keeps semicolons inside quotes, quoted identifiers and comments', () => {
      const sql = "SELECT 'a;b' AS \"x;y\" -- trailing; comment\nFROM t; SELECT `c;d` FROM u";
      assert.deepEqual(splitStatements(sql), ["SELECT 'a;b' AS \"x;y\" -- trailing; comment\nFROM t", 'SELECT `c;d` FROM u']);
    });

    it('drops blank and comment-only statements, so an empty document runs nothing', () => {
      assert.deepEqual(splitStatements(' ;\n-- just a note\n;  '), []);
      assert.deepEqual(splitStatements('SELECT 1;;'), ['SELECT 1']);
    });
  });

  describe('status bar', () => {
    it('shows state, seconds and bytes scanned of a running query, and the estimate before bytes arrive', () => {
      const estimate = estimateCost({ firstDay: '2026/06/01', lastDay: '2026/06/07', days: 7, selected: 7 });
      assert.ok(estimate);
      assert.equal(runningText({ state: 'QUEUED', elapsedMs: 1400, scannedBytes: 0, cost: estimate }), `$(sync~spin) Athena QUEUED · 1 s · ${estimate.label}`);
      assert.equal(runningText({ state: 'RUNNING', elapsedMs: 12_000, scannedBytes: 1.5 * 1024 * 1024 }, 2), '$(sync~spin) Athena RUNNING · 12 s · 1.5 MB (+2)');
      assert.equal(runningText({ elapsedMs: 0, scannedBytes: 0 }), '$(sync~spin) Athena starting · 0 s · estimating');
    });

    it('says it is reading results, with the rows read, once the query has succeeded and pages arrive', () => {
      const text = runningText({ state: 'SUCCEEDED', elapsedMs: 5_200, scannedBytes: 2 * 1024 * 1024, rowsRead: 3000 });
      assert.equal(text, '$(sync~spin) Athena reading results · 3,000 rows · 5 s · 2.0 MB');
      assert.ok(!text.includes('SUCCEEDED'));
    });

    it('escapes codicons in table names a workspace or metadata could supply', () => {
      assert.equal(idleText('db', '$(alert)t'), '$(database) Athena db.\\$(alert)t');
    });
  });

  describe('needsConfirmation', () => {
    const big = actualCost(5 * 1024 ** 3);
    it('asks above the threshold or over the workgroup cutoff, not for small or unknown estimates', () => {
      assert.equal(needsConfirmation(big, 1024 ** 3, false), true);
      assert.equal(needsConfirmation(big, 10 * 1024 ** 3, false), false);
      assert.equal(needsConfirmation(undefined, 0, false), false);
      assert.equal(needsConfirmation(undefined, 10 * 1024 ** 3, true), true);
    });
  });

  describe('Create Athena Table prompts', () => {
    it('checks each field by the DDL generator’s rules and names what is wrong', () => {
      assert.equal(ddlFieldError({ bucket: 'org-trail-bucket' }), undefined);
      assert.match(ddlFieldError({ bucket: 'Bad_Bucket' }) ?? '', /not a valid S3 bucket name/);
      assert.match(ddlFieldError({ organizationId: 'org1' }) ?? '', /o-abcd123456/);
      assert.match(ddlFieldError({ accounts: ['12345'] }) ?? '', /12-digit/);
      assert.match(ddlFieldError({ regions: ['us-east-1', 'mars'] }) ?? '', /Region "mars"/);
      assert.match(ddlFieldError({ firstDay: '2026-01-01' }) ?? '', /yyyy\/MM\/dd/);
      assert.match(ddlFieldError({ table: "t'; DROP TABLE x; --" }) ?? '', /lower-case letters/);
      assert.match(ddlFieldError({ prefix: '../etc' }) ?? '', /Key prefix/);
    });

    it('reads comma or space separated lists', () => {
      assert.deepEqual(parseList(' 111122223333, 444455556666  777788889999,,'), ['111122223333', '444455556666', '777788889999']);
      assert.deepEqual(parseList('   '), []);
    });
  });
});
