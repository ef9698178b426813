/**
 * How the endpoint maps an external table onto local files, the way Athena's partition projection
 * maps it onto S3: LOCATION and `storage.location.template` name keys in a bucket; each bucket is a
 * local folder. The projected partition values come from each file's path, and only paths whose
 * values the projection allows (enum values, the date range up to NOW) belong to the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TRAIL_COLUMNS, type HiveField, type HiveType } from '../../src/core/athena/trailSchema';
import type { DdlField, DdlType, ExternalTable } from './hiveDdl';
import { DdlError } from './hiveDdl';

/** One data file of a table and its partition values. */
export interface TableFile {
  readonly file: string;
  readonly bytes: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface Projection {
  readonly column: string;
  readonly type: 'enum' | 'date' | 'injected';
  readonly values?: readonly string[];
  readonly range?: readonly [string, string];
}

function s3Parts(url: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m) throw new DdlError(`line 1:1: LOCATION must be an s3:// URL, not ${url}`);
  return { bucket: m[1], key: m[2] };
}

/** The projections of a table's partition columns (unsupported kinds are refused). */
export function projectionsOf(table: ExternalTable): Projection[] {
  if (table.partitions.length === 0) return [];
  if (table.properties['projection.enabled'] !== 'true') throw new DdlError('line 1:1: this local endpoint supports partitioned tables only with partition projection');
  return table.partitions.map((p) => {
    const get = (what: string): string | undefined => table.properties[`projection.${p.name}.${what}`];
    const type = get('type');
    if (type === 'enum') return { column: p.name, type, values: (get('values') ?? '').split(',').map((v) => v.trim()) };
    if (type === 'injected') return { column: p.name, type };
    if (type === 'date') {
      if (get('format') !== 'yyyy/MM/dd') throw new DdlError(`line 1:1: projection.${p.name}.format must be yyyy/MM/dd here`);
      const [from, to] = (get('range') ?? '').split(',').map((v) => v.trim()) as (string | undefined)[];
      if (from === undefined || to === undefined) throw new DdlError(`line 1:1: projection.${p.name}.range is missing`);
      return { column: p.name, type, range: [from, to] as const };
    }
    throw new DdlError(`line 1:1: projection.${p.name}.type ${type ?? '(missing)'} is not supported here`);
  });
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json.gz')) out.push(full);
  }
  return out.sort();
}

function todayDay(now: number): string {
  const d = new Date(now);
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The files of `table` whose partition values the projection allows. */
export function tableFiles(table: ExternalTable, buckets: Readonly<Record<string, string>>, now: number): TableFile[] {
  const projections = projectionsOf(table);
  const template = table.properties['storage.location.template'] ?? table.location;
  const { bucket, key } = s3Parts(template);
  const dir = buckets[bucket] as string | undefined;
  if (dir === undefined) return [];
  const names: string[] = [];
  const source = key
    .split(/(\$\{\w+\})/)
    .map((part) => {
      const m = /^\$\{(\w+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push((m[1]).toLowerCase());
      return projections.find((p) => p.column === (m[1]).toLowerCase())?.type === 'date' ? '(\\d{4}/\\d{2}/\\d{2})' : '([^/]+)';
    })
    .join('');
  const pattern = new RegExp(`^${source}${source.endsWith('/') ? '' : '/'}`);
  const fixed = key.split('${')[0] ?? '';
  const out: TableFile[] = [];
  for (const file of listFiles(path.join(dir, ...fixed.split('/').filter((s) => s !== '')))) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    const m = pattern.exec(rel);
    if (!m && names.length > 0) continue;
    const values: Record<string, string> = {};
    names.forEach((n, i) => (values[n] = m?.[i + 1] ?? ''));
    const allowed = projections.every((p) => {
      const v = values[p.column] ?? '';
      if (p.type === 'enum') return p.values?.includes(v) ?? false;
      if (p.type === 'date' && p.range) return v >= p.range[0] && v <= (p.range[1] === 'NOW' ? todayDay(now) : p.range[1]);
      return true;
    });
    if (allowed) out.push({ file, bytes: fs.statSync(file).size, values });
  }
  return out;
}

function spelling(fields: readonly HiveField[] | undefined, name: string): HiveField | undefined {
  return fields?.find((f) => f.name.toLowerCase() === name);
}

const SCALARS: Record<string, string> = { string: 'VARCHAR', bigint: 'BIGINT', int: 'INTEGER', integer: 'INTEGER', boolean: 'BOOLEAN', double: 'DOUBLE', float: 'FLOAT', timestamp: 'VARCHAR', date: 'VARCHAR' };

/**
 * The DuckDB type that reads a DDL type from the JSON files. Hive's JSON SerDe matches keys
 * case-insensitively; DuckDB's reader matches them exactly, so each field takes the spelling
 * CloudTrail writes (from the core's schema) where it is known.
 */
export function duckType(type: DdlType, known?: HiveType): string {
  if (type.kind === 'scalar') {
    const t = SCALARS[type.name.replace(/\(.*$/, '')] as string | undefined;
    if (t === undefined) throw new DdlError(`line 1:1: type ${type.name} is not supported here`);
    return t;
  }
  if (type.kind === 'array') return `${duckType(type.of, known !== undefined && typeof known === 'object' && 'array' in known ? known.array : undefined)}[]`;
  if (type.kind === 'map') return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
  const knownFields = known !== undefined && typeof known === 'object' && 'struct' in known ? known.struct : undefined;
  return `STRUCT(${type.fields.map((f) => fieldType(f, knownFields)).join(', ')})`;
}

function fieldType(f: DdlField, knownFields: readonly HiveField[] | undefined): string {
  const known = spelling(knownFields, f.name);
  return `"${(known?.name ?? f.name).replaceAll('"', '""')}" ${duckType(f.type, known?.type)}`;
}

/** The JSON spelling of a top-level column (for `r."eventVersion" AS "eventversion"`). */
export function columnSpelling(name: string): string {
  return spelling(TRAIL_COLUMNS, name)?.name ?? name;
}

/** The `Records` element type of the table's files. */
export function recordType(table: ExternalTable): string {
  return `STRUCT(${table.columns.map((c) => fieldType(c, TRAIL_COLUMNS)).join(', ')})`;
}
