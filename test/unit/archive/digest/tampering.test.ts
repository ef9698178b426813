// Every tampering we could think of, on a chain signed here with node:crypto: each is caught with
// its own reason, and the untouched chain (also with a bucket prefix, or opened below AWSLogs/)
// passes. The reasons are what the report and the CLI print, one line each.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { publicKeysFromList } from '../../../../src/archive/digest/publicKeys';
import { type DigestValidationReport, validateDigests } from '../../../../src/archive/digest/validateDigests';
import { scanArchive } from '../../../../src/archive/scanArchive';
import { type ChainOptions, type GeneratedChain, writeChain } from '../digestChain';
import { tempDir } from '../helpers';

type Tmp = ReturnType<typeof tempDir>;

/** Every failing reason in a report, as `kind.reason`, without repeats, sorted. */
export function failures(report: DigestValidationReport): string[] {
  const all = [
    ...report.digests.filter((d) => d.status !== 'valid').map((d) => `digest.${d.reason}`),
    ...report.chain.map((c) => `chain.${c.kind}`),
    ...report.logFiles.filter((l) => l.status !== 'valid').map((l) => `listed.${l.reason}`),
    ...report.files.filter((f) => f.status !== 'verified').map((f) => `file.${f.reason}`),
  ];
  return [...new Set(all)].sort();
}

const LOG_DIR = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01';
const logName = (stamp: string, unique: string): string => `111122223333_CloudTrail_us-east-1_${stamp}_${unique.padEnd(16, '0')}.json.gz`;
const forgedLog = JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'forged', eventTime: '2024-01-01T01:00:00Z', eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com', awsRegion: 'us-east-1' }] });

function editGz(path: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(path, gzipSync(JSON.stringify(json)));
}

function sidecar(chain: GeneratedChain, i: number): string {
  return `${chain.digestPaths[i]}.metadata.json`;
}

interface Case {
  readonly name: string;
  readonly tamper?: (index: number, digest: Record<string, unknown>) => void;
  readonly options?: ChainOptions;
  /** Changes the files after the chain is written; may return extra log paths the scan would find. */
  readonly act?: (chain: GeneratedChain, tmp: Tmp) => string[] | undefined;
  readonly keyWindow?: { from: number; to: number };
  readonly verdict: DigestValidationReport['verdict'];
  readonly reasons: string[];
}

