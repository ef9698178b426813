/** The contract of a trail-file source (see `archiveEventSource.ts`): its options, progress and counters. */
import type { EventProvenance, IntegrityIndex } from '../core/provenance';
import type { TrailEvent } from '../core/model';
import type { TrailEventSource } from '../core/query';
import type { ArchiveFile, ArchiveProblem } from './scanArchive';

/** Progress while files are indexed. */
export interface ArchiveProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly events: number;
}

/** Options for {@link createArchiveEventSource}. */
export interface ArchiveSourceOptions {
  /** Called after each file is indexed (whenever indexing happens, at creation or during a query). */
  readonly onProgress?: (progress: ArchiveProgress) => void;
  /** Stops the scan and eager indexing; files not yet read are read by later queries. */
  readonly signal?: AbortSignal;
  /** Index every file at creation (default false: files are indexed when a query needs them). */
  readonly indexAll?: boolean;
  /**
   * How late a record may be delivered after it happened, in ms (default 2 hours). Files delivered
   * more than this after a query's end are skipped without being opened.
   */
  readonly deliveryLagMs?: number;
  /** How many files' events to keep in memory for re-reads (default 8). */
  readonly cachedFiles?: number;
  /** Upper bound on the raw JSON bytes of the cached events (default 64 MiB): the cache never grows with file size. */
  readonly cachedBytes?: number;
  /** Cap on the inflated size of one gzip file (default 1 GiB); a file over it is a problem, the others load. */
  readonly maxInflatedBytes?: number;
  /** A record larger than this is skipped as a bad record (default 64 MiB). */
  readonly maxRecordBytes?: number;
}

/** Counters that show what the source did (tests assert on them; views may show them). */
export interface ArchiveSourceStats {
  /** Files whose events are in the index. */
  readonly filesIndexed: number;
  /** Times a file was opened, for indexing or re-reading. */
  readonly fileOpens: number;
  readonly events: number;
  readonly badRecords: number;
  /** Approximate bytes of the index's typed columns (interned strings and event ids not counted). */
  readonly indexBytes: number;
}

/** A {@link TrailEventSource} over local trail files and exports. */
export interface ArchiveEventSource extends TrailEventSource {
  readonly kind: 'archive';
  /** Every event file found (log files and exports), in scan order. */
  readonly files: readonly ArchiveFile[];
  /** Digest files found under `CloudTrail-Digest/` (see `digest/validateDigests.ts`). */
  readonly digests: readonly string[];
  /** Paths that could not be used, growing as files are read. Never fatal. */
  readonly problems: readonly ArchiveProblem[];
  /** Paths opened at least once; files skipped by time, region or category are not in it. */
  readonly openedPaths: ReadonlySet<string>;
  stats(): ArchiveSourceStats;
  /** Indexes every file not read yet. */
  indexAll(signal?: AbortSignal): Promise<void>;
  /** The paths the source was opened on (keys of files are taken relative to them). */
  readonly roots: readonly string[];
  /** The last integrity validation's results by file path (see `digest/integrityIndex.ts`), if any. */
  integrity(): IntegrityIndex | undefined;
  /** Records validation results; events' provenance reflects them from then on. */
  setIntegrity(index: IntegrityIndex | undefined): void;
  /** An event's file, record and (after validation) integrity; undefined for events not from this kind of source. */
  provenanceOf(event: TrailEvent): EventProvenance | undefined;
}
