/**
 * A compact, column-oriented index of events: one row per record with its time, region, source,
 * name, principal, flags, resource names and where the record lives (file id + record index).
 * Strings are interned, numbers live in typed arrays, so a million rows cost tens of megabytes and
 * the raw records stay on disk until a query needs them.
 */
import type { TrailEvent } from '../core/model';

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

/** A growable typed column. */
class Column<T extends Float64Array | Uint32Array | Uint8Array> {
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  set(row: number, value: number): void {
    if (row >= this.data.length) {
      const next = this.make(Math.max(1024, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[row] = value;
  }
}

const f64 = (n: number): Float64Array => new Float64Array(n);
const u32 = (n: number): Uint32Array => new Uint32Array(n);
const u8 = (n: number): Uint8Array => new Uint8Array(n);

/** Row flags. */
export const enum RowFlag {
  ReadOnlyKnown = 1,
  ReadOnly = 2,
  Error = 4,
  Insight = 8,
}

/** The string columns a filter can look at. */
export type IndexedField = 'region' | 'source' | 'name' | 'principal' | 'userName' | 'label' | 'session' | 'accessKey';

/** Where a row's record lives. */
export interface RowLocation {
  readonly fileId: number;
  readonly recordIndex: number;
}

/** The in-memory index; rows are appended while files are read and never removed. */
export class EventIndex {
  /** All interned strings (one table: values repeat across columns, e.g. names and resources). */
  readonly strings = new StringTable();
  private readonly times = new Column(f64(1024), f64);
  private readonly fileIds = new Column(u32(1024), u32);
  private readonly recordIndexes = new Column(u32(1024), u32);
  private readonly flags = new Column(u8(1024), u8);
  private readonly fields: Record<IndexedField, Column<Uint32Array>> = {
    region: new Column(u32(1024), u32),
    source: new Column(u32(1024), u32),
    name: new Column(u32(1024), u32),
    principal: new Column(u32(1024), u32),
    userName: new Column(u32(1024), u32),
    label: new Column(u32(1024), u32),
    session: new Column(u32(1024), u32),
    accessKey: new Column(u32(1024), u32),
  };
  /** Row → first entry in `resourceIds`; resources of row r are `[resourceStart[r], resourceStart[r+1])`. */
  private readonly resourceStart = new Column(u32(1024), u32);
  /** Pairs (name id, type id) per resource. */
  private readonly resourceIds = new Column(u32(1024), u32);
  private resourceCount = 0;
  private readonly eventIds: string[] = [];
  private rows = 0;

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
    if (event.errorCode !== undefined) flags |= RowFlag.Error;
    if (event.category === 'Insight' || event.eventType === 'AwsCloudTrailInsight') flags |= RowFlag.Insight;
    this.flags.set(row, flags);
    const p = event.principal;
    this.fields.region.set(row, s.intern(event.region));
    this.fields.source.set(row, s.intern(event.service.source));
    this.fields.name.set(row, s.intern(event.name));
    this.fields.principal.set(row, s.intern(p.key));
    this.fields.userName.set(row, s.intern(p.userName ?? ''));
    this.fields.label.set(row, s.intern(p.label));
    this.fields.session.set(row, s.intern(p.sessionLabel ?? ''));
    this.fields.accessKey.set(row, s.intern(p.accessKeyId ?? ''));
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
    this.eventIds.push(event.id);
    return row;
  }

  time(row: number): number {
    return this.times.data[row] ?? 0;
  }

  flagsOf(row: number): number {
    return this.flags.data[row] ?? 0;
  }

  field(row: number, field: IndexedField): number {
    return this.fields[field].data[row] ?? 0;
  }

  eventId(row: number): string {
    return this.eventIds[row] ?? '';
  }

  location(row: number): RowLocation {
    return { fileId: this.fileIds.data[row] ?? 0, recordIndex: this.recordIndexes.data[row] ?? 0 };
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

  /** Approximate bytes held by the typed columns (not the interned strings). */
  columnBytes(): number {
    let total = this.times.data.byteLength + this.fileIds.data.byteLength + this.recordIndexes.data.byteLength;
    total += this.flags.data.byteLength + this.resourceStart.data.byteLength + this.resourceIds.data.byteLength;
    for (const column of Object.values(this.fields)) total += column.data.byteLength;
    return total;
  }
}
