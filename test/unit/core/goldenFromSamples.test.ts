// Principal derivation checked against every real record of test/fixtures/records.jsonl (AWS
// documentation examples), not against a table of what the code believes: each expected value is read
// from the record itself by the rule AWS documents for its identity type, and every failure names the
// record by its `source` and eventID. (Hand-picked Username and ARN rows live in golden.test.ts.)
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArn } from '../../../src/core/arn';
import { derivePrincipal } from '../../../src/core/principal';
import { repoRoot } from './fixtures';

type Json = Record<string, unknown>;
interface Sample {
  readonly source: string;
  readonly record: Json;
}

const samples: Sample[] = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'records.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Sample);

const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const where = (s: Sample): string => `${s.source} ${text(s.record.eventName) ?? ''} ${text(s.record.eventID) ?? ''}`;
const identityOf = (s: Sample): Json | undefined => obj(s.record.userIdentity);
const ofType = (type: string): Sample[] => samples.filter((s) => identityOf(s)?.type === type);

/** `arn:aws:sts::<acct>:assumed-role/<Role>/<Session>` → `<Session>` (cloudtrail-event-reference-user-identity). */
function sessionOfAssumedRoleArn(arn: string | undefined): string | undefined {
  const m = /:assumed-role\/[^/]+\/(.+)$/.exec(arn ?? '');
  return m?.[1];
}

describe('golden from samples: principals of every real record', () => {
  it('the samples hold every identity type this file checks', () => {
    for (const type of ['IAMUser', 'AssumedRole', 'Root', 'AWSService', 'FederatedUser', 'Unknown']) assert.ok(ofType(type).length > 0, type);
  });

  it('type, account, ARN and access key are the record’s own', () => {
    for (const s of samples) {
      const id = identityOf(s);
      const p = derivePrincipal(s.record);
      assert.equal(p.type, text(id?.type) ?? 'Missing', where(s));
      assert.equal(p.accountId, text(id?.accountId), where(s));
      assert.equal(p.arn, text(id?.arn), where(s));
      assert.equal(p.accessKeyId, text(id?.accessKeyId), where(s));
    }
  });

  it('IAM user: Username is userIdentity.userName, grouped by the user ARN', () => {
    for (const s of ofType('IAMUser')) {
      const id = identityOf(s)!;
      const p = derivePrincipal(s.record);
      if (text(id.userName) !== undefined) assert.equal(p.userName, id.userName, where(s));
      if (text(id.arn) !== undefined) assert.equal(p.key, id.arn, where(s));
    }
  });

  it('assumed role: Username is the role session name, grouped under the issuing role’s ARN', () => {
    for (const s of ofType('AssumedRole')) {
      const id = identityOf(s)!;
      const p = derivePrincipal(s.record);
      // The session name is the last part of the assumed-role ARN, else the part of principalId after its first colon.
      const principalId = text(id.principalId);
      const session = sessionOfAssumedRoleArn(text(id.arn)) ?? (principalId?.includes(':') ? principalId.slice(principalId.indexOf(':') + 1) : undefined);
      assert.equal(p.userName, session, where(s));
      const issuer = text(obj(obj(id.sessionContext)?.sessionIssuer)?.arn);
      if (issuer !== undefined) {
        assert.equal(p.sessionIssuerArn, issuer, where(s));
        assert.ok(p.key.startsWith(issuer), `${where(s)}: key ${p.key} is under ${issuer}`);
      }
    }
  });

  it('sessions of one role (not an Identity Center permission set) share one group, told apart by session', () => {
    const byRole = new Map<string, Set<string>>();
    for (const s of ofType('AssumedRole')) {
      const issuer = text(obj(obj(identityOf(s)?.sessionContext)?.sessionIssuer)?.arn);
      if (issuer === undefined || issuer.includes('/AWSReservedSSO_')) continue;
      const p = derivePrincipal(s.record);
      assert.equal(p.key, issuer, where(s));
      assert.equal(p.sessionKey, p.userName, where(s));
      byRole.set(issuer, (byRole.get(issuer) ?? new Set()).add(p.userName ?? ''));
    }
    assert.ok([...byRole.values()].some((sessions) => sessions.size > 1), 'the samples hold a role with two sessions');
  });

  it('root: Username is "root", whatever alias the record carries', () => {
    for (const s of ofType('Root')) assert.equal(derivePrincipal(s.record).userName, 'root', where(s));
    assert.ok(
      ofType('Root').some((s) => text(identityOf(s)?.userName) !== undefined),
      'a root record with an account alias in userName',
    );
  });

  it('AWS service: no Username, named by invokedBy', () => {
    for (const s of ofType('AWSService')) {
      const p = derivePrincipal(s.record);
      assert.equal(p.userName, undefined, where(s));
      assert.equal(p.label, text(identityOf(s)?.invokedBy), where(s));
    }
  });

  it('federated user: Username is the name in the federated-user ARN', () => {
    for (const s of ofType('FederatedUser')) {
      const m = /:federated-user\/(.+)$/.exec(text(identityOf(s)?.arn) ?? '');
      assert.equal(derivePrincipal(s.record).userName, m?.[1] ?? text(identityOf(s)?.userName), where(s));
    }
  });

  it('Unknown type (e.g. Identity Center sign-in): Username is userIdentity.userName when the record has one', () => {
    for (const s of ofType('Unknown')) assert.equal(derivePrincipal(s.record).userName, text(identityOf(s)?.userName), where(s));
  });

  it('MFA is what the record says: session attributes, or MFAUsed of a console sign-in', () => {
    let checked = 0;
    for (const s of samples) {
      const attr = text(obj(obj(identityOf(s)?.sessionContext)?.attributes)?.mfaAuthenticated);
      const used = text(obj(s.record.additionalEventData)?.MFAUsed);
      const expected = attr !== undefined ? attr === 'true' : used !== undefined ? used === 'Yes' : undefined;
      if (expected === undefined) continue;
      checked++;
      assert.equal(derivePrincipal(s.record).mfaAuthenticated, expected, where(s));
    }
    assert.ok(checked > 20, `${checked} records say whether MFA was used`);
  });

  it('every caller ARN with a 12-digit account parses to that account and the record’s partition', () => {
    let checked = 0;
    for (const s of samples) {
      const id = identityOf(s);
      const arn = text(id?.arn);
      const account = text(id?.accountId);
      // Documentation placeholders (`{arn-aws}`, `account-ID`) are not ARNs; the parser refuses them, tested elsewhere.
      if (arn?.startsWith('arn:') !== true || account === undefined || !/^\d{12}$/.test(account) || !arn.includes(`::${account}:`)) continue;
      const parsed = parseArn(arn);
      if (!parsed.ok) assert.fail(`${where(s)}: ${parsed.reason}`);
      assert.equal(parsed.arn.account, account, where(s));
      assert.equal(parsed.arn.partition, arn.split(':')[1], where(s));
      assert.equal(parsed.arn.service, arn.split(':')[2], where(s));
      checked++;
    }
    assert.ok(checked > 150, `${checked} caller ARNs`);
  });
});
