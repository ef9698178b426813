/**
 * MarkdownString content with its trust settings, built only from escaped text
 * ({@link markdownText}, {@link safeMarkdown}) and command links made from validated values. The
 * host turns a {@link SafeMarkdown} into a `vscode.MarkdownString` with exactly these settings, so a
 * hover that offers "Who changed this?" trusts that one command and nothing else.
 */
import type { SafeText } from './safeText';
import { markdownText } from './safeText';

/** `isTrusted` for a MarkdownString that may run only these commands (brand: built here only). */
export interface TrustedCommands {
  readonly enabledCommands: readonly string[];
  readonly __safeFor: 'markdownTrust';
}

/** What a `vscode.MarkdownString` is made of. `supportHtml` and `supportThemeIcons` stay off. */
export interface SafeMarkdown {
  readonly value: SafeText<'markdown'>;
  readonly isTrusted: false | TrustedCommands;
  readonly supportHtml: false;
  readonly supportThemeIcons: false;
}

/** JSON that a command link can carry as arguments. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A command link to build; `args` are passed to the command as its arguments. */
export interface CommandLinkSpec {
  readonly label: string;
  readonly command: string;
  readonly args?: readonly JsonValue[];
  /** Shown when hovering the link; plain text. */
  readonly title?: string;
}

/** The result of {@link commandLink}: the link, or why it was refused. */
export type CommandLinkResult = { readonly ok: true; readonly markdown: SafeMarkdown } | { readonly ok: false; readonly reason: string };

const COMMAND_ID = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;

function jsonProblem(value: unknown, depth: number): string | undefined {
  if (depth > 16) return 'arguments are nested too deeply';
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'a number argument is not finite';
  if (Array.isArray(value)) return (value as unknown[]).map((v) => jsonProblem(v, depth + 1)).find((p) => p !== undefined);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).map((v) => jsonProblem(v, depth + 1)).find((p) => p !== undefined);
  }
  return `an argument of type ${typeof value} is not JSON`;
}

/** Percent-encodes everything but unreserved characters, so no `)` or space can end the link early. */
function encodeArgs(args: readonly JsonValue[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Plain Markdown text, trusting nothing. */
export function markdownDocument(value: SafeText<'markdown'>): SafeMarkdown {
  return { value, isTrusted: false, supportHtml: false, supportThemeIcons: false };
}

/**
 * A `[label](command:id?args)` link, trusted for `spec.command` only. Refused unless the command is
 * in `allowed` (the host's list of commands a hover may offer), is a well-formed id, and every
 * argument is plain JSON; the label and title are escaped.
 */
export function commandLink(spec: CommandLinkSpec, allowed: readonly string[]): CommandLinkResult {
  if (!allowed.includes(spec.command)) return { ok: false, reason: `command ${spec.command} is not allowed in links` };
  if (!COMMAND_ID.test(spec.command)) return { ok: false, reason: `${spec.command} is not a command id` };
  const args = spec.args ?? [];
  const problem = jsonProblem(args, 0);
  if (problem !== undefined) return { ok: false, reason: problem };
  const query = args.length === 0 ? '' : `?${encodeArgs(args)}`;
  const title = spec.title === undefined ? '' : ` "${markdownText(spec.title, { multiline: false, maxLength: 200 })}"`;
  const value = `[${markdownText(spec.label, { multiline: false, maxLength: 200 })}](command:${spec.command}${query}${title})` as SafeText<'markdown'>;
  return { ok: true, markdown: { value, isTrusted: trusting([spec.command]), supportHtml: false, supportThemeIcons: false } };
}

function trusting(commands: readonly string[]): TrustedCommands {
  return { enabledCommands: [...new Set(commands)] } as unknown as TrustedCommands;
}

/**
 * Joins escaped fragments and links into one Markdown document, `separator` (trusted Markdown such
 * as `' · '` or `'\n\n'`) between them; it trusts exactly the union of the links' commands.
 */
export function joinMarkdown(parts: readonly (SafeMarkdown | SafeText<'markdown'>)[], separator = ''): SafeMarkdown {
  const commands: string[] = [];
  const values = parts.map((part) => {
    if (typeof part === 'string') return part;
    if (part.isTrusted !== false) commands.push(...part.isTrusted.enabledCommands);
    return part.value;
  });
  const value = values.join(separator) as SafeText<'markdown'>;
  return { value, isTrusted: commands.length === 0 ? false : trusting(commands), supportHtml: false, supportThemeIcons: false };
}
