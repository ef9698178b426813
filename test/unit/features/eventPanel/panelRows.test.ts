// The panel's rows from the inner-ring rules, rendered by the real client (issues 14, 17.1, 17.8, 18):
// where the event came from (API, or trail file + record + integrity verdict), how it was made
// ("console — outside Terraform"), the human behind the session ("alice (via role deploy, SSO)"),
// failures the record reports without an errorCode, and the one relative-time formatter.
import * as assert from 'node:assert/strict';
import { normalizeRecord } from '../../../../src/core/event';
import { resolveHumans } from '../../../../src/core/humanIndex';
import type { TrailEvent } from '../../../../src/core/model';
import type { IntegrityIndex } from '../../../../src/core/provenance';
import { formatRelativeTime } from '../../../../src/core/relativeTime';
import { buildEventView, type EventViewContext } from '../../../../src/features/eventPanel/eventView';
import type { WebviewToHost } from '../../../../src/features/eventPanel/protocol';
import { generateSampleRecords } from '../../../../tools/sample-data/generate';
import { createDocument, loadClient, type HappyElement, type TestDocument } from './clientModule';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const { records, story } = generateSampleRecords({ now: NOW });
const events: TrailEvent[] = records.flatMap((r) => {
  const result = normalizeRecord(r);
  return result.ok ? [result.event] : [];
});
const byId = (id: string): TrailEvent => {
  const event = events.find((e) => e.id === id);
  assert.ok(event, `sample event ${id}`);
  return event;
};

describe('event panel rows: source, channel, human, failure, relative time', () => {
  let dom: TestDocument;
  const post = (_message: WebviewToHost): void => undefined;

  beforeEach(async () => {
    dom = await createDocument();
  });
  afterEach(async () => {
    await dom.window.close();
  });

  /** The summary rows of a section as label → value text, as the user reads them. */
  function rows(event: TrailEvent, context: Partial<EventViewContext> = {}): Map<string, string> {
    const root: HappyElement = loadClient().renderEventDetails(dom.document, buildEventView(event, { now: NOW, ...context }), post);
    const map = new Map<string, string>();
    const dts = root.querySelectorAll('dt');
    const dds = root.querySelectorAll('dd');
    for (let i = 0; i < dts.length; i++) map.set(dts[i].textContent ?? '', dds[i].querySelector('.summary-value')?.textContent ?? '');
    return map;
  }

  it('says a hand-made change was made in the console, outside Terraform, and a Terraform one by Terraform', () => {
    const manual = rows(byId(story.eventIds.manualIngress));
    assert.equal(manual.get('Channel'), 'console — outside Terraform');
    const applied = rows(byId(story.eventIds.terraformIngress)).get('Channel') ?? '';
    assert.match(applied, /^Terraform/);
    assert.ok(!applied.includes('outside'), applied);
  });

  it('names the human behind a role session through the AssumeRole chain of the loaded events', () => {
    const onDeploy = byId(story.eventIds.onDeploy);
    assert.equal(rows(onDeploy, { humans: resolveHumans(events) }).get('Human'), `${story.ssoChain.userName} (via role deploy, SSO)`);
    assert.equal(rows(onDeploy).get('Human'), 'deploy (role session)', 'without the chain, the record alone names the role');
  });

  it('shows a failed console sign-in (no errorCode) as failed, with its message', () => {
    const failed = events.find((e) => e.name === 'ConsoleLogin' && e.errorCode === undefined && e.raw.errorMessage !== undefined);
    assert.ok(failed, 'the brute-force story has failed sign-ins');
    const result = rows(failed);
    assert.equal(result.get('Result'), 'Failed: Failed authentication');
    const view = buildEventView(failed, { now: NOW });
    assert.equal(view.outcome, 'error');
  });

  it('says where an archive event came from and what its digest said; an API event says API', () => {
    const event = byId(story.eventIds.stopLogging);
    const key = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/21/111122223333_CloudTrail_us-east-1_20261121T0905Z_abc.json.gz';
    const fromFile: TrailEvent = { ...event, origin: { file: `/logs/${key}`, key, recordIndex: 12 } };
    const verified: IntegrityIndex = {
      [`/logs/${key}`]: { status: 'verified', reason: 'hashMatches', message: 'ok', digestKey: 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/21/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261121T100000Z.json.gz' },
    };
    assert.equal(rows(fromFile, { integrity: verified }).get('Source'), `From ${key}, record 12 — verified by digest …T1000Z`);
    assert.equal(rows(fromFile).get('Source'), `From ${key}, record 12 — integrity not checked`);
    const altered: IntegrityIndex = { [`/logs/${key}`]: { status: 'altered', reason: 'hashMismatch', message: 'x', digestKey: verified[`/logs/${key}`].digestKey ?? '' } };
    assert.match(rows(fromFile, { integrity: altered }).get('Source') ?? '', /— ALTERED/);
    assert.equal(rows(event, { sourceKind: 'api' }).get('Source'), `From CloudTrail event history (LookupEvents API), ${event.region}`);
  });

  it('says the relative time as the tree does (one formatter)', () => {
    const event = byId(story.eventIds.stopLogging);
    const relative = formatRelativeTime(event.time, NOW);
    assert.equal(rows(event).get('Relative'), relative);
    assert.ok(buildEventView(event, { now: NOW }).subheading.endsWith(relative));
    const nineHoursish = { ...event, time: NOW - (8 * 60 + 59) * 60_000 };
    assert.equal(rows(nineHoursish).get('Relative'), '8 h ago');
  });
});
