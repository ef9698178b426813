/**
 * NextToken for the fake service: an offset bound to the request's parameters, so a token reused
 * with other parameters is rejected like the real service does (InvalidNextTokenException).
 */
import { createHash } from 'node:crypto';
import type { LookupQuery } from './lookupRequest';
import { ServiceError } from './lookupRequest';

/** Where the next page starts, and whether the page that handed out this token was empty. */
export interface PagePosition {
  readonly offset: number;
  readonly afterEmptyPage: boolean;
}

/** A digest of everything a token must be re-sent with (MaxResults may change between pages). */
export function queryBinding(region: string, query: LookupQuery): string {
  const parts = [region, query.attribute?.key ?? '', query.attribute?.value ?? '', query.startMs ?? '', query.endMs ?? '', query.insight ? 'insight' : ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function encodePageToken(binding: string, position: PagePosition): string {
  const payload = { b: binding, o: position.offset, ...(position.afterEmptyPage ? { e: 1 } : {}) };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Throws InvalidNextTokenException for a malformed token or one minted for other parameters. */
export function decodePageToken(token: string, binding: string): PagePosition {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ServiceError('InvalidNextTokenException', 'Invalid NextToken.');
  }
  if (typeof payload !== 'object' || payload === null) throw new ServiceError('InvalidNextTokenException', 'Invalid NextToken.');
  const { b, o, e } = payload as { b?: unknown; o?: unknown; e?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof b !== 'string') {
    throw new ServiceError('InvalidNextTokenException', 'Invalid NextToken.');
  }
  if (b !== binding) {
    throw new ServiceError('InvalidNextTokenException', 'The NextToken was used with parameters that differ from the request that returned it.');
  }
  return { offset: o, afterEmptyPage: e === 1 };
}
