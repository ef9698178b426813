// Where Athena requests go, from the settings: the region (the Athena setting, else the first
// CloudTrail region or the profile's), the workgroup, the table and the result location; and the
// source built from them. The Athena module (with its SDK) is loaded here, on first use.
import type { AthenaEventSource } from '../../aws/athena/athenaEventSource';
import { loadAthenaModule, type AthenaModule } from '../../aws/athena/loadAthenaModule';
import type { TrailTableShape } from '../../core/athena/trailTable';
import { resolveRegions } from '../../host/apiSource';
import { settings, type AthenaSettings } from '../../host/settings';

/** Where requests go. */
export interface AthenaTarget {
  readonly region: string;
  readonly profile: string;
  readonly settings: AthenaSettings;
}

/** The target of the current settings. */
export async function currentTarget(): Promise<AthenaTarget> {
  const athena = settings.athena();
  const profile = settings.profile();
  const region = athena.region !== '' ? athena.region : ((await resolveRegions(profile))[0] ?? 'us-east-1');
  return { region, profile, settings: athena };
}

/** The lazily loaded Athena module. */
export function athenaModule(): AthenaModule {
  return loadAthenaModule();
}

/** The client options of a target (profile, region, endpoint override). */
export function clientOptions(target: AthenaTarget): { region: string; profile?: string; endpoint?: string } {
  return {
    region: target.region,
    ...(target.profile !== '' ? { profile: target.profile } : {}),
    ...(target.settings.endpoint !== undefined ? { endpoint: target.settings.endpoint } : {}),
  };
}

/** A source for `table` in the target's workgroup. */
export function createSource(target: AthenaTarget, table: TrailTableShape, accounts?: readonly string[]): AthenaEventSource {
  return athenaModule().createAthenaEventSource({
    ...clientOptions(target),
    workGroup: target.settings.workGroup,
    table,
    ...(target.settings.outputLocation !== '' ? { outputLocation: target.settings.outputLocation } : {}),
    ...(accounts && accounts.length > 0 ? { accounts } : {}),
  });
}

/** A table shape that names only a database (for statements that are not event queries). */
export function bareTable(database: string, table: string): TrailTableShape {
  return { database: database === '' ? 'default' : database, table, partitions: {} };
}
