/**
 * STS `GetCallerIdentity` (awsQuery protocol) on the local endpoint, so the extension's account-id
 * resolution (which keys the rate limiter) runs against it like against AWS. The account comes from
 * the request's access key id: a table given by the test, else 123456789012.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The account id every unknown access key belongs to. */
export const DEFAULT_LOCAL_ACCOUNT = '123456789012';

/** True when a request body is an STS GetCallerIdentity call. */
export function isGetCallerIdentity(contentType: string | undefined, body: string): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded') && new URLSearchParams(body).get('Action') === 'GetCallerIdentity';
}

/** Writes the XML answer for `accessKeyId`. */
export function sendCallerIdentity(res: ServerResponse, accessKeyId: string, accounts: Readonly<Record<string, string>>): void {
  const account = accounts[accessKeyId] ?? DEFAULT_LOCAL_ACCOUNT;
  const text = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/local</Arn><UserId>AIDALOCAL${account}</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
