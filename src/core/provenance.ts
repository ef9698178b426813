/**
 * Where an archive event came from and what integrity validation said about its file. Plain data
 * (serialisable as is, so a store can persist it): the event carries its {@link EventOrigin} from
 * the moment it is read; the {@link IntegrityIndex} is produced by digest validation, keyed by the
 * origin's `file`, and can be replaced when validation runs again.
 */
import type { EventOrigin, TrailEvent } from './model';

export type { EventOrigin } from './model';

/**
 * A file's integrity after validation:
 * - `verified`: a digest whose signature verified lists this key with this content's SHA-256;
 * - `altered`: a verified digest lists the key with another hash;
 * - `notYetCovered`: delivered after the newest digest given; a later digest would list it;
 * - `unverified`: nothing vouches for it (no digest lists its key, or the listing digest did not verify).
 */
export type IntegrityStatus = 'verified' | 'unverified' | 'altered' | 'notYetCovered';

/** What validation concluded about one file. */
export interface FileIntegrity {
  readonly status: IntegrityStatus;
  /** A stable code for why (e.g. `hashMatches`, `notListed`, `afterLastDigest`). */
  readonly reason: string;
  /** One sentence a person can act on. */
  readonly message: string;
  /** The S3 key of the digest that lists the file, when one does. */
  readonly digestKey?: string;
  readonly digestEndTime?: string;
}

/** Validation results by {@link EventOrigin.file}. */
export type IntegrityIndex = Readonly<Record<string, FileIntegrity>>;

/** An event's origin plus, when validation ran, its file's integrity. */
export interface EventProvenance {
  readonly origin: EventOrigin;
  readonly integrity?: FileIntegrity;
}

/** The provenance of an event; undefined for events that did not come from a file (the API). */
export function provenanceOf(event: TrailEvent, index?: IntegrityIndex): EventProvenance | undefined {
  const origin = event.origin;
  if (origin === undefined) return undefined;
  const integrity = index !== undefined && Object.hasOwn(index, origin.file) ? index[origin.file] : undefined;
  return integrity === undefined ? { origin } : { origin, integrity };
}

/** `…T0500Z` from a digest key: the end time its file name carries, which people compare. */
function digestLabel(key: string): string {
  const stamp = /_(\d{8}T\d{4})(\d{2})?Z\.json(\.gz)?$/.exec(key);
  return stamp ? `…${stamp[1].slice(8)}Z` : (key.split('/').pop() ?? key);
}

/** The words for each status, as the panel and the views show them. */
export const INTEGRITY_LABELS: Readonly<Record<IntegrityStatus | 'unchecked', string>> = {
  verified: 'verified',
  unverified: 'UNVERIFIED',
  altered: 'ALTERED',
  notYetCovered: 'not yet covered by a digest',
  unchecked: 'integrity not checked',
};

/**
 * One line for the event panel: `From AWSLogs/…/x.json.gz, record 12 — verified by digest …T0500Z`.
 * Text only (callers render it inert).
 */
export function provenanceLine(provenance: EventProvenance): string {
  const { origin, integrity } = provenance;
  const head = `From ${origin.key ?? origin.file}, record ${origin.recordIndex}`;
  if (integrity === undefined) return `${head} — ${INTEGRITY_LABELS.unchecked}`;
  const digest = integrity.digestKey !== undefined ? ` digest ${digestLabel(integrity.digestKey)}` : '';
  switch (integrity.status) {
    case 'verified':
      return `${head} — verified by${digest}`;
    case 'altered':
      return `${head} — ALTERED: its content differs from the hash in${digest || ' its digest'}`;
    case 'notYetCovered':
      return `${head} — not yet covered: ${integrity.message}`;
    case 'unverified':
      return `${head} — UNVERIFIED: ${integrity.message}`;
  }
}

/** The mark a view shows beside an event: its file's status, `unchecked`, or undefined for API events. */
export function integrityMark(event: TrailEvent, index?: IntegrityIndex): IntegrityStatus | 'unchecked' | undefined {
  const provenance = provenanceOf(event, index);
  if (provenance === undefined) return undefined;
  return provenance.integrity?.status ?? 'unchecked';
}

/**
 * The "verified only" view filter: keeps an event only when its file was verified by a digest.
 * API events and files not validated yet are dropped, because nothing vouches for them.
 */
export function isVerifiedEvent(index: IntegrityIndex | undefined): (event: TrailEvent) => boolean {
  return (event) => integrityMark(event, index) === 'verified';
}
