import * as assert from 'node:assert/strict';
import { EventIndex, hashEventId } from '../../../src/archive/eventIndex';
import { matchRows } from '../../../src/archive/indexQuery';
import type { TrailEvent } from '../../../src/core/model';
import { everything } from './helpers';

function event(id: string, name: string, time: number): TrailEvent {
  return {
    id,
    time,
    name,
    service: { source: 'rds.amazonaws.com', key: 'rds', label: 'RDS' },
    region: 'us-east-1',
    principal: { key: 'arn:aws:iam::1:user/a', label: 'a', type: 'IAMUser', userName: 'a' },
    resources: [],
    raw: {},
  };
}

describe('archive/eventIndex', () => {
  it('keeps its inverted index in step with rows added between queries', () => {
    const index = new EventIndex();
    const all = new Uint8Array(2).fill(1);
    index.add(event('1', 'DeleteDBInstance', 10), { fileId: 0, recordIndex: 0 });
    index.add(event('2', 'CreateDBInstance', 20), { fileId: 0, recordIndex: 1 });
    const query = everything({ filters: [{ key: 'EventName', value: 'DeleteDBInstance' }] });
    assert.deepEqual([...matchRows(index, query, all)], [0]);
    index.add(event('3', 'DeleteDBInstance', 30), { fileId: 1, recordIndex: 0 });
    assert.deepEqual([...matchRows(index, query, all)], [2, 0], 'newest first, the new row included');
    assert.deepEqual([...matchRows(index, everything({ filters: [{ key: 'EventName', value: 'Delete*' }] }), all)], [2, 0], 'wildcards scan');
  });

  it('hashes event ids stably and distinguishes near-identical ids', () => {
    assert.deepEqual(hashEventId('3fcfb182-98f8-4744-bd45-10a395ab61cb'), hashEventId('3fcfb182-98f8-4744-bd45-10a395ab61cb'));
    assert.notDeepEqual(hashEventId('3fcfb182-98f8-4744-bd45-10a395ab61cb'), hashEventId('3fcfb182-98f8-4744-bd45-10a395ab61cc'));
  });

  it('errors only finds a failed console sign-in that has no errorCode (responseElements.ConsoleLogin Failure)', () => {
    const index = new EventIndex();
    const failedLogin: TrailEvent = { ...event('1', 'ConsoleLogin', 10), errorMessage: 'Failed authentication', failure: { signal: 'responseElements', summary: 'Failed authentication' } };
    index.add(failedLogin, { fileId: 0, recordIndex: 0 });
    index.add(event('2', 'ConsoleLogin', 20), { fileId: 0, recordIndex: 1 });
    assert.deepEqual([...matchRows(index, everything({ errorsOnly: true }), new Uint8Array(2).fill(1))], [0]);
  });
});
