import * as assert from 'node:assert/strict';
import { coveredLength, mergeIntervals, uncovered } from '../../../src/core/intervals';

describe('core/intervals', () => {
  it('merges overlapping and touching intervals', () => {
    assert.deepEqual(mergeIntervals([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 6, end: 9 }, { start: 15, end: 30 }]), [{ start: 0, end: 30 }]);
    assert.deepEqual(mergeIntervals([{ start: 0, end: 5 }, { start: 7, end: 9 }]), [{ start: 0, end: 5 }, { start: 7, end: 9 }]);
  });

  it('finds what a window still needs', () => {
    const covered = [{ start: 10, end: 20 }, { start: 30, end: 40 }];
    assert.deepEqual(uncovered({ start: 0, end: 50 }, covered), [{ start: 0, end: 9 }, { start: 21, end: 29 }, { start: 41, end: 50 }]);
    assert.deepEqual(uncovered({ start: 12, end: 18 }, covered), []);
    assert.deepEqual(uncovered({ start: 15, end: 35 }, covered), [{ start: 21, end: 29 }]);
    assert.deepEqual(uncovered({ start: 0, end: 5 }, []), [{ start: 0, end: 5 }]);
  });

  it('measures the covered part of a window', () => {
    assert.equal(coveredLength({ start: 0, end: 99 }, [{ start: 50, end: 200 }]), 50);
    assert.equal(coveredLength({ start: 0, end: 99 }, []), 0);
  });
});
