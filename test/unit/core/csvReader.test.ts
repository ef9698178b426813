import * as assert from 'node:assert/strict';
import { CsvRowReader, parseCsvRows } from '../../../src/core/csv';

describe('core/csv CsvRowReader (the one CSV parser)', () => {
  const text = '\uFEFFa,b,c\r\n1,"x, ""y""","line1\nline2"\r\n,,\r\n"",q,""""\rlast,row';
  const expected = [
    ['a', 'b', 'c'],
    ['1', 'x, "y"', 'line1\nline2'],
    ['', '', ''],
    ['', 'q', '"'],
    ['last', 'row'],
  ];

  it('handles quotes, doubled quotes, commas and line breaks inside fields, CRLF, CR and a BOM', () => {
    assert.deepEqual(parseCsvRows(text), expected);
  });

  it('gives the same rows whatever the chunk boundaries (quotes, CRLF and the BOM split across chunks)', () => {
    for (let size = 1; size <= text.length; size++) {
      const reader = new CsvRowReader();
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size) rows.push(...reader.push(text.slice(i, i + size)));
      rows.push(...reader.end());
      assert.deepEqual(rows, expected, `chunk size ${size}`);
    }
  });

  it('ends an unclosed quoted field at the end of the text', () => {
    assert.deepEqual(parseCsvRows('a,"open\nstill'), [['a', 'open\nstill']]);
  });
});
