/**
 * Answers a query from the {@link EventIndex} alone: time, regions, read-only, errors, category
 * and every attribute filter, newest first, de-duplicated by event id. The match is deliberately a
 * little generous (case-insensitive, a user name may be any name the principal goes by); the exact
 * check runs on the full events afterwards, so the index only has to never miss.
 */
import type { AttributeFilter, EventQuery } from '../core/query';
import { type EventIndex, type IndexedField, RowFlag, hashEventId } from './eventIndex';

type RowTest = (row: number) => boolean;

function valueTest(value: string): (text: string) => boolean {
  const wanted = value.toLowerCase();
  if (!wanted.includes('*')) return (text) => text.length === wanted.length && text.toLowerCase() === wanted;
  const pattern = new RegExp(`^${wanted.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return (text) => pattern.test(text.toLowerCase());
}

/** Evaluates a string predicate once per distinct interned string, not once per row. */
function stringMask(index: EventIndex, test: (text: string) => boolean): Uint8Array {
  const values = index.strings.values;
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (test(values[i] ?? '')) mask[i] = 1;
  return mask;
}

function fieldTest(index: EventIndex, fields: readonly IndexedField[], mask: Uint8Array): RowTest {
  return (row) => fields.some((field) => mask[index.field(row, field)] === 1);
}

function filterTest(index: EventIndex, filter: AttributeFilter): RowTest {
  const test = valueTest(filter.value);
  switch (filter.key) {
    case 'EventId': {
      // Ids are stored hashed: exact values compare hashes, wildcards leave it to the exact check.
      if (filter.value.includes('*')) return () => true;
      const hash = hashEventId(filter.value);
      return (row) => index.hasIdHash(row, hash);
    }
    case 'ReadOnly': {
      const want = filter.value.trim().toLowerCase();
      if (want !== 'true' && want !== 'false') return () => false;
      const readOnly = want === 'true';
      // Records that do not say stay candidates; the exact check decides.
      return (row) => {
        const flags = index.flagsOf(row);
        return (flags & RowFlag.ReadOnlyKnown) === 0 || ((flags & RowFlag.ReadOnly) !== 0) === readOnly;
      };
    }
    case 'EventName':
      return fieldTest(index, ['name'], stringMask(index, test));
    case 'EventSource':
      return fieldTest(index, ['source'], stringMask(index, test));
    case 'AccessKeyId':
      return fieldTest(index, ['accessKey'], stringMask(index, test));
    case 'Username':
      return fieldTest(index, ['userName', 'label', 'session', 'principal'], stringMask(index, test));
    case 'ResourceName': {
      const mask = stringMask(index, test);
      return (row) => index.someResource(row, (nameId) => mask[nameId] === 1);
    }
    case 'ResourceType': {
      const mask = stringMask(index, test);
      return (row) => index.someResource(row, (_nameId, typeId) => mask[typeId] === 1);
    }
  }
}

/** Fields with an inverted index, by the filter key that reads them. */
const POSTED: Partial<Record<AttributeFilter['key'], IndexedField>> = { EventName: 'name', EventSource: 'source', AccessKeyId: 'accessKey' };

/**
 * The rows an exact filter on a posted field allows (every other check still runs on them), or
 * undefined when no such filter exists and every row must be scanned.
 */
function candidateRows(index: EventIndex, filters: readonly AttributeFilter[]): Uint32Array | undefined {
  for (const filter of filters) {
    const field = POSTED[filter.key];
    if (field === undefined || filter.value.includes('*')) continue;
    const mask = stringMask(index, valueTest(filter.value));
    const ids: number[] = [];
    mask.forEach((bit, id) => {
      if (bit === 1) ids.push(id);
    });
    return index.rowsWith(field, ids);
  }
  return undefined;
}

/**
 * Rows that may match `query`, newest first (ties in file order). Copies of one event in several
 * files are all returned: the caller de-duplicates by the real id once it reads the events.
 * `fileAllowed[fileId]` must be 1 for files the query may read (the caller skips files by layout).
 */
export function matchRows(index: EventIndex, query: EventQuery, fileAllowed: Uint8Array): Uint32Array {
  const regions = new Set(query.regions);
  const regionMask = regions.size > 0 ? stringMask(index, (text) => regions.has(text)) : undefined;
  const tests = query.filters.map((filter) => filterTest(index, filter));
  const wantInsight = query.category === 'insight';
  const matched: number[] = [];
  const candidates = candidateRows(index, query.filters);
  const total = candidates ? candidates.length : index.size;
  for (let i = 0; i < total; i++) {
    const row = candidates ? (candidates[i] ?? 0) : i;
    if (fileAllowed[index.fileId(row)] !== 1) continue;
    const time = index.time(row);
    if (time < query.start || time > query.end) continue;
    const flags = index.flagsOf(row);
    if (((flags & RowFlag.Insight) !== 0) !== wantInsight) continue;
    if (!query.includeReadOnly && (flags & RowFlag.ReadOnly) !== 0) continue;
    if (query.errorsOnly === true && (flags & RowFlag.Error) === 0) continue;
    if (regionMask && regionMask[index.field(row, 'region')] !== 1) continue;
    if (!tests.every((test) => test(row))) continue;
    matched.push(row);
  }
  const rows = Uint32Array.from(matched);
  rows.sort((a, b) => index.time(b) - index.time(a) || index.fileId(a) - index.fileId(b) || index.recordIndex(a) - index.recordIndex(b));
  return rows;
}
