/**
 * Loads DuckDB on first use. `@duckdb/node-api` is a devDependency whose native binding comes as an
 * optional, per-platform npm package: where it could not be installed, only what needs the local
 * Athena endpoint fails — with this message — and everything else still loads and runs.
 */
export type DuckDb = typeof import('@duckdb/node-api');

let loaded: Promise<DuckDb> | undefined;

export function loadDuckDb(): Promise<DuckDb> {
  loaded ??= import('@duckdb/node-api').catch((err: unknown) => {
    loaded = undefined;
    throw new Error(
      `DuckDB (@duckdb/node-api) could not be loaded on ${process.platform}-${process.arch}: its native binding package is missing. ` +
        `Run npm ci on a supported platform to use the local Athena endpoint. (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`,
    );
  });
  return loaded;
}
