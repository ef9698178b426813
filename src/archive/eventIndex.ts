/**
 * A compact, column-oriented index of events: one row per record with its time, region, source,
 * name, principal, flags, resource names and where the record lives (file id + record index).
 * Strings are interned, numbers live in typed arrays, so a million rows cost tens of megabytes and
 * the raw records stay on disk until a query needs them.
 */
import type { TrailEvent } from '../core/model';
import { isFailed } from '../core/outcome';

/** Interns strings: each distinct value is stored once and rows hold its number. */
class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

// Three monomorphic column classes: one generic class over several typed-array kinds made
// `set`, the hottest call while indexing, megamorphic and several times slower.

/** A growable Float64 column. */
class F64Column {
  data = new Float64Array(1024);

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[row] = value;
  }
}

/** A growable Uint32 column. */
class U32Column {
  data = new Uint32Array(1024);

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[row] = value;
  }
}

/** A growable Uint8 column. */
class U8Column {
  data = new Uint8Array(1024);

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[row] = value;
  }
}

/**
 * Two independent 32-bit FNV-1a hashes of an event id. Collisions only make a row a candidate it
 * should not be; the exact check on the full event (and de-duplication by the real id) decides.
 */
export function hashEventId(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}

/** Row flags. */
export const enum RowFlag {
  ReadOnlyKnown = 1,
  ReadOnly = 2,
  Error = 4,
  Insight = 8,
}

/** The string columns a filter can look at. */
export type IndexedField = RowField | PrincipalField;
type RowField = 'region' | 'source' | 'name';
type PrincipalField = 'principal' | 'userName' | 'label' | 'session' | 'accessKey';

function isRowField(field: IndexedField): field is RowField {
  return field === 'region' || field === 'source' || field === 'name';
}

/** Where a row's record lives. */
export interface RowLocation {
  readonly fileId: number;
  readonly recordIndex: number;
}

/** The in-memory index; rows are appended while files are read and never removed. */
export class EventIndex {
  /** All interned strings (one table: values repeat across columns, e.g. names and resources). */
  readonly strings = new StringTable();
  private readonly times = new F64Column();
  private readonly fileIds = new U32Column();
  private readonly recordIndexes = new U32Column();
  private readonly flags = new U8Column();
  private readonly rowFields: Record<RowField, U32Column> = { region: new U32Column(), source: new U32Column(), name: new U32Column() };
  /**
   * Who made the call, as one id per row into a table of distinct (principal, user name, label,
   * session, access key) tuples: far fewer tuples than events, so 4 bytes a row instead of 20.
   */
  private readonly principalTuple = new U32Column();
  private readonly tupleIds = new Map<string, number>();
  private readonly tupleFields: Record<PrincipalField, U32Column> = {
    principal: new U32Column(),
    userName: new U32Column(),
    label: new U32Column(),
    session: new U32Column(),
    accessKey: new U32Column(),
  };
  /** Row → first entry in `resourceIds`; resources of row r are `[resourceStart[r], resourceStart[r+1])`. */
  private readonly resourceStart = new U32Column();
  /** Pairs (name id, type id) per resource. */
  private readonly resourceIds = new U32Column();
  private resourceCount = 0;
  /** Event ids as two 32-bit hashes: 8 bytes a row instead of a ~60-byte string. */
  private readonly idHashA = new U32Column();
  private readonly idHashB = new U32Column();
  private rows = 0;
  private readonly postings = new Map<IndexedField, { rows: number; offsets: Uint32Array; list: Uint32Array }>();

  /** Number of rows. */
  get size(): number {
    return this.rows;
  }

  /** Appends one event; returns its row number. */
  add(event: TrailEvent, location: RowLocation): number {
    const row = this.rows++;
    const s = this.strings;
    this.times.set(row, event.time);
    this.fileIds.set(row, location.fileId);
    this.recordIndexes.set(row, location.recordIndex);
    let flags = 0;
    if (event.readOnly !== undefined) flags |= RowFlag.ReadOnlyKnown | (event.readOnly ? RowFlag.ReadOnly : 0);
    if (isFailed(event)) flags |= RowFlag.Error;
    if (event.category === 'Insight' || event.eventType === 'AwsCloudTrailInsight') flags |= RowFlag.Insight;
    this.flags.set(row, flags);
    const p = event.principal;
    this.rowFields.region.set(row, s.intern(event.region));
    this.rowFields.source.set(row, s.intern(event.service.source));
    this.rowFields.name.set(row, s.intern(event.name));
    const tupleKey = `${p.key}\u0000${p.userName ?? ''}\u0000${p.label}\u0000${p.sessionLabel ?? ''}\u0000${p.accessKeyId ?? ''}`;
    let tuple = this.tupleIds.get(tupleKey);
    if (tuple === undefined) {
      tuple = this.tupleIds.size;
      this.tupleIds.set(tupleKey, tuple);
      const t = this.tupleFields;
      t.principal.set(tuple, s.intern(p.key));
      t.userName.set(tuple, s.intern(p.userName ?? ''));
      t.label.set(tuple, s.intern(p.label));
      t.session.set(tuple, s.intern(p.sessionLabel ?? ''));
      t.accessKey.set(tuple, s.intern(p.accessKeyId ?? ''));
    }
    this.principalTuple.set(row, tuple);
    this.resourceStart.set(row, this.resourceCount);
    for (const resource of event.resources) {
      this.resourceIds.set(this.resourceCount++, s.intern(resource.name));
      this.resourceIds.set(this.resourceCount++, s.intern(resource.type ?? ''));
      if (resource.arn !== undefined && resource.arn !== resource.name) {
        this.resourceIds.set(this.resourceCount++, s.intern(resource.arn));
        this.resourceIds.set(this.resourceCount++, s.intern(resource.type ?? ''));
      }
    }
    this.resourceStart.set(row + 1, this.resourceCount);
    const [a, b] = hashEventId(event.id);
    this.idHashA.set(row, a);
    this.idHashB.set(row, b);
    return row;
  }

