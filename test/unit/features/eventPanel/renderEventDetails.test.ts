import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeRecord } from '../../../../src/core/event';
import type { TrailEvent } from '../../../../src/core/model';
import { buildEventView, type DocLinkResolver } from '../../../../src/features/eventPanel/eventView';
import type { EventView, WebviewToHost } from '../../../../src/features/eventPanel/protocol';
import { buildRelatedLookups } from '../../../../src/core/relatedLookups';
import { formatRelativeTime } from '../../../../src/core/relativeTime';
import { createDocument, loadClient, type HappyElement, type TestDocument } from './clientModule';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures');
const identityRecords = JSON.parse(fs.readFileSync(path.join(fixtures, 'eventPanel/identityRecords.json'), 'utf8')) as Record<string, unknown>;
const hostileRecord: unknown = JSON.parse(fs.readFileSync(path.join(fixtures, 'hostile/eventPanelRecord.json'), 'utf8'));

const NOW = Date.parse('2026-11-21T12:00:00Z');
const docs: DocLinkResolver = {
  apiReferenceUrl: (source, name) => ({ url: `https://docs.aws.amazon.com/${source.split('.')[0]}/API_${name}.html`, kind: 'api' }),
  serviceAuthorizationUrl: (source) => `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${source.split('.')[0]}.html`,
};

function eventOf(record: unknown): TrailEvent {
  const result = normalizeRecord(record);
  if (!result.ok) throw new Error(result.error.error);
  return result.event;
}

function viewOf(record: unknown): EventView {
  const event = eventOf(record);
  return buildEventView(event, { now: NOW, docs, related: buildRelatedLookups(event) });
}

function text(node: HappyElement | null): string {
  return node?.textContent ?? '';
}

/** The summary rows of a section as label → value text. */
function rows(root: HappyElement, section: string): Map<string, string> {
  const card = root.querySelector(`[data-section="${section}"]`);
  assert.ok(card, `section ${section} is rendered`);
  const map = new Map<string, string>();
  const dts = card.querySelectorAll('dt');
  const dds = card.querySelectorAll('dd');
  assert.equal(dts.length, dds.length);
  for (let i = 0; i < dts.length; i++) map.set(text(dts[i]), text(dds[i].querySelector('.summary-value')));
  return map;
}

