import * as assert from 'node:assert/strict';
import { checkExternalUrl } from '../../../src/core/linkPolicy';

describe('webview: link policy', () => {
  const allowed = [
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_ec2.html',
    'https://console.aws.amazon.com/iam/home#/roles/details/Admin',
    'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0123',
    'https://s3.console.aws.amazon.com/s3/buckets/my-bucket',
    'https://console.amazonaws-us-gov.com/iam/home',
    'https://docs.aws.amazon.com',
  ];
  for (const url of allowed) {
    it(`opens ${url}`, () => {
      assert.deepEqual(checkExternalUrl(url), { ok: true, url: new URL(url).href });
    });
  }

  const hostile: [string, unknown][] = [
    ['javascript: URL', 'javascript:alert(1)'],
    ['javascript: URL with AWS text', 'javascript://docs.aws.amazon.com/%0aalert(1)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['plain http', 'http://docs.aws.amazon.com/'],
    ['upper-case scheme', 'HTTPS://docs.aws.amazon.com/'],
    ['vscode: command URI', 'command:workbench.action.terminal.new'],
    ['file URL', 'file:///etc/passwd'],
    ['userinfo trick', 'https://docs.aws.amazon.com@evil.example/'],
    ['userinfo with password', 'https://user:pass@docs.aws.amazon.com/'],
    ['lookalike suffix', 'https://docs.aws.amazon.com.evil.example/'],
    ['lookalike prefix', 'https://evilaws.amazon.com/'],
    ['lookalike label', 'https://docs-aws.amazon.com/'],
    ['bare parent domain', 'https://amazon.com/'],
    ['port', 'https://docs.aws.amazon.com:8443/'],
    ['backslash', 'https://evil.example\\@docs.aws.amazon.com/'],
    ['backslash host', 'https://docs.aws.amazon.com\\.evil.example/'],
    ['fragment host trick', 'https://evil.example#.aws.amazon.com'],
    ['percent-encoded host', 'https://docs%2eaws.amazon.com/'],
    ['unicode dots', 'https://docs\u3002aws\u3002amazon\u3002com/'],
    ['punycode lookalike', 'https://xn--dcs-aws-tta.amazon.com/'],
    ['upper-case host', 'https://DOCS.AWS.AMAZON.COM/'],
    ['trailing dot', 'https://docs.aws.amazon.com./'],
    ['empty label', 'https://docs..aws.amazon.com/'],
    ['IP address', 'https://52.94.236.248/'],
    ['whitespace', 'https://docs.aws.amazon.com/ x'],
    ['newline', 'https://docs.aws.amazon.com/\nx'],
    ['leading space', ' https://docs.aws.amazon.com/'],
    ['protocol-relative', '//docs.aws.amazon.com/'],
    ['no host', 'https:///docs.aws.amazon.com'],
    ['too long', `https://docs.aws.amazon.com/${'a'.repeat(3000)}`],
    ['empty', ''],
    ['not a string', { href: 'https://docs.aws.amazon.com/' }],
    ['undefined', undefined],
  ];
  for (const [name, url] of hostile) {
    it(`refuses ${name}`, () => {
      const check = checkExternalUrl(url);
      assert.equal(check.ok, false);
      assert.equal(checkExternalUrl(url).ok, false);
    });
  }
});
