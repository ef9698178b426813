/**
 * The ARN under the cursor in one line of text: Terraform/HCL (`.tf`, `.tfvars`, `.hcl`), JSON,
 * YAML (CloudFormation, IAM policies) and plain text. Quotes, brackets and commas end an ARN;
 * trailing sentence punctuation is dropped; `${…}` interpolations stay inside the token so the
 * result can say which part of the ARN is unresolved.
 */
import { findArns, parseArn, type Arn } from './arn';

/** The named parts of an ARN, in order. */
export type ArnPart = 'partition' | 'service' | 'region' | 'account' | 'resource';

const PART_NAMES: readonly ArnPart[] = ['partition', 'service', 'region', 'account', 'resource'];

interface Located {
  /** The ARN text as written (interpolations included). */
  readonly text: string;
  /** Half-open character range `[start, end)` of {@link Located.text} in the line. */
  readonly start: number;
  readonly end: number;
}

/** A literal, valid ARN. */
export interface ArnAtPositionFound extends Located {
  readonly kind: 'arn';
  readonly arn: Arn;
}

/** An ARN built with `${…}` interpolations: it cannot be looked up until they are resolved. */
export interface ArnAtPositionInterpolated extends Located {
  readonly kind: 'interpolated';
  /** The interpolation expressions, e.g. `${var.bucket}`, in order of appearance. */
  readonly expressions: readonly string[];
  /** Which parts of the ARN contain them. */
  readonly parts: readonly ArnPart[];
  /** A sentence saying what is unresolved, for the user. */
  readonly message: string;
}

/** Text that looks like an ARN but is not a valid one. */
export interface ArnAtPositionInvalid extends Located {
  readonly kind: 'invalid';
  /** Why, from {@link parseArn}. */
  readonly reason: string;
}

/** What {@link findArnAt} found under the cursor. */
export type ArnAtPosition = ArnAtPositionFound | ArnAtPositionInterpolated | ArnAtPositionInvalid;

const INTERPOLATION = /\$\{[^}]*\}/g;

/**
 * The ARN at `character` (0-based; a cursor just after the ARN's last character counts) in
 * `lineText`, or undefined when the cursor is not on an ARN-like token. Never throws.
 */
export function findArnAt(lineText: string, character: number): ArnAtPosition | undefined {
  const match = findArns(lineText).find((m) => character >= m.start && character <= m.end);
  if (match === undefined) return undefined;
  const located: Located = { text: match.arn, start: match.start, end: match.end };
  return describeArnText(located);
}

/** Every ARN-like token on a line, classified like {@link findArnAt}. */
export function findAllArnsInLine(lineText: string): ArnAtPosition[] {
  return findArns(lineText).map((m) => describeArnText({ text: m.arn, start: m.start, end: m.end }));
}

function describeArnText(located: Located): ArnAtPosition {
  const expressions = located.text.match(INTERPOLATION) ?? [];
  if (expressions.length > 0) {
    const parts = interpolatedParts(located.text);
    return { kind: 'interpolated', ...located, expressions, parts, message: interpolationMessage(expressions, parts) };
  }
  const parsed = parseArn(located.text);
  return parsed.ok ? { kind: 'arn', ...located, arn: parsed.arn } : { kind: 'invalid', ...located, reason: parsed.reason };
}

/** Splits on the first five colons that are outside `${…}` and reports which fields hold an interpolation. */
function interpolatedParts(text: string): ArnPart[] {
  const fields: string[] = [''];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '$' && text.charAt(i + 1) === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    if (ch === ':' && depth === 0 && fields.length < 6) {
      fields.push('');
      continue;
    }
    fields[fields.length - 1] += ch;
  }
  // fields[0] is the literal "arn".
  return PART_NAMES.filter((_, i) => (fields[i + 1] ?? '').includes('${'));
}

function interpolationMessage(expressions: readonly string[], parts: readonly ArnPart[]): string {
  const what = parts.length === 1 ? `the ${parts[0] ?? 'resource'} part` : `the ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? 'resource'} parts`;
  const list = expressions.join(', ');
  return `This ARN is not literal: ${what} ${parts.length === 1 ? 'comes' : 'come'} from ${list}, which only Terraform or CloudFormation can resolve. Use the resource's ARN from state, or write the value literally.`;
}