  time(row: number): number {
    return this.times.data[row] ?? 0;
  }

  flagsOf(row: number): number {
    return this.flags.data[row] ?? 0;
  }

  field(row: number, field: IndexedField): number {
    if (isRowField(field)) return this.rowFields[field].data[row] ?? 0;
    return this.tupleFields[field].data[this.principalTuple.data[row] ?? 0] ?? 0;
  }

  /** True when the row's event id hashes like `hash` (a hash match; the full event confirms). */
  hasIdHash(row: number, hash: readonly [number, number]): boolean {
    return this.idHashA.data[row] === hash[0] && this.idHashB.data[row] === hash[1];
  }

  location(row: number): RowLocation {
    return { fileId: this.fileIds.data[row] ?? 0, recordIndex: this.recordIndexes.data[row] ?? 0 };
  }

  recordIndex(row: number): number {
    return this.recordIndexes.data[row] ?? 0;
  }

  fileId(row: number): number {
    return this.fileIds.data[row] ?? 0;
  }

  /** Calls `visit(nameId, typeId)` for each resource of a row until it returns true. */
  someResource(row: number, visit: (nameId: number, typeId: number) => boolean): boolean {
    const start = this.resourceStart.data[row] ?? 0;
    const end = this.resourceStart.data[row + 1] ?? start;
    for (let i = start; i < end; i += 2) {
      if (visit(this.resourceIds.data[i] ?? 0, this.resourceIds.data[i + 1] ?? 0)) return true;
    }
    return false;
  }

  /**
   * Rows whose `field` holds one of `ids`, ascending: an inverted index per field, built on first
   * use (one pass, 4 bytes a row) and rebuilt only after rows were added.
   */
  rowsWith(field: IndexedField, ids: readonly number[]): Uint32Array {
    let postings = this.postings.get(field);
    if (postings?.rows !== this.rows) {
      postings = this.buildPostings(field);
      this.postings.set(field, postings);
    }
    const { offsets, list } = postings;
    let total = 0;
    for (const id of ids) total += (offsets[id + 1] ?? 0) - (offsets[id] ?? 0);
    const rows = new Uint32Array(total);
    let at = 0;
    for (const id of ids) {
      const slice = list.subarray(offsets[id] ?? 0, offsets[id + 1] ?? 0);
      rows.set(slice, at);
      at += slice.length;
    }
    if (ids.length > 1) rows.sort();
    return rows;
  }

  private buildPostings(field: IndexedField): { rows: number; offsets: Uint32Array; list: Uint32Array } {
    const offsets = new Uint32Array(this.strings.values.length + 1);
    for (let row = 0; row < this.rows; row++) {
      const id = this.field(row, field);
      offsets[id + 1] = (offsets[id + 1] ?? 0) + 1;
    }
    for (let i = 1; i < offsets.length; i++) offsets[i] = (offsets[i] ?? 0) + (offsets[i - 1] ?? 0);
    const cursor = offsets.slice(0, -1);
    const list = new Uint32Array(this.rows);
    for (let row = 0; row < this.rows; row++) {
      const id = this.field(row, field);
      list[cursor[id] ?? 0] = row;
      cursor[id] = (cursor[id] ?? 0) + 1;
    }
    return { rows: this.rows, offsets, list };
  }

  /** Approximate bytes held by the typed columns (not the interned strings). */
  columnBytes(): number {
    let total = this.times.data.byteLength + this.fileIds.data.byteLength + this.recordIndexes.data.byteLength;
    total += this.flags.data.byteLength + this.resourceStart.data.byteLength + this.resourceIds.data.byteLength;
    total += this.idHashA.data.byteLength + this.idHashB.data.byteLength;
    total += this.principalTuple.data.byteLength;
    for (const column of [...Object.values(this.rowFields), ...Object.values(this.tupleFields)]) total += column.data.byteLength;
    return total;
  }
}
