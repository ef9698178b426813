/**
 * README.txt of an evidence bundle: what it holds and how a third party re-verifies it with AWS's
 * documented procedure ("Custom implementations of CloudTrail log file integrity validation",
 * CloudTrail User Guide), using only sha256sum, gzip and openssl — not this tool.
 */

/** What the README states about the bundle. */
export interface ReadmeFacts {
  readonly title: string;
  readonly generatedAt: number;
  readonly verdict: string;
  readonly events: number;
  readonly verifiedEvents: number;
  readonly logFiles: number;
  readonly digests: number;
  readonly keys: number;
}

/** The README text. */
export function evidenceReadme(facts: ReadmeFacts): string {
  return `CloudTrail evidence bundle
==========================

Result set:  ${facts.title}
Exported:    ${new Date(facts.generatedAt).toISOString()} by CloudTrail Investigator
Contents:    ${facts.events} events (${facts.verifiedEvents} from verified log files), ${facts.logFiles} log files,
             ${facts.digests} digest files, ${facts.keys} public keys
Validation verdict of the archive they come from: ${facts.verdict} (details in report.txt)

Layout
------
  README.txt            this file
  events.json           the events: each record as CloudTrail wrote it, with the log file it comes
                        from ("file"), its position in that file's Records array ("recordIndex",
                        counted from 0), the digest listing the file ("digest") and its integrity
  AWSLogs/…/CloudTrail/…         the log files, byte for byte, at their S3 keys
  AWSLogs/…/CloudTrail-Digest/…  the digest files listing them, and later digests that carry
                        their signatures (previousDigestSignature)
  …json.gz.metadata.json  a digest's own signature as S3 object metadata ("signature" is
                        x-amz-meta-signature, hex; "signature-algorithm" is SHA256withRSA)
  public-keys.json      the CloudTrail public keys the digests name (list-public-keys format:
                        Value = base64 DER PKCS#1), and public-keys/<fingerprint>.pem (SPKI PEM)
  report.txt            the validation report
  SHA256SUMS            SHA-256 of every other file

How to re-verify (AWS's documented procedure; nothing here needs this tool)
--------------------------------------------------------------------------
0. Files are as exported:   sha256sum -c SHA256SUMS
   (This only shows the bundle is unchanged since export; steps 1-4 show the logs are CloudTrail's.)

1. Public keys. Do not trust public-keys.json: get CloudTrail's keys yourself, in the trail's home
   region (the second region in a digest file name), for the digests' time span:
     aws cloudtrail list-public-keys --region REGION --start-time START --end-time END
   Each digest names its key in "digestPublicKeyFingerprint"; the fingerprint is the MD5 of the
   DER key value. Check that the key you obtained has that fingerprint, and that the digest's
   "digestEndTime" lies within its ValidityStartTime..ValidityEndTime.
   To convert a key value for openssl:
     base64 -d <<< "VALUE" | openssl rsa -RSAPublicKey_in -inform DER -pubout > key.pem

2. Each digest file D (gunzip -c D > d.json):
   a. "digestS3Object" must end with D's path in this bundle (a digest moved elsewhere is invalid).
   b. "digestSignatureAlgorithm" must be SHA256withRSA.
   c. Its signature: "signature" in D.metadata.json if present, otherwise the
      "previousDigestSignature" of the digest whose "previousDigestS3Object" names D.
   d. Build the signed string (four lines, no newline after the last):
        digestEndTime
        digestS3Bucket/digestS3Object
        hex SHA-256 of d.json (the uncompressed digest exactly as stored)
        previousDigestSignature (the word null when it is null)
      e.g. printf '%s\\n%s/%s\\n%s\\n%s' "$END" "$BUCKET" "$OBJECT" "$(sha256sum < d.json | cut -c1-64)" "$PREV" > tosign
   e. Verify the RSA PKCS#1 v1.5 SHA-256 signature:
        xxd -r -p <<< "$SIGNATURE" > sig.bin
        openssl dgst -sha256 -verify key.pem -signature sig.bin tosign      -> "Verified OK"

3. Each log file F listed in a verified digest's "logFiles" (matched by "s3Object", i.e. its path here):
     gunzip -c F | sha256sum      must equal that entry's "hashValue" ("hashAlgorithm": SHA-256)

4. Chain: for consecutive digests, the later one's "previousDigestHashValue" must equal the SHA-256
   of the earlier one's uncompressed content, and its "previousDigestSignature" the earlier one's
   signature.

An event is verified when its file passes step 3 for a digest that passes step 2. This bundle
proves that these events come from log files CloudTrail delivered, unaltered. It does not prove
that no other log file was deleted: for that, validate the whole trail with
  aws cloudtrail validate-logs --trail-arn ARN --start-time START
against the bucket itself.
`;
}
