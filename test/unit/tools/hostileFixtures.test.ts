import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readRecordFile } from '../../../src/archive/recordFile';
import { normalizeRecord } from '../../../src/core/event';
import { listStateInstances } from '../../../src/core/terraformState';
import { TRAIL_FILE, hostileFixtureFiles } from '../../../tools/hostile/generate';
import { FORBIDDEN_COMMAND, LONG_LENGTH, hostileStrings } from '../../../tools/hostile/payloads';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/hostile');
// Files in the folder that the generator does not make.
const HAND_MADE = new Set(['eventPanelRecord.json']);

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), rel) : [rel];
  });
}

describe('tools/hostile fixtures', () => {
  const generated = hostileFixtureFiles({ longLength: 4096 });

  it('the checked-in copy is exactly what the generator makes (placeholder listener, short long-strings)', () => {
    const onDisk = filesUnder(DIR).filter((f) => !HAND_MADE.has(f)).sort();
    assert.deepEqual(onDisk, [...generated.files.keys()].sort());
    for (const [name, content] of generated.files) assert.ok(readFileSync(path.join(DIR, name)).equals(content), `${name} differs: run node out/tools/hostile/generate.js test/fixtures/hostile --small`);
    for (const name of generated.executables) assert.ok((statSync(path.join(DIR, name)).mode & 0o111) !== 0, `${name} is executable`);
  });

  it('points every image and link at the given listener, and makes 100 KB strings by default', () => {
    const listener = 'http://127.0.0.1:45678/e2e';
    const full = hostileFixtureFiles({ listener });
    const text = [...full.files.entries()].filter(([n]) => !n.endsWith('.gz')).map(([, c]) => c.toString('utf8')).join('\n');
    assert.ok(text.includes(`${listener}/image.png`) && text.includes(`${listener}/s3`));
    assert.ok(!text.includes('127.0.0.1:9/hostile'), 'no placeholder left');
    const strings = JSON.parse(full.files.get('strings.json')?.toString('utf8') ?? '{}') as Record<string, string>;
    assert.equal(strings.longText.length, LONG_LENGTH);
    assert.deepEqual(hostileFixtureFiles({ listener }).files, full.files, 'deterministic');
  });

  it('the trail file reads as CloudTrail records carrying the hostile strings', async () => {
    const values = new Set(Object.values(hostileStrings()).map((v) => v.slice(0, 4096)));
    let events = 0;
    let hostileFields = 0;
    for await (const item of readRecordFile(path.join(DIR, TRAIL_FILE))) {
      assert.equal(item.kind, 'record', JSON.stringify(item).slice(0, 200));
      const normalized = normalizeRecord(item.record, item.index);
      assert.ok(normalized.ok, JSON.stringify(normalized).slice(0, 300));
      events++;
      const record = item.record as { userIdentity: { userName: string }; userAgent: string; errorMessage: string; eventTime: string };
      // As in a real trail file, every record was written before the delivery minute its name gives.
      assert.ok(Date.parse(record.eventTime) < Date.UTC(2026, 10, 20, 3, 10), `${record.eventTime} is before the 03:10 delivery`);
      for (const field of [record.userIdentity.userName, record.userAgent, record.errorMessage]) if (values.has(field)) hostileFields++;
    }
    assert.equal(events, 8);
    assert.ok(hostileFields >= 20, `${hostileFields} hostile fields`);
  });

  it('the Terraform state parses, with hostile ARNs and for_each keys', () => {
    const state: unknown = JSON.parse(readFileSync(path.join(DIR, 'terraform/terraform.tfstate'), 'utf8'));
    const result = listStateInstances(state);
    assert.ok(result.ok);
    assert.ok(result.instances.some((i) => i.arn === `arn:aws:iam::111122223333:role/[x](command:${FORBIDDEN_COMMAND})`));
    assert.ok(result.instances.some((i) => typeof i.indexKey === 'string' && i.indexKey.includes('](')));
  });
});