describe('webview client: renderEventDetails', () => {
  let dom: TestDocument;
  let posted: WebviewToHost[];
  const post = (message: WebviewToHost): void => {
    posted.push(message);
  };
  const render = (record: unknown): HappyElement => {
    const root = loadClient().renderEventDetails(dom.document, viewOf(record), post);
    dom.document.body.appendChild(root);
    return root;
  };

  beforeEach(async () => {
    dom = await createDocument();
    posted = [];
  });
  afterEach(async () => {
    await dom.window.close();
  });

  for (const [type, record] of Object.entries(identityRecords)) {
    it(`renders the five summary sections, links and the JSON for a ${type} record`, () => {
      const event = eventOf(record);
      const root = render(record);
      assert.equal(root.getAttribute('data-event-id'), event.id);
      assert.equal(text(root.querySelector('h1.event-name')), event.name);
      const who = rows(root, 'who');
      assert.equal(who.get('Principal'), event.principal.label);
      assert.equal(who.get('Type'), event.principal.type);
      const what = rows(root, 'what');
      assert.equal(what.get('Action'), event.name);
      assert.equal(what.get('Event id'), event.id);
      assert.ok(what.get('Service')?.includes(event.service.source));
      const when = rows(root, 'when');
      assert.match(when.get('UTC') ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      assert.ok((when.get('Local') ?? '').length > 0);
      assert.equal(when.get('Relative'), formatRelativeTime(event.time, NOW), 'the formatter the tree uses');
      assert.equal(rows(root, 'where').get('Region'), event.region);
      assert.ok(root.querySelector('[data-section="onWhat"]'));
      const links = Array.from(root.querySelectorAll('.doc-links [data-url]'));
      assert.deepEqual(
        links.map((a) => a.getAttribute('data-url')),
        [`https://docs.aws.amazon.com/${event.service.source.split('.')[0]}/API_${event.name}.html`, `https://docs.aws.amazon.com/service-authorization/latest/reference/list_${event.service.source.split('.')[0]}.html`],
      );
      // Links carry no href: only the host opens them.
      for (const a of links) assert.equal(a.getAttribute('href'), null);
      assert.ok(root.querySelector('.json-tree details[data-path="$"]'));
    });
  }

  it('shows what matters for an assumed role: session issuer, MFA not used, access key', () => {
    const root = render(identityRecords.AssumedRole);
    const who = rows(root, 'who');
    assert.equal(who.get('Principal'), 'Admin');
    assert.equal(who.get('Session issuer'), 'arn:aws:iam::111122223333:role/Admin');
    assert.equal(who.get('MFA used'), 'No');
    assert.equal(who.get('Access key'), 'AKIAIOSFODNN7EXAMPLE');
    const issuerDd = Array.from(root.querySelectorAll('[data-section="who"] dd')).find((dd) => text(dd.querySelector('.summary-value')) === 'arn:aws:iam::111122223333:role/Admin');
    assert.equal(issuerDd?.querySelector('[data-url]')?.getAttribute('data-url'), 'https://console.aws.amazon.com/iam/home#/roles/details/Admin');
    assert.ok(root.querySelector('[data-section="who"] .tone-warning'), 'MFA not used is highlighted');
  });

  it('shows a failed call with its error code and message, marked as an error', () => {
    const root = render(identityRecords.IAMUser);
    const what = rows(root, 'what');
    assert.equal(what.get('Result'), 'Failed: TrailNotFoundException');
    assert.ok((what.get('Error message') ?? '').length > 0);
    assert.ok(root.querySelector('.badge-error'));
  });

  it('shows a successful write with the VPC endpoint and a console link for the instance', () => {
    const root = render(identityRecords.Role);
    assert.equal(rows(root, 'what').get('Result'), 'Succeeded');
    assert.equal(rows(root, 'what').get('Access'), 'Write');
    assert.equal(rows(root, 'where').get('VPC endpoint'), 'vpce-0123456789abcdef0');
    const resource = root.querySelector('[data-section="onWhat"] dd');
    assert.equal(text(resource?.querySelector('.summary-value') ?? null), 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc1234def567890');
    assert.equal(
      resource?.querySelector('[data-url]')?.getAttribute('data-url'),
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc1234def567890',
    );
  });

  it('names the service principal for AWSService calls and the caller account for AWSAccount calls', () => {
    assert.equal(rows(render(identityRecords.AWSService), 'who').get('Principal'), eventOf(identityRecords.AWSService).principal.label);
    assert.equal(rows(render(identityRecords.AWSAccount), 'who').get('Account'), '444455556666');
  });

  it('opens requestParameters and responseElements by default and collapses the rest', () => {
    const root = render(identityRecords.AssumedRole);
    assert.equal(root.querySelector('details[data-path="$.requestParameters"]')?.open, true);
    assert.equal(root.querySelector('details[data-path="$.requestParameters.encryptionContext"]')?.open, true);
    assert.equal(root.querySelector('details[data-path="$.userIdentity"]')?.open, false);
    // responseElements is null in this record: a scalar row, not a node.
    assert.ok(root.querySelector('.json-row[data-path="$.responseElements"] .json-null'));
    const opened = render({ ...(identityRecords.Role as object), responseElements: { instancesSet: { items: [{ instanceId: 'i-1' }] } } });
    assert.equal(opened.querySelector('details[data-path="$.responseElements.instancesSet.items[0]"]')?.open, true);
  });

  it('copies a value and its JSON path (bracket notation for keys that are not identifiers)', () => {
    const root = render(identityRecords.AssumedRole);
    const row = root.querySelector('.json-row[data-path=\'$.requestParameters.encryptionContext["aws:dynamodb:tableName"]\']');
    assert.ok(row, 'row with a bracketed path');
    assert.equal(text(row.querySelector('.json-string')), '"Books"');
    row.querySelector('[data-copy="value"]')!.click();
    row.querySelector('[data-copy="path"]')!.click();
    assert.deepEqual(posted, [
      { type: 'copy', text: 'Books' },
      { type: 'copy', text: '$.requestParameters.encryptionContext["aws:dynamodb:tableName"]' },
    ]);
  });

  it('copies an object as indented JSON', () => {
    const root = render(identityRecords.AssumedRole);
    root.querySelector('details[data-path="$.requestParameters"] > summary [data-copy="value"]')!.click();
    assert.equal(posted.length, 1);
    const message = posted[0];
    assert.equal(message.type, 'copy');
    assert.deepEqual(JSON.parse((message as { text: string }).text), (identityRecords.AssumedRole as { requestParameters: unknown }).requestParameters);
  });

  it('asks the host to open links, run related lookups, open JSON and compare', () => {
    const root = render(identityRecords.AssumedRole);
    root.querySelector('.doc-links [data-url]')!.click();
    const enter = new dom.window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true });
    root.querySelectorAll('.doc-links [data-url]')[1].dispatchEvent(enter);
    root.querySelector('[data-action="openRawJson"]')!.click();
    root.querySelector('[data-action="compareWith"]')!.click();
    root.querySelector('[data-lookup="principal"]')!.click();
    assert.deepEqual(
      posted.map((m) => m.type),
      ['openLink', 'openLink', 'openRawJson', 'compareWith', 'relatedLookup'],
    );
    assert.deepEqual(posted[0], { type: 'openLink', url: 'https://docs.aws.amazon.com/kms/API_Decrypt.html' });
    assert.deepEqual(posted[4], { type: 'relatedLookup', id: 'principal' });
    const lookups = Array.from(root.querySelectorAll('[data-lookup]')).map((b) => b.getAttribute('data-lookup'));
    // The KMS key in this record has an empty ARN: nothing to look up by resource.
    assert.deepEqual(lookups, ['principal', 'accessKey', 'requestId']);
  });

  it('renders hostile strings as literal text: no elements, handlers or URLs come from event data', () => {
    const root = render(hostileRecord);
    const record = hostileRecord as { userAgent: string; errorMessage: string; requestParameters: Record<string, unknown> };
    // Only the renderer's own tags exist.
    const allowed = new Set(['DIV', 'HEADER', 'H1', 'H2', 'P', 'SPAN', 'NAV', 'A', 'BUTTON', 'SECTION', 'DL', 'DT', 'DD', 'DETAILS', 'SUMMARY']);
    const all = Array.from(root.querySelectorAll('*'));
    assert.deepEqual([...new Set(all.map((e) => e.tagName).filter((t) => !allowed.has(t)))], []);
    for (const element of all) {
      for (const attr of Array.from(element.attributes)) {
        assert.ok(!attr.name.startsWith('on'), `no event handler attributes (${attr.name})`);
        assert.ok(!/javascript:/i.test(attr.value) || attr.name === 'title' || attr.name === 'aria-label', `no javascript: in ${attr.name}`);
      }
    }
    for (const a of Array.from(root.querySelectorAll('[data-url]'))) assert.match(a.getAttribute('data-url') ?? '', /^https:\/\//);
    assert.equal(rows(root, 'where').get('User agent'), record.userAgent);
    assert.equal(rows(root, 'what').get('Error message'), record.errorMessage);
    assert.equal(text(root.querySelector('.json-row[data-path="$.requestParameters.instanceType"] .json-value')), JSON.stringify(record.requestParameters.instanceType));
    assert.equal(text(root.querySelector('.json-row[data-path="$.requestParameters.userData"] .json-value')), JSON.stringify(record.requestParameters.userData));
    // A very long string arrives shortened, with its size and "Show all" (the host sends the rest).
    const longRow = root.querySelector('.json-row[data-path="$.requestParameters.tagSpecificationSet.items[0].tags[0].value"]');
    assert.ok(text(longRow?.querySelector('.json-value') ?? null).length < 2100, 'the very long string is shortened');
    assert.equal(text(longRow?.querySelector('.json-show-all') ?? null), 'Show all');
    assert.ok(root.querySelector('.json-row[data-path=\'$.requestParameters["<b>key</b>"]\']'), 'an HTML key is a literal key');
    // A resource "ARN" that is a javascript: URL gets no console link.
    const resourceLinks = Array.from(root.querySelectorAll('[data-section="onWhat"] [data-url]')).map((a) => a.getAttribute('data-url'));
    assert.deepEqual(resourceLinks, ['https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0123456789abcdef0']);
    assert.equal(dom.document.title, '');
  });

  it('keeps very deep nesting from exhausting the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const root = render({ ...(identityRecords.Role as object), requestParameters: deep });
    const tree = text(root.querySelector('.json-tree'));
    assert.ok(tree.includes('bottom') || tree.includes('nested too deeply'), 'the deep end is shown or summarized');
    assert.ok(root.querySelector('details[data-path="$.requestParameters.d.d.d"]'), 'the first levels are still a tree');
  });
});
