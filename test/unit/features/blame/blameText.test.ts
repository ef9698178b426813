import * as assert from 'node:assert/strict';
import { hoverMarkdown, lensTitle, SHOW_EVENT_COMMAND } from '../../../../src/features/blame/blameText';
import { driftCsv } from '../../../../src/features/blame/driftScan';
import { blameOf } from '../../../../src/core/cloudBlame';
import { buildEvent } from '../../core/fixtures';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('features/blame/blameText: what the CodeLens, hover and export say, inert', () => {
  const hostile = buildEvent({ id: 'e1', time: NOW - 3 * 3_600_000, name: '$(alert)[click](command:workbench.action.terminal.new)' });

  it('the CodeLens title escapes codicons and says when nothing was found', () => {
    const title = lensTitle({ changes: [hostile], regions: ['eu-west-1'], failures: [], cancelled: false }, NOW);
    assert.ok(title.includes('3 h ago'), title);
    assert.equal(lensTitle({ changes: [], regions: [], failures: [], cancelled: false }, NOW), 'CloudTrail: no changes found in the searched window');
    assert.match(lensTitle({ changes: [], regions: [], failures: [{ region: 'eu-west-1', message: 'eu-west-1: access denied' }], cancelled: false }, NOW), /could not look up \(eu-west-1: access denied\)/);
    const named = lensTitle({ changes: [buildEvent({ id: 'e2', time: NOW - 60_000, principal: { key: 'u', label: '$(x)', type: 'IAMUser', userName: '$(x)' } })], regions: [], failures: [], cancelled: false }, NOW);
    assert.ok(!/(^|[^\\])\$\(x\)/.test(named), named);
  });

  it('the hover lists the changes with channel, each linking to its event panel only', () => {
    const md = hoverMarkdown('aws_security_group.web', { changes: [hostile, buildEvent({ id: 'e2', time: NOW - 86_400_000 })], regions: [], failures: [], cancelled: false }, NOW);
    assert.deepEqual(md.isTrusted === false ? [] : md.isTrusted.enabledCommands, [SHOW_EVENT_COMMAND]);
    assert.equal((md.value.match(/\(command:cloudtrailInvestigator\.showEventDetails\?/g) ?? []).length, 2);
    assert.ok(!md.value.includes('command:workbench'), 'the event name is escaped, not a link');
    assert.ok(!md.value.includes('$(alert)'));
    assert.match(md.value, /aws\\_security\\_group\\\.web/);
  });

  it('the CSV export neutralizes formulas from event content', () => {
    const event = buildEvent({ id: 'e3', time: NOW - 1000, name: '=HYPERLINK("http://x")' });
    const blame = blameOf([event], NOW);
    assert.ok(blame);
    const csv = driftCsv([{ address: 'aws_s3_bucket.a', line: 0, blame }]);
    assert.ok(csv.includes("'=HYPERLINK"), csv);
  });
});
