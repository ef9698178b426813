/**
 * Objects a parser thread downloads itself before parsing them (a trail bucket): the main thread
 * lists and hands out keys, and each thread signs and sends its GETs with a client of its own, so
 * the SDK's per-request work (signing, serde, endpoints) leaves the thread that writes the store.
 * The client comes from a module loaded by path (the S3 SDK bundle, `aws/bucket/objectFetcher.ts`),
 * so this ring never imports the SDK; credentials are resolved by the caller's cached provider and
 * handed over with each batch, and asked for again when they expire.
 */
import type { ArchiveFileFormat } from '../scanArchive';
import type { KeptCopy } from './objectPack';
import { parseTrailFile, type ParsedFile } from './parsedFile';

/** Credentials handed to a parser thread (never logged). */
export interface FetchCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** How a thread makes its client: a module exporting `createObjectFetcher(settings, credentials)`. */
export interface ObjectFetchPlan {
  readonly module: string;
  /** Plain client settings (endpoint, region, timeouts, retries), cloned to the thread. */
  readonly settings: unknown;
  /** The current credentials (the caller's cached provider). */
  credentials(): Promise<FetchCredentials>;
}

/** One object to download and parse (see {@link ParserPool.fetchParse}). */
export interface RemoteObject {
  readonly remote: { readonly bucket: string; readonly key: string };
  readonly plan: ObjectFetchPlan;
  /** The name problems are told under. */
  readonly name: string;
  /** Where to keep a copy (the object cache's pack folder). */
  readonly keepIn?: string;
  /** Told in the calling thread: the bytes downloaded (undefined when nothing was), and where the copy went (undefined: not written). */
  readonly done?: (fetchedBytes: number | undefined, kept: KeptCopy | undefined) => void;
}

/** True for a {@link RemoteObject}. */
export function isRemoteObject(input: unknown): input is RemoteObject {
  return typeof input === 'object' && input !== null && 'remote' in input;
}

/** A plan as it travels to a thread. */
export interface PlanMessage {
  readonly module: string;
  readonly settings: unknown;
  readonly credentials: FetchCredentials;
}

/** The key a plan is known by in every thread (same module and settings: same client). */
export function planKey(plan: Pick<ObjectFetchPlan, 'module' | 'settings'>): string {
  return `${plan.module}\n${JSON.stringify(plan.settings)}`;
}

type Fetcher = (bucket: string, key: string, signal?: AbortSignal) => Promise<Uint8Array>;
interface FetcherModule {
  createObjectFetcher(settings: unknown, credentials: () => Promise<FetchCredentials>): Fetcher;
}

/** Credentials this close to expiry are renewed before signing. */
const RENEW_BEFORE_MS = 60_000;

/** The clients of one thread, one per plan, and their current credentials. */
export class FetcherRegistry {
  private readonly entries = new Map<string, { fetch: Fetcher; credentials: FetchCredentials; renewing?: Promise<FetchCredentials> }>();

  /** `renew(key)` asks whoever holds the provider for fresh credentials. */
  constructor(private readonly renew: (key: string) => Promise<FetchCredentials>) {}

  /** Makes (once) or updates the client of a plan with the credentials that came with it. */
  update(key: string, plan: PlanMessage): void {
    const known = this.entries.get(key);
    if (known) {
      known.credentials = plan.credentials;
      return;
    }
    let module: FetcherModule;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      module = require(plan.module) as FetcherModule;
    } catch (err) {
      this.entries.set(key, { credentials: plan.credentials, fetch: () => Promise.reject(err instanceof Error ? err : new Error(String(err))) });
      return;
    }
    const entry: { fetch: Fetcher; credentials: FetchCredentials; renewing?: Promise<FetchCredentials> } = {
      credentials: plan.credentials,
      fetch: module.createObjectFetcher(plan.settings, async () => {
        const current = entry.credentials;
        if (current.expiration === undefined || current.expiration.getTime() - Date.now() > RENEW_BEFORE_MS) return current;
        entry.renewing ??= this.renew(key).finally(() => {
          entry.renewing = undefined;
        });
        entry.credentials = await entry.renewing;
        return entry.credentials;
      }),
    };
    this.entries.set(key, entry);
  }

  /** Downloads an object with the plan's client. */
  fetch(key: string, bucket: string, object: string, signal?: AbortSignal): Promise<Uint8Array> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.reject(new Error('no S3 client in this thread'));
    return entry.fetch(bucket, object, signal);
  }
}

/** A parse result of a downloaded object, with the bytes downloaded (absent when the GET failed or was cancelled). */
export type FetchedFile = ParsedFile & { readonly fetched?: number; readonly cancelled?: boolean };

/** Downloads with `registry`'s client for `key` and parses; never throws (a failed GET is the file's `problem`). */
export async function fetchAndParse(registry: FetcherRegistry, key: string, object: Omit<RemoteObject, 'plan' | 'done'>, format: ArchiveFileFormat, signal?: AbortSignal): Promise<FetchedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await registry.fetch(key, object.remote.bucket, object.remote.key, signal);
  } catch (err) {
    return { ...emptyFile(err instanceof Error ? err.message : String(err)), ...(signal?.aborted === true ? { cancelled: true } : {}) };
  }
  const parsed = await parseTrailFile({ bytes, name: object.name, ...(object.keepIn !== undefined ? { keepIn: object.keepIn } : {}) }, format);
  return { ...parsed, fetched: bytes.byteLength };
}

/** A file with no rows and a problem. */
export function emptyFile(problem: string): ParsedFile {
  return { rows: [], bodies: new Uint8Array(0), bodyEnds: new Uint32Array(0), resources: [], recordErrors: [], problem };
}
