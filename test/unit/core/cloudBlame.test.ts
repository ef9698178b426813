import * as assert from 'node:assert/strict';
import { blameOf, isChange } from '../../../src/core/cloudBlame';
import { normalizeRecord } from '../../../src/core/event';
import type { TrailEvent } from '../../../src/core/model';
import { resolveHumans } from '../../../src/core/humanIndex';
import { generateSampleRecords } from '../../../tools/sample-data/generate';
import { buildEvent } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 11, 40, 0);
const { records, story } = generateSampleRecords({ now: NOW, backgroundEvents: 200 });
const events: TrailEvent[] = records.map((r) => {
  const n = normalizeRecord(r);
  if (!n.ok) throw new Error(n.error.error);
  return n.event;
});
const on = (predicate: (e: TrailEvent) => boolean): TrailEvent[] => events.filter(predicate);

describe('core/cloudBlame: the newest change of a resource, in one line', () => {
  it('the drift security group: changed by hand in the console after Terraform made it', () => {
    const sg = on((e) => JSON.stringify(e.raw.requestParameters ?? {}).includes(story.drift.securityGroupId));
    const blame = blameOf(sg, NOW);
    assert.ok(blame);
    assert.equal(blame.event.id, story.eventIds.manualIngress);
    assert.equal(blame.outsideIac, true);
    assert.equal(blame.label, `changed 14 h ago by ${story.drift.consoleUserName} · console — outside Terraform`);
  });

  it('the route table: last applied by Terraform, by the pipeline (its OIDC identity when the AssumeRole is among the events)', () => {
    const rtb = on((e) => JSON.stringify(e.raw.requestParameters ?? {}).includes(story.routeTableId));
    const blame = blameOf(rtb, NOW, resolveHumans(events));
    assert.ok(blame);
    assert.equal(blame.event.id, story.eventIds.replaceRoute);
    assert.equal(blame.outsideIac, false);
    assert.equal(blame.label, 'last applied by Terraform · repo:acme/orders-infra:ref:refs/heads/main · 9 h ago');
    assert.equal(blameOf(rtb, NOW)?.label, 'last applied by Terraform · terraform-deploy · 9 h ago', 'only the resource’s own events: the role');
  });

  it('the queues stack: last changed by CloudFormation for bob', () => {
    const blame = blameOf(on((e) => e.id === story.eventIds.cloudFormationChange), NOW);
    assert.equal(blame?.label, 'last changed by CloudFormation · bob · 18 h ago');
  });

  it('skips reads and failed calls; nothing changed gives undefined', () => {
    assert.equal(isChange(buildEvent({ readOnly: true })), false);
    assert.equal(isChange(buildEvent({ errorCode: 'AccessDenied' })), false);
    assert.equal(isChange(buildEvent({})), true, 'readOnly unknown counts as a write');
    assert.equal(blameOf([buildEvent({ readOnly: true })], NOW), undefined);
    assert.equal(blameOf([], NOW), undefined);
  });
});
