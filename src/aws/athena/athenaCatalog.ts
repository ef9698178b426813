/**
 * What "Connect to Athena" reads before the first query: the workgroups, a workgroup's limits
 * (output location, whether it enforces its configuration, the per-query scan cutoff, engine) and
 * an existing table's shape from its metadata (partition columns and projected values).
 */
import { GetTableMetadataCommand, GetWorkGroupCommand, ListWorkGroupsCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { shapeFromMetadata, type TrailTableShape } from '../../core/athena/trailTable';

/** A workgroup's limits that shape every query. */
export interface WorkGroupLimits {
  readonly name: string;
  readonly enabled: boolean;
  /** Where results go; queries must supply one when absent. */
  readonly outputLocation?: string;
  /** When true, the workgroup's settings override the client's (output location included). */
  readonly enforced: boolean;
  /** A query scanning more than this is cancelled by Athena (and billed for what it scanned). */
  readonly bytesScannedCutoffPerQuery?: number;
  readonly engineVersion?: string;
}

/** GetWorkGroup, reduced to its limits. */
export async function getWorkGroupLimits(client: AthenaClient, name: string): Promise<WorkGroupLimits> {
  const out = await client.send(new GetWorkGroupCommand({ WorkGroup: name }));
  const w = out.WorkGroup;
  const config = w?.Configuration;
  const cutoff = config?.BytesScannedCutoffPerQuery;
  const location = config?.ResultConfiguration?.OutputLocation;
  const engine = config?.EngineVersion?.EffectiveEngineVersion;
  return {
    name: w?.Name ?? name,
    enabled: (w?.State ?? 'ENABLED') === 'ENABLED',
    ...(location ? { outputLocation: location } : {}),
    enforced: config?.EnforceWorkGroupConfiguration === true,
    ...(cutoff !== undefined ? { bytesScannedCutoffPerQuery: cutoff } : {}),
    ...(engine ? { engineVersion: engine } : {}),
  };
}

/** Every workgroup name (all pages), for the connect flow's picker. */
export async function listWorkGroups(client: AthenaClient): Promise<{ name: string; enabled: boolean; description?: string }[]> {
  const out: { name: string; enabled: boolean; description?: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListWorkGroupsCommand({ ...(token ? { NextToken: token } : {}) }));
    for (const w of page.WorkGroups ?? []) out.push({ name: w.Name ?? '', enabled: w.State !== 'DISABLED', ...(w.Description ? { description: w.Description } : {}) });
    token = page.NextToken;
  } while (token);
  return out;
}

/** The shape of an existing CloudTrail table (GetTableMetadata). */
export async function getTableShape(client: AthenaClient, catalog: string, database: string, table: string): Promise<TrailTableShape> {
  const out = await client.send(new GetTableMetadataCommand({ CatalogName: catalog, DatabaseName: database, TableName: table }));
  const meta = out.TableMetadata;
  const keys = (meta?.PartitionKeys ?? []).map((k) => k.Name ?? '').filter((k) => k !== '');
  return shapeFromMetadata(database, meta?.Name ?? table, keys, meta?.Parameters ?? {});
}
