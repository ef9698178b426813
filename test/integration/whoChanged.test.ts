// "Who changed this?" against the sample endpoint: the generated Terraform fixture's ARNs give the
// expected "last changed by" line; Terraform blocks resolve through state or literals; interpolated
// and malformed ARNs get their own messages; the hover offers the command.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/host/testApi';
import { getTestApi } from './extension';
import { useSampleEndpoint } from './sampleEndpoint';
import { WorkbenchUi } from './workbench';

const AGO = String.raw`(?:\d+ (?:min|h|d) ago|on \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC)`;

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration workspace is not open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Opens a document and puts the cursor inside the first occurrence of `text` (after `afterText`, when given). */
async function cursorOn(uri: vscode.Uri, text: string, afterText?: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const full = doc.getText();
  const from = afterText !== undefined ? full.indexOf(afterText) : 0;
  const offset = full.indexOf(text, Math.max(0, from));
  assert.ok(offset >= 0, `${text} not in ${uri.fsPath}`);
  const position = doc.positionAt(offset + Math.min(10, text.length - 1));
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

describe('Who changed this? (sample endpoint, Terraform fixture)', () => {
  const sample = useSampleEndpoint();
  const ui = new WorkbenchUi();
  let api: TestApi;
  const mainTf = (): vscode.Uri => workspaceFile('infra', 'main.tf');

  before(async () => {
    api = await getTestApi();
    ui.install();
  });

  after(() => {
    ui.restore();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const whoChangedAt = async (arn: string, after = 'locals {'): Promise<string> => {
    await cursorOn(mainTf(), arn, after);
    assert.equal(api.arnAtCursor(), true, 'the context menu offers the command on the ARN');
    const shownBefore = ui.shown.length;
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.ok(ui.shownSince(shownBefore, 'info').includes(answer), 'the answer is shown');
    assert.equal(api.timeline.model()?.headline, answer, 'the answer leads the results panel');
    return answer;
  };

  it('the security group: opened by dave.ops from the attacker address', async () => {
    const { story } = sample();
    const answer = await whoChangedAt(story.securityGroupArn);
    assert.match(answer, new RegExp(`^Last changed by dave\\.ops \\(IAMUser\\) ${AGO}: AuthorizeSecurityGroupIngress from 203\\.0\\.113\\.77$`));
  });

  it('the WAF web ACL: updated by jane.doe at 02:00', async () => {
    const { story } = sample();
    const answer = await whoChangedAt(story.webAclArn);
    assert.match(answer, new RegExp(`^Last changed by jane\\.doe@example\\.com .*\\(AssumedRole\\) ${AGO}: UpdateWebACL from 198\\.51\\.100\\.61$`));
  });

  it('the DB instance: deleted by dave.ops', async () => {
    const { story } = sample();
    const answer = await whoChangedAt(story.dbInstanceArn);
    assert.match(answer, new RegExp(`^Last changed by dave\\.ops \\(IAMUser\\) ${AGO}: DeleteDBInstance from 203\\.0\\.113\\.77$`));
  });

  for (const which of ['iamUserArn', 'roleArn'] as const) {
    it(`the IAM ${which === 'roleArn' ? 'role' : 'user'}: the newest write event on it, looked up in us-east-1`, async () => {
      const { story } = sample();
      const answer = await whoChangedAt(story[which]);
      const rows = api.timeline.model()?.events ?? [];
      const newest = rows[0];
      assert.ok(newest, 'events were found');
      assert.equal(newest.region, 'us-east-1', 'IAM is global: its events are in us-east-1');
      assert.ok(answer.startsWith(`Last changed by ${newest.principal} `), answer);
      assert.match(answer, new RegExp(`${AGO}: ${newest.name}( from \\S+)?$`));
    });
  }

  it('a Terraform block without an ARN: the literal identifier (no state in the workspace)', async () => {
    await cursorOn(mainTf(), 'resource "aws_db_instance" "orders"');
    assert.equal(api.arnAtCursor(), true, 'offered on the resource header');
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(answer, /: DeleteDBInstance from 203\.0\.113\.77$/);
  });

  it('a Terraform block resolved through terraform.tfstate', async () => {
    const { story } = sample();
    const dir = mkdtempSync(path.join(tmpdir(), 'cti-tf-'));
    writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_security_group" "db" {\n  name   = var.name\n  vpc_id = var.vpc\n}\n');
    writeFileSync(
      path.join(dir, 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.9.0',
        serial: 1,
        lineage: 'x',
        outputs: {},
        resources: [{ mode: 'managed', type: 'aws_security_group', name: 'db', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 1, attributes: { arn: story.securityGroupArn, id: story.securityGroupId, name: 'orders-db-sg' } }] }],
      }),
    );
    await cursorOn(vscode.Uri.file(path.join(dir, 'main.tf')), 'resource "aws_security_group"');
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(answer, /: AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
  });

  it('an interpolated ARN says what could not be resolved; a malformed one says why', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'policy = "arn:aws:s3:::${var.bucket}/*"\nbad = "arn:aws:ec2:eu-west:123:security-group/sg-1"\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 16, 0, 16);
    const interpolated = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(interpolated, /\$\{var\.bucket\}/);
    editor.selection = new vscode.Selection(1, 14, 1, 14);
    const malformed = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(malformed, /^Malformed ARN/);
  });

  it('an ARN given as argument (hover link, palette) and an empty result naming what was searched', async () => {
    const arn = 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0ffffffffffffffff';
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged', arn);
    assert.match(answer, /^No write events found for sg-0ffffffffffffffff .* Searched ResourceName "sg-0ffffffffffffffff", .* in eu-west-1\.$/);
  });

  it('from the palette without an editor: asks for an ARN and validates it', async () => {
    const { story } = sample();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const before = ui.validationMessages.length;
    ui.answer('arn:aws:ec2:eu-west-1:12345:security-group/sg-1', story.dbInstanceArn);
    const result = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    const messages = ui.validationMessages.slice(before);
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /^Malformed ARN: /);
    assert.match(result, /: DeleteDBInstance from 203\.0\.113\.77$/);
  });

  it('the hover on an ARN offers the command as a trusted link', async () => {
    const { story } = sample();
    const editor = await cursorOn(mainTf(), story.securityGroupArn, 'locals {');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.selection.active);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.ok(text.includes('command:cloudtrailInvestigator.whoChanged?'), text);
    assert.ok(text.includes(encodeURIComponent(JSON.stringify([story.securityGroupArn]))), text);
  });

  it('anywhere inside a block: an aws_route argument line answers from its route table (us-west-2)', async () => {
    await cursorOn(mainTf(), 'destination_cidr_block', 'resource "aws_route" "private_default"');
    assert.equal(api.arnAtCursor(), true, 'offered on an argument line, not only the header');
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(answer, new RegExp(`${AGO}: ReplaceRoute`));
    assert.deepEqual([...new Set((api.timeline.model()?.events ?? []).map((e) => e.region))], ['us-west-2'], 'the provider alias decides the region');
  });

  it("a security group block's description line uses the sg- id of its import block", async () => {
    await cursorOn(mainTf(), 'description = "Orders database"', 'resource "aws_security_group" "orders_db"');
    assert.equal(api.arnAtCursor(), true);
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(answer, /: AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
  });

  it('a bare id under the cursor (sg-, rtb-, nat-, vpc-) is offered and looked up in any file', async () => {
    const { story } = sample();
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `incident notes: group ${story.securityGroupId} was opened; vpc-0b7e6d5c4a3f2e1d0 rtb-0f1e2d3c4b5a69788\n` });
    const editor = await vscode.window.showTextDocument(doc);
    const at = (needle: string): void => {
      const col = doc.lineAt(0).text.indexOf(needle) + 3;
      editor.selection = new vscode.Selection(0, col, 0, col);
    };
    for (const id of ['vpc-0b7e6d5c4a3f2e1d0', 'rtb-0f1e2d3c4b5a69788', story.securityGroupId]) {
      at(id);
      assert.equal(api.arnAtCursor(), true, `offered on ${id}`);
    }
    at('incident');
    assert.equal(api.arnAtCursor(), false, 'not offered on plain words');
    at(story.securityGroupId);
    const answer = await vscode.commands.executeCommand<string>('cloudtrailInvestigator.whoChanged');
    assert.match(answer, /: AuthorizeSecurityGroupIngress from 203\.0\.113\.77$/);
  });

  it("the hover's link trusts the one command and carries the ARN intact", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'x = "arn:aws:iam::123456789012:role/deploy+ci=blue@team"\n' });
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 12));
    const contents = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('command:'));
    assert.equal(contents.length, 1, 'one hover with the link');
    const md = contents[0];
    assert.ok(md);
    const link = /\(command:cloudtrailInvestigator\.whoChanged\?([^) ]*)/.exec(md.value);
    assert.ok(link, md.value);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['arn:aws:iam::123456789012:role/deploy+ci=blue@team']);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['cloudtrailInvestigator.whoChanged'] });
    assert.notEqual(md.supportHtml, true);
  });

  it('is not offered away from ARNs', async () => {
    await cursorOn(mainTf(), 'required_providers');
    assert.equal(api.arnAtCursor(), false);
  });
});
