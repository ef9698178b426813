import * as assert from 'node:assert/strict';
import { groupEvents } from '../../../src/core/grouping';
import type { TrailEvent } from '../../../src/core/model';
import { resourceIdentitiesOf } from '../../../src/core/resourceIdentity';
import { buildResourceIdentityIndex } from '../../../src/core/resourceIdentityIndex';
import { generateSampleRecords } from '../../../tools/sample-data/generate';
import { asLookupEvents, buildEvent, sampleRecords } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const { records, story } = generateSampleRecords({ now: NOW, backgroundEvents: 300 });
const sampleEvents = asLookupEvents(records);

const resourceGroupsHolding = (events: readonly TrailEvent[], ids: readonly string[]) =>
  groupEvents(events, 'resource').filter((g) => g.events.some((e) => ids.includes(e.id)));

describe('core/resourceIdentity: one group per real resource', () => {
  it('the sample WAF web ACL, seen as id, name and ARN, is one group labelled with its name', () => {
    const touching = sampleEvents.filter((e) => e.resources.some((r) => [story.webAclArn, story.webAclName, story.webAclId].includes(r.name)));
    const names = new Set(touching.map((e) => e.name));
    assert.ok(names.has('UpdateWebACL') && names.has('GetWebACL'), [...names].join());
    const groups = resourceGroupsHolding(sampleEvents, touching.map((e) => e.id));
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]),
      [[story.webAclName, touching.length]],
    );
    assert.equal(groups[0]?.key, `arn:aws:wafv2:eu-west-1:${story.accountId}:regional/webacl/${story.webAclId}`);
  });

  it('the sample deploy role, seen as ARN (AssumeRole…) and as name (GetRole…), is one group', () => {
    const assume = sampleEvents.filter((e) => e.name === 'AssumeRoleWithWebIdentity');
    const byName = sampleEvents.filter((e) => e.name === 'GetRole' && e.resources.some((r) => r.name === story.roleName));
    assert.ok(assume.length > 0 && byName.length > 0);
    const groups = resourceGroupsHolding(sampleEvents, [...assume, ...byName].map((e) => e.id)).filter((g) => g.label === story.roleName || g.key.includes(story.roleName));
    assert.deepEqual(
      groups.map((g) => [g.key, g.label]),
      [[story.roleArn, story.roleName]],
    );
  });

  it('the real WAF documentation records (CreateWebACL, GetWebACL, UpdateWebACL, DeleteWebACL of web ACL "foo") are one group', () => {
    // awsdocs/aws-waf-and-shield-advanced-developer-guide logging-using-cloudtrail.md: the four calls on web ACL "foo".
    const src = 'aws-waf-and-shield-advanced-developer-guide:doc_source/logging-using-cloudtrail.md';
    const waf = asLookupEvents(['CreateWebACL', 'GetWebACL', 'UpdateWebACL', 'DeleteWebACL'].flatMap((eventName) => sampleRecords({ source: src, eventName })));
    const groups = groupEvents(waf, 'resource');
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]),
      [['foo', 4]],
    );
    assert.equal(groups[0]?.events.length, 4);
  });

  it('a real KMS CreateAlias names the key and the alias: two resources, two groups', () => {
    // awsdocs/aws-kms-developer-guide ct-createalias: resources [key/1234abcd…, alias/…].
    const [record] = sampleRecords({ source: 'aws-kms-developer-guide', eventName: 'CreateAlias' });
    const [event] = asLookupEvents([record]);
    const ids = resourceIdentitiesOf(event);
    assert.equal(ids.length, 2);
    assert.deepEqual(ids.map((i) => i.label).sort(), ['1234abcd-12ab-34cd-56ef-1234567890ab', 'ExampleAlias'].sort());
  });

  it('a real AssumeRole record: the role ARN is the identity, its name the label', () => {
    // awsdocs/iam-user-guide cloudtrail-integration.md: JohnDoe assumes arn:aws:iam::111122223333:role/EC2-dev.
    const [record] = sampleRecords({ source: 'iam-user-guide:doc_source/cloudtrail-integration.md', eventName: 'AssumeRole', eventID: 'dEXAMPLE-ac7f-466c-a608-4ac8dEXAMPLE' });
    const [event] = asLookupEvents([record]);
    assert.deepEqual(
      resourceIdentitiesOf(event).map((i) => [i.key, i.label]),
      [['arn:aws:iam::111122223333:role/EC2-dev', 'EC2-dev']],
    );
  });

  it('joins IAM ARNs with and without a path, and Lambda ARNs with and without a qualifier', () => {
    const e1 = buildEvent({ id: 'a', account: '1', resources: [{ type: 'AWS::IAM::Role', name: 'arn:aws:iam::111122223333:role/service-role/app', arn: 'arn:aws:iam::111122223333:role/service-role/app' }] });
    const e2 = buildEvent({ id: 'b', account: '111122223333', region: 'us-east-1', resources: [{ type: 'AWS::IAM::Role', name: 'app' }] });
    const e3 = buildEvent({ id: 'c', resources: [{ name: 'arn:aws:lambda:us-east-1:111122223333:function:fn:PROD', arn: 'arn:aws:lambda:us-east-1:111122223333:function:fn:PROD' }] });
    const e4 = buildEvent({ id: 'd', account: '111122223333', region: 'us-east-1', resources: [{ type: 'AWS::Lambda::Function', name: 'fn' }] });
    const groups = groupEvents([e1, e2, e3, e4], 'resource');
    assert.deepEqual(
      groups.map((g) => [g.label, g.count]).sort(),
      [
        ['app', 2],
        ['fn', 2],
      ],
    );
    assert.equal(groups.find((g) => g.label === 'app')?.key, 'arn:aws:iam::111122223333:role/app');
  });

  it('joins a security group id and its name within an event, but never two groups that share a name', () => {
    const sg = (id: string, group: string, names: string[]): TrailEvent =>
      buildEvent({ id, account: '111122223333', region: 'eu-west-1', resources: names.map((name) => ({ type: 'AWS::EC2::SecurityGroup', name })) , raw: { groupName: group } });
    const events = [sg('a', 'default', ['sg-0a1b2c3d4e5f67890', 'default']), sg('b', 'default', ['sg-0123456789abcdef0', 'default']), sg('c', 'default', ['sg-0a1b2c3d4e5f67890'])];
    const groups = groupEvents(events, 'resource');
    assert.deepEqual(
      groups.map((g) => [g.key, g.label, g.events.map((e) => e.id).join('')]).sort(),
      [
        ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0', 'default', 'b'],
        ['arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0a1b2c3d4e5f67890', 'default', 'ac'],
      ],
    );
  });

  it('generated: every resource seen in random forms and orders is exactly one group, labelled by its name', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const account = '123456789012';
    const region = 'eu-west-1';
    const kinds = [
      (n: number) => ({ name: `acl-${n}`, forms: [`arn:aws:wafv2:${region}:${account}:regional/webacl/acl-${n}/${String(n).padStart(8, '0')}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`, `acl-${n}`], type: 'AWS::WAFv2::WebACL' }),
      (n: number) => ({ name: `role-${n}`, forms: [`arn:aws:iam::${account}:role/team/role-${n}`, `role-${n}`], type: 'AWS::IAM::Role' }),
      (n: number) => ({ name: `bucket-${n}`, forms: [`arn:aws:s3:::bucket-${n}`, `bucket-${n}`], type: 'AWS::S3::Bucket' }),
      (n: number) => ({ name: `db-${n}`, forms: [`arn:aws:rds:${region}:${account}:db:db-${n}`, `db-${n}`], type: 'AWS::RDS::DBInstance' }),
    ];
    const resources = Array.from({ length: 24 }, (_, n) => kinds[n % kinds.length](n));
    const events: TrailEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const r = resources[random(resources.length)];
      const form = r.forms[random(r.forms.length)];
      events.push(buildEvent({ id: `e${i}`, time: NOW - random(1000) * 1000, account, region, resources: [{ type: r.type, name: form, ...(form.startsWith('arn:') ? { arn: form } : {}) }] }));
    }
    const seen = new Set(events.map((e) => resources.find((r) => r.forms.includes(e.resources[0].name))!.name));
    const groups = groupEvents(events, 'resource');
    assert.equal(groups.length, seen.size);
    assert.deepEqual(groups.map((g) => g.label).sort(), [...seen].sort());
    const reversed = groupEvents([...events].reverse(), 'resource');
    assert.deepEqual(reversed.map((g) => [g.key, g.label, g.count]), groups.map((g) => [g.key, g.label, g.count]), 'order does not matter');
    const index = buildResourceIdentityIndex(events);
    assert.equal(index.all().length, seen.size);
  });
});
