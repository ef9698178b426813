/**
 * What digest validation reports. Every digest, every log file a digest lists, every local log file
 * and every link between digests ends with a status and a reason code; each reason has its own
 * sentence in the report (`reportContent.ts`). Plain data throughout.
 */
import type { IntegrityStatus } from '../../core/provenance';

/** Why a digest did or did not verify. */
export type DigestReason =
  | 'signatureValid'
  | 'signatureMismatch'
  | 'malformedSignature'
  | 'unknownSignatureAlgorithm'
  | 'noSignature'
  | 'unknownKey'
  | 'keyOutsideValidity'
  | 'unreadable'
  | 'moved';

/** The outcome for one digest file. `status` groups the reasons; `reason` tells them apart. */
export interface DigestCheck {
  readonly path: string;
  /** The digest's local key from `AWSLogs/` on, when its path has one. */
  readonly key?: string;
  readonly status: 'valid' | 'invalidSignature' | 'unsigned' | 'noKey' | 'unreadable' | 'moved';
  readonly reason: DigestReason;
  readonly message: string;
  readonly digestEndTime?: string;
  /** `own` (S3 metadata, a sidecar or a signatures map) or carried by the next digest. */
  readonly signatureSource?: 'own' | 'nextDigest';
  /** Where the signature was found, in words (`sidecar .metadata.json`, or the next digest's path). */
  readonly signatureFrom?: string;
  /** The hex signature that was checked, when one was found. */
  readonly signature?: string;
  /** The path of the digest that carried the signature, when `signatureSource` is `nextDigest`. */
  readonly carrierPath?: string;
  readonly fingerprint?: string;
}

/** Why a log file a digest lists is (not) as listed. */
export type ListedReason = 'hashMatches' | 'hashMismatch' | 'missing' | 'unreadable' | 'unknownHashAlgorithm' | 'digestNotVerified';

/** The outcome for one log file a digest lists. */
export interface LogFileCheck {
  /** `bucket/key` as the digest lists it. */
  readonly s3Path: string;
  /** The local file matched to it by key (the first, when several claim the key). */
  readonly path?: string;
  readonly status: 'valid' | 'altered' | 'missing' | 'unreadable' | 'unverified';
  readonly reason: ListedReason;
  readonly message: string;
  /** The digest that lists it. */
  readonly digestPath: string;
}

/** A failing problem with the links between digests. */
export interface ChainIssue {
  readonly digestPath: string;
  readonly kind: 'missingPrevious' | 'previousHashMismatch' | 'previousSignatureMismatch' | 'missingPreviousSignature' | 'unknownPreviousHashAlgorithm';
  readonly message: string;
}

/** Facts about the chain that do not fail the verdict (AWS's validate-logs reports them the same way). */
export interface ChainNote {
  readonly digestPath: string;
  readonly kind: 'chainStartsEarlier' | 'chainRestart';
  readonly message: string;
}

/** Why a local log file has its status. */
export type LocalReason =
  | 'hashMatches'
  | 'hashMismatch'
  | 'unreadable'
  | 'digestNotVerified'
  | 'unknownHashAlgorithm'
  | 'notListed'
  | 'notInLayout'
  | 'noDigestForRegion'
  | 'beforeDigests'
  | 'afterLastDigest';

/** The outcome for one local log file: what provenance shows for its events. */
export interface LocalFileCheck {
  readonly path: string;
  readonly key?: string;
  readonly status: IntegrityStatus;
  readonly reason: LocalReason;
  readonly message: string;
  /** The digest listing this key, when one does. */
  readonly digestPath?: string;
  readonly digestKey?: string;
  readonly digestEndTime?: string;
}

/** A local log file that no digest lists (kept for the report's "not covered" list). */
export interface UncoveredFile {
  readonly path: string;
  readonly reason: 'notListed' | 'notInLayout' | 'noDigestForRegion' | 'beforeDigests' | 'afterLastDigest';
  readonly message: string;
}

/**
 * The verdict: `verified` only when every digest verified, every listed file is present and
 * unaltered, the chain has no break, and every local log file is verified; `notYetCovered` when
 * the only thing short of that is files newer than the newest digest; `failed` otherwise.
 */
export type IntegrityVerdict = 'verified' | 'notYetCovered' | 'failed';

/** Everything validation found. */
export interface DigestValidationReport {
  readonly verdict: IntegrityVerdict;
  /** `verdict === 'verified'`. */
  readonly ok: boolean;
  readonly digests: readonly DigestCheck[];
  readonly logFiles: readonly LogFileCheck[];
  readonly chain: readonly ChainIssue[];
  readonly notes: readonly ChainNote[];
  /** One entry per local log file given, in the order given. */
  readonly files: readonly LocalFileCheck[];
  readonly notCovered: readonly UncoveredFile[];
}
