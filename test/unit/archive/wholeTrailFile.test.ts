// The cheap path for small trail files (one JSON.parse of the whole text) gives exactly what the
// streaming reader gives, and hands everything unusual back to it: damage, other shapes, NUL bytes.
import * as assert from 'node:assert/strict';
import { bufferSource } from '../../../src/archive/prefetchText';
import { type ArchiveReadItem, readArchiveEventBatches, readArchiveTextBatches } from '../../../src/archive/readArchiveEvents';
import { parseWholeTrailFile } from '../../../src/archive/wholeTrailFile';
import { sampleRecords } from './helpers';

async function all(batches: AsyncIterable<ArchiveReadItem[]>): Promise<ArchiveReadItem[]> {
  const out: ArchiveReadItem[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

/** What a user gets from a file: event ids at their indexes, and the problem texts. */
function seen(items: readonly ArchiveReadItem[]): string[] {
  return items.map((i) => (i.kind === 'event' ? `${i.index}:${i.event.id}` : `${i.kind}:${i.message}`));
}

const streamed = (text: Buffer, wanted?: ReadonlySet<number>): Promise<ArchiveReadItem[]> => all(readArchiveEventBatches(bufferSource(text), 'f.json.gz', 'json', wanted ? { wanted } : {}));
const whole = (text: Buffer, wanted?: ReadonlySet<number>): Promise<ArchiveReadItem[]> => all(readArchiveTextBatches(text, 'f.json.gz', 'json', wanted ? { wanted } : {}));

describe('archive: small trail files read whole', () => {
  const records = sampleRecords();
  const trail = Buffer.from(JSON.stringify({ Records: records }));

  it('parses CloudTrail\'s one-line {"Records":[…]} at once, with the streaming reader\'s events, indexes and wanted records', async () => {
    assert.equal(parseWholeTrailFile(trail, 1 << 30)?.length, records.length);
    const cheap = await whole(trail);
    assert.deepEqual(seen(cheap), seen(await streamed(trail)));
    const events = cheap.flatMap((i) => (i.kind === 'event' ? [i] : []));
    assert.ok(events.length > 10 && events.length === cheap.length, 'every record is an event');
    const bytes = events.reduce((n, i) => n + i.bytes, 0);
    assert.ok(bytes >= trail.length && bytes < trail.length + cheap.length, 'the events account for the file\'s text');
    const wanted = new Set([1, 4]);
    assert.deepEqual(seen(await whole(trail, wanted)), seen(await streamed(trail, wanted)));
    assert.equal((await whole(trail, wanted)).length, 2);
  });

  it('hands damage back to the streaming reader: a bad record and a cut file keep every good record and their problem', async () => {
    const text = JSON.stringify({ Records: records });
    const withBad = Buffer.from(text.replace('{"eventVersion"', '{"eventVersion" x'));
    assert.equal(parseWholeTrailFile(withBad, 1 << 30), undefined);
    assert.deepEqual(seen(await whole(withBad)), seen(await streamed(withBad)));
    assert.ok((await whole(withBad)).some((i) => i.kind === 'recordError'));
    const cut = Buffer.from(text.slice(0, Math.floor(text.length / 2)));
    const kept = await whole(cut);
    assert.deepEqual(seen(kept), seen(await streamed(cut)));
    assert.ok(kept.some((i) => i.kind === 'event') && kept.at(-1)?.kind === 'fileError');
  });

  it('leaves every other shape to the streaming reader', () => {
    const cases: Record<string, string | Buffer> = {
      'lookup-events output': JSON.stringify({ Events: [{ EventId: 'x' }] }),
      'JSON lines': records.map((r) => JSON.stringify(r)).join('\n'),
      'a bare list': JSON.stringify(records),
      'an empty list': '{"Records":[]}',
      'another key beside Records': JSON.stringify({ Records: records, more: 1 }),
      'a UTF-8 BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), trail]),
      'UTF-16': Buffer.from(trail.toString('utf8'), 'utf16le'),
      'NUL padding': Buffer.concat([trail, Buffer.alloc(64)]),
    };
    for (const [what, text] of Object.entries(cases)) assert.equal(parseWholeTrailFile(Buffer.from(text), 1 << 30), undefined, what);
    assert.equal(parseWholeTrailFile(trail, trail.length - 1), undefined, 'text over the record cap');
  });
});
