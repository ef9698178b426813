/**
 * Athena partition pruning benchmark (issue 19): "who deleted the DB in the last 7 days" over an
 * organization trail of one year × 20 accounts × 17 regions (124,100 account-region-day partitions).
 * The query is compiled by the extension's compiler; the partitions it reads are decided the way
 * Athena's partition projection decides them — the local endpoint's analysis of the WHERE clause,
 * evaluated by DuckDB over the table's partitions — and their bytes summed. The baseline, in the
 * same run, is the full-table scan (the same table queried without partition predicates).
 * Partition sizes are deterministic and uneven (us-east-1 carries the global services, some
 * accounts are busier). Fails when the query reads more than 1 % of the table.
 *
 *   npm run bench:athena
 */
import { compileEventQuery, type AthenaEventQuery } from '../src/core/athena/compileQuery';
import { actualCost, formatBytes } from '../src/core/athena/cost';
import { buildTrailTableDdl } from '../src/core/athena/createTableDdl';
import { dayOf } from '../src/core/athena/trailTable';
import { loadDuckDb } from '../tools/local-athena/loadDuckDb';
import { analyseScan, selectPartitions, parseStatement, type RunSql } from '../tools/local-athena/scanPlan';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1'];
const ACCOUNTS = Array.from({ length: 20 }, (_, i) => String(100000000000 + i * 1111111).padStart(12, '0'));
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const DAY = 86_400_000;
const FIRST_DAY = dayOf(NOW - 364 * DAY);

/** Deterministic partition size: a few MB a day, uneven across regions, accounts and weekdays. */
function partitionBytes(accountIndex: number, regionIndex: number, dayIndex: number): number {
  const region = regionIndex === 0 ? 6 : regionIndex < 6 ? 2 : 0.6;
  const account = 1 + ((accountIndex * 7) % 5);
  const weekday = dayIndex % 7 < 5 ? 1 : 0.4;
  const jitter = 0.8 + (((accountIndex * 131 + regionIndex * 31 + dayIndex * 17) % 100) / 250);
  return Math.round(1.5 * 1024 * 1024 * region * account * weekday * jitter);
}

async function main(): Promise<void> {
  const ddl = buildTrailTableDdl({ database: 'security', table: 'org_trail', bucket: 'org-trail-bucket', organizationId: 'o-benchorg01', accounts: ACCOUNTS, regions: REGIONS, firstDay: FIRST_DAY });
  const db = await (await loadDuckDb()).DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  const run: RunSql = async (sql) => (await c.runAndReadAll(sql)).getRowsJson().map((row) => row.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))));
  await c.run('CREATE TABLE partitions ("account" VARCHAR, "region" VARCHAR, "timestamp" VARCHAR, bytes BIGINT)');
  const appender = await c.createAppender('partitions');
  for (let d = 0; d < 365; d++) {
    const day = dayOf(NOW - (364 - d) * DAY);
    for (const [a, account] of ACCOUNTS.entries()) {
      for (const [r, region] of REGIONS.entries()) {
        appender.appendVarchar(account);
        appender.appendVarchar(region);
        appender.appendVarchar(day);
        appender.appendBigInt(BigInt(partitionBytes(a, r, d)));
        appender.endRow();
      }
    }
  }
  appender.closeSync();

  // The DB's ARN names its account and region: arn:aws:rds:eu-west-1:<account>:db:orders-prod-db.
  const dbAccount = ACCOUNTS[7] ?? '';
  const base: AthenaEventQuery = { regions: [], filters: [{ key: 'ResourceName', value: 'orders-prod-db' }], start: NOW - 7 * DAY, end: NOW, includeReadOnly: false, maxEvents: 50 };
  const cases: { label: string; query: AthenaEventQuery; required?: boolean }[] = [
    { label: 'who deleted the DB (ARN: account + region), last 7 days', query: { ...base, regions: ['eu-west-1'], accounts: [dbAccount] }, required: true },
    { label: 'by name in one region, every account, last 7 days', query: { ...base, regions: ['eu-west-1'] } },
    { label: 'by name, every region and account, last 7 days', query: base },
  ];
  const measure = async (sql: string): Promise<{ partitions: number; bytes: number }> => {
    const analysis = analyseScan(await parseStatement(run, sql), () => new Set(['account', 'region', 'timestamp']));
    const [row] = await selectPartitions(run, 'SELECT count(*), sum(bytes) FROM partitions WHERE TRUE', analysis.partitionConjuncts);
    return { partitions: Number(row[0] ?? 0), bytes: Number(row[1] ?? 0) };
  };
  const full = await measure(`SELECT "eventid" FROM "security"."org_trail"`);
  console.log(`Athena partition pruning: 1 year × ${ACCOUNTS.length} accounts × ${REGIONS.length} regions`);
  console.log(`  baseline, full-table scan      ${full.partitions.toLocaleString('en-US')} partitions  ${formatBytes(full.bytes)}  ${actualCost(full.bytes).label}`);
  let failed = false;
  for (const { label, query, required } of cases) {
    const compiled = compileEventQuery(query, ddl.shape, { now: NOW });
    const scan = await measure(compiled.sql);
    const ratio = scan.bytes / full.bytes;
    console.log(`  ${label}`);
    console.log(
      `    reads ${scan.partitions.toLocaleString('en-US')} partitions (planner: ${compiled.partitions.selected ?? '?'}), prunes ${(full.partitions - scan.partitions).toLocaleString('en-US')}; ` +
        `scans ${formatBytes(scan.bytes)} → ${(ratio * 100).toFixed(4)} % of the full scan (ratio ${ratio.toExponential(3)}); ${actualCost(scan.bytes).label}`,
    );
    if (scan.partitions !== compiled.partitions.selected) failed = true;
    if (required === true && ratio > 0.01) failed = true;
  }
  c.closeSync();
  db.closeSync();
  if (failed) {
    console.error('FAILED: the DB query must read at most 1 % of the table, and the planner must agree with the engine.');
    process.exitCode = 1;
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
