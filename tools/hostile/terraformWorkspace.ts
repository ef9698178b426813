// A Terraform workspace written by an attacker: hostile strings in .tf files, local state, a
// `terraform show -json` export and workspace names; a second module whose remote backend points
// at the listener; workspace settings that pick a profile, regions and an endpoint; and `terraform`
// / provider binaries inside the workspace that must never run (they leave RAN-* marker files).
import { FORBIDDEN_COMMAND } from './payloads';

/** A string as an HCL quoted literal: escapes, and `${` / `%{` doubled so nothing interpolates. */
export function hclString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

/** A workspace name that is hostile but still a file name on every OS. */
export const HOSTILE_WORKSPACE = '$(alert)[x]';

const MARKER_SCRIPT = (name: string): string => `#!/bin/sh\n# Must never run: a binary found inside an untrusted workspace.\ntouch "$(dirname "$0")/RAN-${name}"\necho '{}'\n`;

function state(strings: readonly string[], lineage: string): string {
  let k = 0;
  const next = (): string => strings[k++ % strings.length];
  const instance = (arn: string): object => ({ schema_version: 0, attributes: { arn, id: next(), bucket: next(), name: next(), description: next(), tags: { Name: next() } } });
  return `${JSON.stringify(
    {
      version: 4,
      terraform_version: '1.9.8',
      serial: 7,
      lineage,
      outputs: { hostile: { value: next(), type: 'string' } },
      resources: [
        { mode: 'managed', type: 'aws_s3_bucket', name: 'hostile', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [instance(`arn:aws:s3:::${next()}`)] },
        { mode: 'managed', type: 'aws_iam_role', name: 'hostile', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [instance(`arn:aws:iam::111122223333:role/[x](command:${FORBIDDEN_COMMAND})`)] },
        {
          module: 'module.hostile',
          mode: 'managed',
          type: 'aws_iam_user',
          name: 'each',
          each: 'map',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [0, 1, 2].map(() => ({ index_key: next(), ...instance(`arn:aws:iam::111122223333:user/${next()}`) })),
        },
      ],
      check_results: null,
    },
    null,
    2,
  )}\n`;
}

function showJson(strings: readonly string[]): string {
  let k = 5;
  const next = (): string => strings[k++ % strings.length];
  const resource = (type: string, arn: string): object => ({ address: `${type}.hostile`, mode: 'managed', type, name: 'hostile', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { arn, id: next(), name: next() } });
  return `${JSON.stringify(
    {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: { root_module: { resources: [resource('aws_s3_bucket', `arn:aws:s3:::${next()}`), resource('aws_iam_role', `arn:aws:iam::111122223333:role/${next()}`)] } },
    },
    null,
    2,
  )}\n`;
}

function mainTf(strings: readonly string[], listener: string): string {
  const lines = ['# Hostile Terraform (generated). Every string below is attacker-chosen.', `# arn:aws:iam::111122223333:role/[x](command:${FORBIDDEN_COMMAND})`, ''];
  strings.forEach((value, i) => {
    lines.push(`resource "aws_s3_bucket" "hostile_${i}" {`, `  bucket = ${hclString(value)}`, `  tags = { Name = ${hclString(value)} }`, '}', '');
  });
  lines.push('resource "aws_iam_role" "hostile" {', `  name = ${hclString(`[x](command:${FORBIDDEN_COMMAND})`)}`, `  arn_hint = "arn:aws:iam::111122223333:role/$\${var.name}[x](command:${FORBIDDEN_COMMAND})"`, `  description = ${hclString(`![pixel](${listener}/tf.png)`)}`, '}', '');
  return lines.join('\n');
}

function backendTf(listener: string): string {
  return [
    'terraform {',
    '  backend "s3" {',
    '    bucket   = "state"',
    `    key      = ${hclString(`[x](command:${FORBIDDEN_COMMAND})`)}`,
    '    region   = "us-east-1"',
    `    endpoints = { s3 = ${hclString(`${listener}/s3`)}, sts = ${hclString(`${listener}/sts`)} }`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function backendPointer(listener: string): string {
  return `${JSON.stringify(
    {
      version: 3,
      terraform_version: '1.9.8',
      backend: {
        type: 's3',
        config: { bucket: 'state', key: `[x](command:${FORBIDDEN_COMMAND})`, region: 'us-east-1', endpoint: `${listener}/s3-legacy`, endpoints: { s3: `${listener}/s3`, sts: `${listener}/sts` }, profile: '![x](http://127.0.0.1:9/p.png)' },
        hash: 1,
      },
    },
    null,
    2,
  )}\n`;
}

/** Files of the workspace (relative to its root) and which of them are executable. */
export function hostileTerraformFiles(named: Readonly<Record<string, string>>, listener: string): { files: Map<string, string>; executables: Set<string> } {
  const strings = Object.values(named);
  const files = new Map<string, string>();
  files.set('main.tf', mainTf(strings, listener));
  files.set('terraform.tfstate', state(strings, '[x](command:lineage)'));
  files.set('show.json', showJson(strings));
  files.set(`terraform.tfstate.d/${HOSTILE_WORKSPACE}/terraform.tfstate`, state([...strings].reverse(), 'ws-lineage'));
  files.set(
    '.vscode/settings.json',
    `${JSON.stringify(
      {
        'cloudtrailInvestigator.profile': `[x](command:${FORBIDDEN_COMMAND})`,
        'cloudtrailInvestigator.regions': ['us-east-1', `![x](${listener}/region.png)`, '$(alert)', `[r](command:${FORBIDDEN_COMMAND})`],
        'cloudtrailInvestigator.endpoint': `${listener}/endpoint`,
        'cloudtrailInvestigator.terraform.readRemoteState': true,
      },
      null,
      2,
    )}\n`,
  );
  files.set('bin/terraform', MARKER_SCRIPT('workspace-terraform'));
  files.set('remote/main.tf', backendTf(listener));
  files.set('remote/.terraform/terraform.tfstate', backendPointer(listener));
  files.set('remote/.terraform/environment', '../../../../outside');
  const provider = 'remote/.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws_v5.0.0_x5';
  files.set(provider, MARKER_SCRIPT('provider'));
  return { files, executables: new Set(['bin/terraform', provider]) };
}
