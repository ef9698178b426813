/**
 * What goes into an evidence bundle for a result set, decided without touching the disk: the
 * events with their provenance, the log files they come from (byte for byte, at their S3 keys),
 * the digests that list those files plus every later digest needed to carry their signatures, the
 * signatures as head-object sidecars, the public keys those digests name, the validation report
 * and a README. The writer (`writeEvidence.ts`) copies and adds the SHA-256 manifest.
 */
import { basename } from 'node:path';
import type { TrailEvent } from '../../core/model';
import { integrityMark } from '../../core/provenance';
import { SIGNATURE_ALGORITHM } from '../digest/checkDigest';
import { integrityIndex } from '../digest/integrityIndex';
import type { DigestCheck, DigestValidationReport } from '../digest/integrityTypes';
import type { TrailPublicKey } from '../digest/publicKeys';
import { type IntegrityReportContext, integrityReportText } from '../digest/reportContent';
import { evidenceReadme } from './readme';

/** Where an entry's bytes come from. */
export type BundleSource = { readonly kind: 'copy'; readonly from: string } | { readonly kind: 'text'; readonly text: string };

/** One file of the bundle, at a `/`-separated path inside it. */
export interface BundleEntry {
  readonly path: string;
  readonly source: BundleSource;
}

/** Inputs to {@link planEvidence}. */
export interface EvidenceInput {
  /** The result set (archive events carry their origin). */
  readonly events: readonly TrailEvent[];
  /** The validation of the archive the events come from. */
  readonly report: DigestValidationReport;
  readonly keys: readonly TrailPublicKey[];
  readonly context: IntegrityReportContext;
  /** The result set in words (the query), for the README. */
  readonly title: string;
}

/** The plan and what it holds. */
export interface EvidencePlan {
  readonly entries: readonly BundleEntry[];
  readonly counts: { readonly events: number; readonly verifiedEvents: number; readonly logFiles: number; readonly digests: number; readonly keys: number };
}

/** The name of the manifest the writer adds (`sha256sum -c` format). */
export const MANIFEST = 'SHA256SUMS';

const der2pem = (der: Uint8Array, label: string): string => `-----BEGIN ${label}-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

/** The key as SPKI PEM, which `openssl dgst -verify` reads. */
function spkiPem(key: TrailPublicKey): string {
  return der2pem(key.key.export({ format: 'der', type: 'spki' }), 'PUBLIC KEY');
}

/** Plans the bundle. Pure: reads nothing, writes nothing. */
export function planEvidence(input: EvidenceInput): EvidencePlan {
  const { report } = input;
  const index = integrityIndex(report);
  const fileChecks = new Map(report.files.map((f) => [f.path, f]));
  const digestChecks = new Map(report.digests.map((d) => [d.path, d]));
  const entries: BundleEntry[] = [];
  const used = new Set<string>();
  const place = (wanted: string, fallbackDir: string): string => {
    let path = wanted;
    for (let n = 2; used.has(path); n++) path = `${fallbackDir}/${n}/${wanted}`;
    used.add(path);
    return path;
  };

  // Log files, at their keys.
  const logPlace = new Map<string, string>();
  for (const event of input.events) {
    const file = event.origin?.file;
    if (file === undefined || logPlace.has(file)) continue;
    const key = fileChecks.get(file)?.key ?? event.origin?.key;
    const path = key !== undefined ? place(key, 'other-copies') : place(`files-without-s3-key/${basename(file)}`, 'files-without-s3-key');
    logPlace.set(file, path);
    entries.push({ path, source: { kind: 'copy', from: file } });
  }

  // Digests listing those files, and the later digests that carry their signatures.
  const digestPlace = new Map<string, string>();
  const addDigest = (check: DigestCheck): void => {
    if (digestPlace.has(check.path)) return;
    const path = place(check.key ?? `digests-without-s3-key/${basename(check.path)}`, 'other-copies');
    digestPlace.set(check.path, path);
    entries.push({ path, source: { kind: 'copy', from: check.path } });
    if (check.signatureSource === 'own' && check.signature !== undefined) {
      // The head-object shape every validator here (and the README) reads.
      entries.push({ path: `${path}.metadata.json`, source: { kind: 'text', text: `${JSON.stringify({ Metadata: { signature: check.signature, 'signature-algorithm': SIGNATURE_ALGORITHM } }, null, 2)}\n` } });
    }
    const carrier = check.carrierPath !== undefined ? digestChecks.get(check.carrierPath) : undefined;
    if (carrier) addDigest(carrier);
  };
  for (const file of logPlace.keys()) {
    const digestPath = fileChecks.get(file)?.digestPath;
    const check = digestPath !== undefined ? digestChecks.get(digestPath) : undefined;
    if (check) addDigest(check);
  }

  // The keys those digests name.
  const fingerprints = new Set([...digestPlace.keys()].map((p) => digestChecks.get(p)?.fingerprint));
  const keys = input.keys.filter((k) => fingerprints.has(k.fingerprint));
  const keyList = keys.map((k) => ({
    Value: Buffer.from(k.der).toString('base64'),
    Fingerprint: k.fingerprint,
    ...(k.validFrom !== undefined ? { ValidityStartTime: new Date(k.validFrom).toISOString() } : {}),
    ...(k.validTo !== undefined ? { ValidityEndTime: new Date(k.validTo).toISOString() } : {}),
  }));
  entries.push({ path: 'public-keys.json', source: { kind: 'text', text: `${JSON.stringify({ PublicKeyList: keyList }, null, 2)}\n` } });
  for (const k of keys) entries.push({ path: `public-keys/${k.fingerprint}.pem`, source: { kind: 'text', text: spkiPem(k) } });

  // The events, each with where it came from and what vouches for it.
  const events = input.events.map((event) => {
    const origin = event.origin;
    const check = origin !== undefined ? fileChecks.get(origin.file) : undefined;
    const digestPath = check?.digestPath !== undefined ? digestPlace.get(check.digestPath) : undefined;
    return {
      eventID: event.id,
      eventTime: new Date(event.time).toISOString(),
      eventName: event.name,
      integrity: integrityMark(event, index) ?? 'not from a trail file',
      ...(origin !== undefined ? { file: logPlace.get(origin.file) ?? null, recordIndex: origin.recordIndex } : { file: null }),
      ...(digestPath !== undefined ? { digest: digestPath } : {}),
      record: event.raw,
    };
  });
  const verifiedEvents = events.filter((e) => e.integrity === 'verified').length;
  entries.push({ path: 'events.json', source: { kind: 'text', text: `${JSON.stringify({ title: input.title, generatedAt: new Date(input.context.generatedAt).toISOString(), events }, null, 2)}\n` } });
  entries.push({ path: 'report.txt', source: { kind: 'text', text: integrityReportText(report, input.context) } });
  const counts = { events: events.length, verifiedEvents, logFiles: logPlace.size, digests: digestPlace.size, keys: keys.length };
  entries.push({ path: 'README.txt', source: { kind: 'text', text: evidenceReadme({ title: input.title, generatedAt: input.context.generatedAt, verdict: report.verdict, ...counts }) } });
  return { entries, counts };
}
