import * as assert from 'node:assert/strict';
import { parseCsv } from '../../../src/archive/parseCsv';

describe('archive/parseCsv', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside fields, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""","line1\nline2"\r\n,,\r\n';
    assert.deepEqual(parseCsv(text), [
      ['a', 'b', 'c'],
      ['1', 'x, "y"', 'line1\nline2'],
      ['', '', ''],
    ]);
  });

  it('keeps a last row without a line break', () => {
    assert.deepEqual(parseCsv('a,b\n1,2'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
