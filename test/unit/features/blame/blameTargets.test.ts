import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileTargets, planFileTargets, prefixTargets, stateTargets, targetKey, visibleThenAll } from '../../../../src/features/blame/blameTargets';

const root = path.resolve(__dirname, '../../../../..');
const mainTf = readFileSync(path.join(root, 'test', 'fixtures', 'workspace', 'infra', 'main.tf'), 'utf8');
const state = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'terraform', 'terraform.tfstate'), 'utf8')) as unknown;

describe('features/blame/blameTargets: the resources a CodeLens sits on', () => {
  const { targets, unresolved } = fileTargets(mainTf);
  const byAddress = (a: string) => targets.find((t) => t.address === a);

  it('one target per resource "aws_*" block (no data sources), on its header line', () => {
    assert.ok(targets.length >= 10, String(targets.length));
    assert.ok(targets.every((t) => !t.address.startsWith('data.')));
    const lines = mainTf.split('\n');
    for (const t of targets) assert.match(lines[t.line] ?? '', new RegExp(`^resource "${t.address.split('.')[0] ?? ''}" "${t.address.split('.')[1] ?? ''}"`));
    assert.deepEqual(unresolved, []);
  });

  it('uses the import block, references to other blocks and the provider alias', () => {
    assert.deepEqual(byAddress('aws_security_group.web')?.candidates.slice(0, 1), ['sg-0d4e5f6a7b8c9d0e1']);
    assert.ok(byAddress('aws_vpc_security_group_ingress_rule.web_https')?.candidates.includes('sg-0d4e5f6a7b8c9d0e1'), 'the rule is indexed under its group, through the reference');
    assert.ok(byAddress('aws_s3_bucket_policy.artifacts')?.candidates.includes('acme-orders-artifacts'));
    const route = byAddress('aws_route.private_default');
    assert.equal(route?.region, 'us-west-2');
    assert.ok(route.candidates.includes('rtb-0f1e2d3c4b5a69788'));
    assert.equal(byAddress('aws_iam_role.app_deploy')?.region, 'us-east-1', 'IAM is global');
  });

  it('the visible blocks first: resolved from the top of the file alone, agreeing with the whole file', () => {
    const lines = mainTf.split('\n');
    const web = lines.findIndex((l) => l.startsWith('resource "aws_security_group" "web"'));
    const visible = [{ startLine: Math.max(0, web - 5), endLine: web + 20 }];
    const early = prefixTargets(mainTf, visible);
    const whole = planFileTargets(mainTf).within(visible).targets;
    assert.ok(early.length > 0, 'some visible block resolves from the top of the file');
    for (const t of early) assert.deepEqual(t, whole.find((w) => w.address === t.address), t.address);
    // An import block further down identifies the group: it is not guessed from the top alone.
    const late = 'resource "aws_security_group" "g" {\n  description = "x"\n}\n' + '\n'.repeat(200) + 'import {\n  to = aws_security_group.g\n  id = "sg-0123456789abcdef0"\n}\n';
    assert.deepEqual(prefixTargets(late, [{ startLine: 0, endLine: 10 }]), []);
    assert.deepEqual(fileTargets(late).targets.map((t) => t.candidates[0]), ['sg-0123456789abcdef0']);
  });

  it('starts the visible lookups and lets them reach the network before it resolves the whole file', async () => {
    const lines = mainTf.split('\n');
    const web = lines.findIndex((l) => l.startsWith('resource "aws_security_group" "web"'));
    const visible = [{ startLine: Math.max(0, web - 5), endLine: web + 20 }];
    let sent = false;
    const readsOfModule: boolean[] = [];
    // The module is read by each resolution: the whole-file one must come after the request went out.
    const context = { get module() { readsOfModule.push(sent); return undefined; } };
    let early: readonly string[] = [];
    const all = await visibleThenAll(mainTf, visible, (found) => {
      early = found.map((t) => t.address);
      // What a lookup does before its bytes leave: an await, then the socket's connect and write.
      void (async () => { await Promise.resolve(); await new Promise((r) => setImmediate(r)); sent = true; })();
    }, context);
    assert.ok(early.length > 0);
    assert.equal(readsOfModule.at(0), false, 'the visible blocks are resolved first');
    assert.equal(readsOfModule.at(-1), true, 'the whole file is resolved once the visible lookups are on their way');
    assert.deepEqual(all, fileTargets(mainTf), 'the same targets as resolving the whole file at once');
  });

  it('two blocks naming the same resource share a cache key; a bucket and its policy do not', () => {
    assert.notEqual(targetKey({ candidates: ['logs'], type: 'aws_s3_bucket' }), targetKey({ candidates: ['logs'], type: 'aws_s3_bucket_policy' }));
    assert.equal(targetKey({ candidates: ['sg-1'], region: 'eu-west-1' }), targetKey({ candidates: ['sg-1'], region: 'eu-west-1' }));
    assert.notEqual(targetKey({ candidates: ['sg-1'], region: 'eu-west-1' }), targetKey({ candidates: ['sg-1'] }));
  });

  it('a block nothing identifies is reported with the reason, not dropped silently', () => {
    const r = fileTargets('resource "aws_instance" "web" {\n  ami = var.ami\n}\n');
    assert.deepEqual(r.targets, []);
    assert.equal(r.unresolved.length, 1);
    assert.match(r.unresolved.at(0)?.message ?? '', /aws_instance\.web/);
  });

  it('a state file: every managed aws_* resource once, with its state identifiers', () => {
    const r = stateTargets(state);
    assert.ok(!('error' in r));
    assert.ok(r.targets.length > 0);
    assert.ok(r.targets.every((t) => t.candidates.length > 0));
    assert.equal(new Set(r.targets.map((t) => t.address)).size, r.targets.length);
    const sg = r.targets.find((t) => t.address.includes('aws_security_group'));
    assert.ok(sg?.candidates.some((c) => c.startsWith('sg-')), JSON.stringify(sg));
  });

  it('a corrupt state says why', () => {
    const r = stateTargets({ version: 2 });
    assert.ok('error' in r);
    assert.match(r.error, /version/);
  });
});
