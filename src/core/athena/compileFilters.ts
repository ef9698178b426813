/**
 * Lookup-attribute filters and investigation matches as SQL predicates over the CloudTrail table.
 * Most are exact. Two follow CloudTrail's own indexing rather than one column:
 *
 * - `Username` is derived (IAM user name, role session name, Identity Center user name…), so the
 *   predicate is a superset over the columns it comes from and the source re-checks each event
 *   with the core's matcher ({@link needsLocalCheck}).
 * - `ResourceName` matches a resource ARN in `resources`, or the value as a JSON string anywhere in
 *   the request parameters or the response (where CloudTrail finds names and ids such as a DB
 *   instance identifier); no re-check, the SQL is the definition.
 */
import type { EventMatch } from '../investigations';
import type { AttributeFilter } from '../query';
import { likeExpression, matchExpression, stringLiteral, wildcardToLike } from './sqlText';
import { pathExpression } from './resultColumns';

const col = pathExpression;

/** `array` holds an element for which `predicate(r)` holds (Trino `filter` + empty-array comparison; DuckDB alike). */
function anyResource(predicate: (element: string) => string): string {
  return `filter(${col('resources')}, r -> ${predicate('r')}) <> ARRAY[]`;
}

/** The value as a JSON string token (`"v"`) somewhere in a JSON-text column. */
function jsonTextContains(column: string, value: string): string {
  const token = JSON.stringify(value);
  if (!value.includes('*')) return `strpos(${col(column)}, ${stringLiteral(token)}) > 0`;
  return likeExpression(col(column), `%${wildcardToLike(token)}%`);
}

/** `text` ends with `separator + value` (a LIKE on the escaped value, wildcards kept). */
function endsWithSegment(column: string, separator: string, value: string): string {
  return likeExpression(col(column), `%${wildcardToLike(separator)}${wildcardToLike(value)}`);
}

function either(parts: readonly string[]): string {
  return parts.length === 1 ? (parts[0] ?? 'FALSE') : `(${parts.join(' OR ')})`;
}

function usernamePredicate(value: string): string {
  const parts = [
    matchExpression(col('useridentity.username'), value),
    endsWithSegment('useridentity.arn', '/', value),
    endsWithSegment('useridentity.principalid', ':', value),
    jsonTextContains('additionaleventdata', value),
  ];
  if (value === 'root' || value.includes('*')) parts.push(`(${col('useridentity.type')} = 'Root' AND ${matchExpression(stringLiteral('root'), value)})`);
  return either(parts);
}

/** The predicate of one lookup-attribute filter. */
export function filterPredicate(filter: AttributeFilter): string {
  const v = filter.value;
  switch (filter.key) {
    case 'EventId':
      return matchExpression(col('eventid'), v);
    case 'AccessKeyId':
      return matchExpression(col('useridentity.accesskeyid'), v);
    case 'EventName':
      return matchExpression(col('eventname'), v);
    case 'EventSource':
      return matchExpression(col('eventsource'), v);
    case 'ReadOnly':
      return matchExpression(`COALESCE(${col('readonly')}, 'false')`, v);
    case 'Username':
      return usernamePredicate(v);
    case 'ResourceType':
      return anyResource((r) => matchExpression(`${r}."type"`, v));
    case 'ResourceName':
      return either([anyResource((r) => matchExpression(`${r}."arn"`, v)), jsonTextContains('requestparameters', v), jsonTextContains('responseelements', v)]);
  }
}

/** Filters whose SQL is a superset: the source re-checks them on the normalized events. */
export function needsLocalCheck(filter: AttributeFilter): boolean {
  return filter.key === 'Username';
}

/**
 * The part of an investigation's match that SQL can express (event names, error codes, principal
 * types). The sign-in rule ("failed or without MFA") reads JSON fields, so it stays a local check;
 * its events are few and the summary selects what it needs.
 */
export function matchPredicates(match: EventMatch | undefined): string[] {
  if (match === undefined) return [];
  const out: string[] = [];
  if (match.eventNames !== undefined) out.push(either(match.eventNames.map((n) => matchExpression(col('eventname'), n))));
  if (match.errorCodes !== undefined) out.push(either(match.errorCodes.map((n) => matchExpression(col('errorcode'), n))));
  if (match.principalTypes !== undefined) out.push(either(match.principalTypes.map((t) => matchExpression(col('useridentity.type'), t))));
  return out;
}