const CASES: readonly Case[] = [
  { name: 'untouched chain', verdict: 'verified', reasons: [] },
  { name: 'untouched chain with every digest signed by its own sidecar', options: { sidecars: 'all' }, verdict: 'verified', reasons: [] },
  {
    name: 'byte change in a log file',
    act: (chain) => {
      editGz(chain.logPaths[2], (j) => ((j.Records as Record<string, unknown>[])[0].eventName = 'DeleteBucket'));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['file.hashMismatch', 'listed.hashMismatch'],
  },
  {
    name: 'records reordered inside a log file',
    options: { records: 3 },
    act: (chain) => {
      editGz(chain.logPaths[3], (j) => (j.Records as unknown[]).reverse());
      return undefined;
    },
    verdict: 'failed',
    reasons: ['file.hashMismatch', 'listed.hashMismatch'],
  },
  {
    name: 'byte change in a digest',
    act: (chain) => {
      editGz(chain.digestPaths[1], (j) => (j.logFiles as unknown[]).pop());
      return undefined;
    },
    verdict: 'failed',
    reasons: ['chain.previousHashMismatch', 'digest.signatureMismatch', 'file.digestNotVerified', 'file.notListed', 'listed.digestNotVerified'],
  },
  {
    name: 'log file deleted',
    act: (chain) => {
      rmSync(chain.logPaths[4]);
      return undefined;
    },
    verdict: 'failed',
    reasons: ['listed.missing'],
  },
  {
    name: 'log file renamed',
    act: (chain) => {
      renameSync(chain.logPaths[1], chain.logPaths[1].replace('Log01', 'Ren01'));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['file.notListed', 'listed.missing'],
  },
  {
    name: 'digest renamed',
    act: (chain) => {
      renameSync(chain.digestPaths[1], chain.digestPaths[1].replace('_t_us-east-1_', '_u_us-east-1_'));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['digest.moved', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'two digests swapped (reordered)',
    act: (chain) => {
      const [a, b] = [chain.digestPaths[0], chain.digestPaths[1]];
      const bytesA = readFileSync(a);
      copyFileSync(b, a);
      writeFileSync(b, bytesA);
      return undefined;
    },
    verdict: 'failed',
    reasons: ['digest.moved', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'listed log copied under another day folder',
    act: (chain, tmp) => [tmp.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/${chain.logPaths[0].split('/').pop()!}`, readFileSync(chain.logPaths[0]))],
    verdict: 'failed',
    reasons: ['file.notListed'],
  },
  {
    name: 'altered copy of a listed log in another tree of the opened folder',
    act: (chain, tmp) => {
      const copy = join(tmp.dir, 'copy', chain.logPaths[0].slice(tmp.dir.length + 1));
      mkdirSync(dirname(copy), { recursive: true });
      writeFileSync(copy, gzipSync(forgedLog));
      return [copy];
    },
    verdict: 'failed',
    reasons: ['file.hashMismatch'],
  },
  {
    name: 'listed log copied into an AWSLogs/ folder nested inside the archive',
    act: (chain, tmp) => [tmp.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/01/old/${chain.logPaths[0].slice(tmp.dir.length + 1)}`, readFileSync(chain.logPaths[0]))],
    verdict: 'failed',
    reasons: ['file.notListed'],
  },
  {
    name: 'forged file before the covered range',
    act: (_chain, tmp) => [tmp.write(`AWSLogs/111122223333/CloudTrail/us-east-1/2023/12/31/${logName('20231231T2310Z', 'Before')}`, forgedLog, true)],
    verdict: 'failed',
    reasons: ['file.beforeDigests'],
  },
  {
    name: 'forged file inside the covered range',
    act: (_chain, tmp) => [tmp.write(`${LOG_DIR}/${logName('20240101T0130Z', 'Inside')}`, forgedLog, true)],
    verdict: 'failed',
    reasons: ['file.notListed'],
  },
  {
    name: 'forged file after the covered range (newer than the newest digest)',
    act: (_chain, tmp) => [tmp.write(`${LOG_DIR}/${logName('20240101T0410Z', 'After')}`, forgedLog, true)],
    verdict: 'notYetCovered',
    reasons: ['file.afterLastDigest'],
  },
  {
    name: 'forged file in a region no digest covers',
    act: (_chain, tmp) => [tmp.write(`AWSLogs/111122223333/CloudTrail/eu-west-1/2024/01/01/111122223333_CloudTrail_eu-west-1_20240101T0130Z_Region0000000000.json.gz`, forgedLog, true)],
    verdict: 'failed',
    reasons: ['file.noDigestForRegion'],
  },
  {
    name: 'log file outside the AWSLogs/ layout',
    act: (_chain, tmp) => [tmp.write(`flat/${logName('20240101T0130Z', 'Flat')}`, forgedLog, true)],
    verdict: 'failed',
    reasons: ['file.notInLayout'],
  },
  {
    name: 'signatures of two digests swapped',
    options: { sidecars: 'all' },
    act: (chain) => {
      const a = readFileSync(sidecar(chain, 0));
      copyFileSync(sidecar(chain, 1), sidecar(chain, 0));
      writeFileSync(sidecar(chain, 1), a);
      return undefined;
    },
    verdict: 'failed',
    reasons: ['chain.previousSignatureMismatch', 'digest.signatureMismatch', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'newest signature truncated',
    act: (chain) => {
      const meta = JSON.parse(readFileSync(sidecar(chain, 2), 'utf8')) as { Metadata: { signature: string } };
      meta.Metadata.signature = meta.Metadata.signature.slice(0, -2);
      writeFileSync(sidecar(chain, 2), JSON.stringify(meta));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['digest.malformedSignature', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'newest signature missing (no S3 metadata offline)',
    act: (chain) => {
      rmSync(sidecar(chain, 2));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['digest.noSignature', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'chain gap (a digest deleted from the middle)',
    options: { sidecars: 'all' },
    act: (chain) => {
      rmSync(chain.digestPaths[1]);
      return undefined;
    },
    verdict: 'failed',
    reasons: ['chain.missingPrevious', 'file.notListed'],
  },
  {
    name: 'link without a previous signature',
    options: { sidecars: 'all' },
    tamper: (i, d) => {
      if (i === 2) d.previousDigestSignature = null;
    },
    verdict: 'failed',
    reasons: ['chain.missingPreviousSignature'],
  },
  {
    name: 'unknown previous-digest hash algorithm',
    tamper: (i, d) => {
      if (i === 1) d.previousDigestHashAlgorithm = 'MD5';
    },
    verdict: 'failed',
    reasons: ['chain.unknownPreviousHashAlgorithm'],
  },
  {
    name: 'wrong signature algorithm in the digest',
    tamper: (i, d) => {
      if (i === 1) d.digestSignatureAlgorithm = 'SHA1withRSA';
    },
    verdict: 'failed',
    reasons: ['digest.unknownSignatureAlgorithm', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'wrong signature algorithm in the object metadata',
    act: (chain) => {
      const meta = JSON.parse(readFileSync(sidecar(chain, 2), 'utf8')) as { Metadata: Record<string, string> };
      meta.Metadata['signature-algorithm'] = 'SHA1withRSA';
      writeFileSync(sidecar(chain, 2), JSON.stringify(meta));
      return undefined;
    },
    verdict: 'failed',
    reasons: ['digest.unknownSignatureAlgorithm', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'unknown log-file hash algorithm',
    tamper: (i, d) => {
      if (i === 0) (d.logFiles as Record<string, unknown>[])[0].hashAlgorithm = 'MD5';
    },
    verdict: 'failed',
    reasons: ['file.unknownHashAlgorithm', 'listed.unknownHashAlgorithm'],
  },
  {
    name: 'digest signed by an unknown key',
    tamper: (i, d) => {
      if (i === 2) d.digestPublicKeyFingerprint = '0'.repeat(32);
    },
    verdict: 'failed',
    reasons: ['digest.unknownKey', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
  {
    name: 'key outside its validity window',
    keyWindow: { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 1, 2, 30) },
    verdict: 'failed',
    reasons: ['digest.keyOutsideValidity', 'file.digestNotVerified', 'listed.digestNotVerified'],
  },
];

describe('archive/digest tampering: each caught with its own reason', () => {
  let tmp: Tmp;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp.cleanup();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const chain = writeChain(tmp, 3, c.tamper, c.options);
      const extra = c.act?.(chain, tmp) ?? [];
      const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer), ...(c.keyWindow ? { ValidityStartTime: new Date(c.keyWindow.from), ValidityEndTime: new Date(c.keyWindow.to) } : {}) }]).keys;
      const scan = await scanArchive([tmp.dir]);
      const logs = scan.files.map((f) => f.path);
      for (const path of extra) assert.ok(logs.includes(path), `the scan finds ${path}`);
      const report = await validateDigests({ digestPaths: scan.digests, logPaths: logs, roots: [tmp.dir], keys });
      assert.deepEqual(failures(report), c.reasons, JSON.stringify(report, null, 1).slice(0, 3000));
      assert.equal(report.verdict, c.verdict);
      assert.equal(report.ok, c.verdict === 'verified');
    });
  }

  it('a chain restart (previous fields null) is a note, not a failure, as in AWS validate-logs', async () => {
    const chain = writeChain(
      tmp,
      3,
      (i, d) => {
        if (i === 2) Object.assign(d, { previousDigestS3Bucket: null, previousDigestS3Object: null, previousDigestHashValue: null, previousDigestHashAlgorithm: null, previousDigestSignature: null });
      },
      { sidecars: 'all' },
    );
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys });
    assert.deepEqual(failures(report), []);
    assert.deepEqual(report.notes.map((n) => n.kind), ['chainRestart']);
    assert.equal(report.verdict, 'verified');
  });

  it('passes untouched when the keys carry a bucket prefix and when the folder is opened below AWSLogs/', async () => {
    const prefix = (i: number, d: Record<string, unknown>): void => {
      d.digestS3Object = `team/trails/${String(d.digestS3Object)}`;
      if (i > 0) d.previousDigestS3Object = `team/trails/${String(d.previousDigestS3Object)}`;
      for (const f of d.logFiles as Record<string, unknown>[]) f.s3Object = `team/trails/${String(f.s3Object)}`;
    };
    const chain = writeChain(tmp, 3, prefix, { under: 'bucket-copy/team/trails' });
    const keys = publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys;
    const whole = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, roots: [tmp.dir], keys });
    assert.deepEqual(failures(whole), []);
    const below = join(tmp.dir, 'bucket-copy/team/trails/AWSLogs/111122223333');
    const opened = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, roots: [below], keys });
    assert.equal(opened.verdict, 'verified');
    assert.equal(opened.files[0].key, `${LOG_DIR}/${chain.logPaths[0].split('/').pop()!}`);
  });

  it('says in plain words that the newest digest cannot be verified offline without its metadata', async () => {
    const chain = writeChain(tmp, 2);
    rmSync(sidecar(chain, 1));
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys });
    assert.match(report.digests[1].message, /cannot be verified offline/);
    assert.match(report.digests[1].message, /x-amz-meta-signature/);
    assert.match(report.digests[1].message, /aws s3api head-object --bucket trail-bucket --key AWSLogs\/.*T020030Z\.json\.gz/);
  });

  it('takes the signature from a pluggable provider (as an S3 source reading HeadObject metadata would)', async () => {
    const chain = writeChain(tmp, 2, undefined, { sidecars: 'none' });
    const asked: string[] = [];
    const provider = {
      signatureOf(d: { s3Object: string }) {
        asked.push(d.s3Object);
        return Promise.resolve(d.s3Object.endsWith('T020030Z.json.gz') ? { signature: chain.signatures[1], algorithm: 'SHA256withRSA', from: 'S3 metadata' } : undefined);
      },
    };
    const report = await validateDigests({ digestPaths: chain.digestPaths, logPaths: chain.logPaths, keys: publicKeysFromList([{ Value: new Uint8Array(chain.publicDer) }]).keys, signatureProvider: provider });
    assert.equal(asked.length, 2);
    assert.deepEqual(report.digests.map((d) => d.signatureFrom), [`next digest ${chain.digestPaths[1]}`, 'S3 metadata']);
    assert.equal(report.verdict, 'verified');
  });
});
