// CSV at its edges: an export with no rows, a reader fed empty chunks (a stream can deliver one) or a
// stray quote inside a plain field (hand-edited files), cells of an event whose record leaves fields
// out, and the "Changed by" column following a role chain among the exported events.
import * as assert from 'node:assert/strict';
import { CsvRowReader, eventsToAnnotatedJson, eventsToConsoleCsv, eventsToExportCsv, formatCsv, parseCsvRows } from '../../../src/core/csv';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';

function normalized(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) assert.fail(result.error.error);
  return result.event;
}

/** The cells of `column` in the data rows of `csv`. */
function column(csv: string, name: string): string[] {
  const [header = [], ...rows] = parseCsvRows(csv);
  const i = header.indexOf(name);
  assert.ok(i >= 0, `no column ${name}`);
  return rows.map((r) => r[i] ?? '');
}

describe('core/csv edges', () => {
  it('an export with no rows is an empty file, not a blank line', () => {
    assert.equal(formatCsv([]), '');
    assert.equal(formatCsv([['a']]), 'a\r\n');
  });

  it('ignores a BOM that arrives after an empty first chunk', () => {
    const reader = new CsvRowReader();
    assert.deepEqual(reader.push(''), []);
    assert.deepEqual([...reader.push('\uFEFFa,b\r\n'), ...reader.end()], [['a', 'b']]);
  });

  it('keeps a U+FEFF that starts a later chunk: only the first character of the text can be a BOM', () => {
    const reader = new CsvRowReader();
    const rows = [...reader.push('\uFEFFa,'), ...reader.push('\uFEFFb\r\n'), ...reader.push('\uFEFFc\r\n'), ...reader.end()];
    assert.deepEqual(rows, [['a', '\uFEFFb'], ['\uFEFFc']]);
  });

  it('reads a line break at the very start as an empty row, so later row numbers stay right', () => {
    assert.deepEqual(parseCsvRows('\na\r\n'), [[''], ['a']]);
    const reader = new CsvRowReader();
    assert.deepEqual([...reader.push('\n'), ...reader.push('a\n'), ...reader.end()], [[''], ['a']]);
  });

  it('keeps a blank line between LF-ended rows, in one chunk or across two', () => {
    assert.deepEqual(parseCsvRows('a\n\nb\n'), [['a'], [''], ['b']]);
    const reader = new CsvRowReader();
    assert.deepEqual([...reader.push('a\n'), ...reader.push('\nb'), ...reader.end()], [['a'], [''], ['b']]);
  });

  it('keeps a last row that ends with an empty field and no line break', () => {
    assert.deepEqual(parseCsvRows('a,b\r\nc,'), [['a', 'b'], ['c', '']]);
  });

  it('reads an escaped quote split by an empty chunk', () => {
    const reader = new CsvRowReader();
    const rows = [...reader.push('"say '), ...reader.push('"'), ...reader.push(''), ...reader.push('"hi"""\r\n'), ...reader.end()];
    assert.deepEqual(rows, [['say "hi"']]);
  });

  it('keeps a quote inside a plain field as a character', () => {
    assert.deepEqual(parseCsvRows('5" pipe,x\r\n'), [['5" pipe', 'x']]);
  });

  it('leaves the User name and Read-only cells empty when the record does not say them (not "Unknown caller")', () => {
    const event = normalized({ eventVersion: '1.08', eventTime: '2026-11-20T12:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', awsRegion: 'us-east-1', eventID: 'no-identity' });
    assert.equal(event.principal.label, 'Unknown caller', 'what the views show');
    assert.equal(event.readOnly, undefined);
    const csv = eventsToConsoleCsv([event]);
    assert.deepEqual(column(csv, 'User name'), ['']);
    assert.deepEqual(column(csv, 'Read-only'), ['']);
    assert.deepEqual(column(csv, 'Recipient Account Id'), ['']);
  });

  it('writes the caller a record names without a user name: an AWS service by its name', () => {
    const event = normalized({ eventVersion: '1.08', eventTime: '2026-11-20T12:00:00Z', eventSource: 'dynamodb.amazonaws.com', eventName: 'GenerateDataKey', awsRegion: 'us-east-1', eventID: 'svc', userIdentity: { type: 'AWSService', invokedBy: 'dynamodb.amazonaws.com' } });
    assert.deepEqual(column(eventsToConsoleCsv([event]), 'User name'), ['dynamodb.amazonaws.com']);
  });

  it('"Changed by" names the person behind a role session when the AssumeRole is in the export', () => {
    const account = '123456789012';
    const session = (role: string, name: string, key: string) => ({
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE:${name}`,
      arn: `arn:aws:sts::${account}:assumed-role/${role}/${name}`,
      accountId: account,
      accessKeyId: key,
      sessionContext: { sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${account}:role/${role}`, userName: role }, attributes: { mfaAuthenticated: 'false' } },
    });
    const alice = { type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${account}:user/alice`, accountId: account, accessKeyId: 'AKIAALICE00000000001', userName: 'alice' };
    const assume = normalized({
      eventVersion: '1.08',
      eventTime: '2026-11-20T12:00:00Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      awsRegion: 'us-east-1',
      eventID: 'assume',
      userIdentity: alice,
      responseElements: { credentials: { accessKeyId: 'ASIADEPLOY000000002' }, assumedRoleUser: { arn: `arn:aws:sts::${account}:assumed-role/deploy/alice-deploy` } },
    });
    const put = normalized({ eventVersion: '1.08', eventTime: '2026-11-20T12:01:00Z', eventSource: 'ssm.amazonaws.com', eventName: 'PutParameter', awsRegion: 'us-east-1', eventID: 'put', userIdentity: session('deploy', 'alice-deploy', 'ASIADEPLOY000000002') });
    assert.deepEqual(column(eventsToExportCsv([put, assume]), 'Changed by'), ['alice (via role deploy, IAM user)', 'alice']);
    assert.deepEqual(column(eventsToExportCsv([put]), 'Changed by'), ['deploy (role session)'], 'without the AssumeRole the record alone names nobody');
    // The annotated JSON says the same, with the role it went through and the CLI version that made the call.
    const cli = normalized({ eventVersion: '1.08', eventTime: '2026-11-20T12:02:00Z', eventSource: 'ssm.amazonaws.com', eventName: 'PutParameter', awsRegion: 'us-east-1', eventID: 'cli', userIdentity: alice, userAgent: 'aws-cli/2.15.0 Python/3.11' });
    const annotated = JSON.parse(eventsToAnnotatedJson([put, assume, cli])) as { events: { changedBy: { label: string; via?: string }; changeChannel: { label: string; detail?: string } }[] };
    assert.deepEqual(
      annotated.events.map((e) => [e.changedBy.label, e.changedBy.via, e.changeChannel.label, e.changeChannel.detail]),
      [
        ['alice (via role deploy, IAM user)', 'deploy', annotated.events[0]?.changeChannel.label, annotated.events[0]?.changeChannel.detail],
        ['alice', undefined, annotated.events[1]?.changeChannel.label, annotated.events[1]?.changeChannel.detail],
        ['alice', undefined, 'AWS CLI', '2.15.0'],
      ],
    );
  });
});
