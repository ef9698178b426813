/**
 * Untrusted text (event fields, workspace files, settings) made inert for each VS Code surface.
 *
 * What each surface interprets (VS Code source, see docs/SECURITY.md for the references):
 * - notifications (`show*Message`, notification progress): `[label](https:|http:|command:|file:…)`
 *   becomes a link, and `command:` links run with `allowCommands: true`; newlines become spaces and
 *   the message is cut at 1000 characters *before* links are parsed;
 * - quick-pick label/description/detail, status-bar text, window progress: `$(name)` and
 *   `$(name~modifier)` render as codicons, `\$(name)` renders the literal text `$(name)`;
 * - input-box prompt and validation message: both links and codicons;
 * - MarkdownString (hovers, tooltips): CommonMark + GFM (bare `https://`, `www.` and e-mail
 *   autolinks), images load from http(s), raw HTML is dropped without `supportHtml`;
 * - tree labels/descriptions, string tooltips, panel titles: plain text.
 *
 * Every function first makes the text visible as it is: control and invisible format characters
 * (bidi overrides and isolates, zero-width characters, soft hyphen, tag characters) are shown as
 * `[U+202E]`, line breaks as `⏎` where one line is expected, broken surrogates as `�`, and the
 * result is cut at a per-surface length with `…`. Then the surface's own syntax is escaped.
 */
import { redactSecrets } from './redact';

/** The surface kinds whose rules differ. */
export type Surface = 'notification' | 'quickPick' | 'statusBar' | 'plain' | 'title' | 'progress' | 'inputMessage' | 'markdown' | 'log';

/**
 * Text made safe for surface `S`. The brand exists only for the type checker (and the
 * `trust/safe-ui-text` lint rule): a plain `string` is never accepted where a `SafeText` is expected.
 */
export type SafeText<S extends Surface = Surface> = string & { readonly __safeFor: S };

/** Options of every escaping function. */
export interface SafeTextOptions {
  /** Longest text shown, in characters (code points) before escaping; longer text ends in `…`. */
  readonly maxLength?: number;
  /** Keep line breaks (tooltips, hovers, modal details); otherwise they show as `⏎`. */
  readonly multiline?: boolean;
}

/** Default caps, in characters shown. */
export const DEFAULT_MAX_LENGTH: Readonly<Record<Surface, number>> = {
  notification: 300,
  quickPick: 200,
  statusBar: 60,
  plain: 300,
  title: 80,
  progress: 200,
  inputMessage: 300,
  markdown: 2000,
  log: 8000,
};

/** Characters that render invisibly or reorder text: shown as `[U+XXXX]`. */
const INVISIBLE = /^[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]$/u;
const LINE_BREAK = /^(?:\r\n|[\n\r\v\f\u0085\u2028\u2029])$/;

function codePointLabel(ch: string): string {
  return `[U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/**
 * The text as it should be seen: every character visible, one line unless `multiline`, at most
 * `maxLength` characters (markers count as one). Never throws; non-strings are converted with `String`.
 */
export function visibleText(value: unknown, options: SafeTextOptions = {}): string {
  const text = typeof value === 'string' ? value : String(value);
  const max = Math.max(1, Math.floor(options.maxLength ?? DEFAULT_MAX_LENGTH.plain));
  const units: string[] = [];
  let truncated = false;
  let pendingCr = false;
  for (const ch of text) {
    if (units.length > max) {
      truncated = true;
      break;
    }
    if (pendingCr && ch === '\n') {
      pendingCr = false;
      continue; // \r\n is one line break
    }
    pendingCr = ch === '\r';
    if (LINE_BREAK.test(ch)) units.push(options.multiline === true ? '\n' : '⏎');
    else if (ch === '\t') units.push(options.multiline === true ? '\t' : ' ');
    else if (ch.length === 1 && ch >= '\uD800' && ch <= '\uDFFF') units.push('\uFFFD');
    else if (INVISIBLE.test(ch)) units.push(codePointLabel(ch));
    else units.push(ch);
  }
  if (truncated || units.length > max) return `${units.slice(0, max - 1).join('')}…`;
  return units.join('');
}

// `$(name)` / `$(name~spin)` as VS Code's label renderer matches them, with an optional escape.
const CODICON = /\\?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * Escapes codicon syntax the way VS Code reads it: one backslash before every `$(name)`, also an
 * already escaped one (`\$(x)` → `\\$(x)`, which shows `\$(x)`), so the text displays unchanged.
 */
export function escapeCodicons(text: string): string {
  return text.replace(CODICON, (match) => `\\${match}`);
}

/**
 * Breaks every `](` so no `[label](target)` link can form (notifications and input messages link
 * `https:`, `http:`, `command:` and `file:` targets). The text stays readable: `[x] (target)`.
 */
export function breakLinks(text: string): string {
  return text.replace(/\]\(/g, '] (');
}

/**
 * Escapes text for a MarkdownString: every ASCII punctuation character gets a backslash (CommonMark
 * allows it for all of them), which defuses emphasis, code, links, images, HTML, entities, tables,
 * autolinks (`https\://`, `www\.`, `a\@b`) and `$(icon)`; leading and repeated spaces become
 * `&nbsp;` so nothing turns into an indented code block.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '\\$&')
        .replace(/\t/g, '    ')
        .replace(/^ +| {2,}/g, (spaces) => '&nbsp;'.repeat(spaces.length)),
    )
    .map((line) => (line === '' ? '&nbsp;' : line))
    .join('  \n');
}

function brand<S extends Surface>(text: string): SafeText<S> {
  return text as SafeText<S>;
}

function cap(surface: Surface, options: SafeTextOptions): SafeTextOptions {
  return { ...options, maxLength: options.maxLength ?? DEFAULT_MAX_LENGTH[surface] };
}

/** For `showInformationMessage` / `showWarningMessage` / `showErrorMessage`: one line, no links. */
export function notificationText(value: unknown, options: SafeTextOptions = {}): SafeText<'notification'> {
  return brand(breakLinks(visibleText(value, { ...cap('notification', options), multiline: false })));
}

/** For quick-pick `label`, `description`, `detail`, `title`: one line, codicons escaped. */
export function quickPickText(value: unknown, options: SafeTextOptions = {}): SafeText<'quickPick'> {
  return brand(escapeCodicons(visibleText(value, { ...cap('quickPick', options), multiline: false })));
}

/** For `StatusBarItem.text` and `setStatusBarMessage`: one line, codicons escaped. */
export function statusBarText(value: unknown, options: SafeTextOptions = {}): SafeText<'statusBar'> {
  return brand(escapeCodicons(visibleText(value, { ...cap('statusBar', options), multiline: false })));
}

/**
 * For surfaces that interpret nothing: tree labels and descriptions, string tooltips (status bar,
 * tree; pass `multiline: true`), modal-dialog details, placeholders.
 */
export function plainText(value: unknown, options: SafeTextOptions = {}): SafeText<'plain'> {
  return brand(visibleText(value, cap('plain', options)));
}

/** For webview panel and document titles: one short line. */
export function titleText(value: unknown, options: SafeTextOptions = {}): SafeText<'title'> {
  return brand(visibleText(value, { ...cap('title', options), multiline: false }));
}

/**
 * For `withProgress` titles and `progress.report({ message })`: shown in a notification (links)
 * or in the status bar (codicons), so both are escaped.
 */
export function progressText(value: unknown, options: SafeTextOptions = {}): SafeText<'progress'> {
  return brand(breakLinks(escapeCodicons(visibleText(value, { ...cap('progress', options), multiline: false }))));
}

/** For input-box `prompt` and validation messages, which render links and codicons. */
export function inputMessageText(value: unknown, options: SafeTextOptions = {}): SafeText<'inputMessage'> {
  return brand(breakLinks(escapeCodicons(visibleText(value, { ...cap('inputMessage', options), multiline: false }))));
}

/** For MarkdownString content (hovers, Markdown tooltips) built with `supportHtml: false`, `supportThemeIcons: false`. */
export function markdownText(value: unknown, options: SafeTextOptions = {}): SafeText<'markdown'> {
  return brand(escapeMarkdownText(visibleText(value, cap('markdown', options))));
}

/** For a value in a log line: one line, visible, secrets redacted. */
export function logText(value: unknown, options: SafeTextOptions = {}): SafeText<'log'> {
  return brand(redactSecrets(visibleText(value, { ...cap('log', options), multiline: false })));
}

/** Values a safe template accepts; each is escaped for the template's surface. */
export type Interpolation = string | number | boolean | bigint;

/** A tagged template that escapes every interpolated value; the literal parts are the trusted template. */
export type SafeTag<S extends Surface> = (strings: TemplateStringsArray, ...values: readonly Interpolation[]) => SafeText<S>;

interface TagRules {
  readonly escape: (value: unknown, options: SafeTextOptions) => string;
  /** Applied to the whole result (a value ending in `]` next to a literal `(` must not form a link). */
  readonly finish?: (text: string) => string;
}

const TAG_RULES: Readonly<Record<Surface, TagRules>> = {
  notification: { escape: notificationText, finish: breakLinks },
  quickPick: { escape: quickPickText },
  statusBar: { escape: statusBarText },
  plain: { escape: plainText },
  title: { escape: titleText },
  progress: { escape: progressText, finish: breakLinks },
  inputMessage: { escape: inputMessageText, finish: breakLinks },
  markdown: { escape: markdownText },
  log: { escape: logText, finish: redactSecrets },
};

/** A {@link SafeTag} for `surface`; `options` apply to each interpolated value. */
export function createSafeTag<S extends Surface>(surface: S, options: SafeTextOptions = {}): SafeTag<S> {
  const rules = TAG_RULES[surface];
  return (strings, ...values) => {
    let out = strings[0];
    values.forEach((value, i) => {
      out += rules.escape(value, options) + strings[i + 1];
    });
    return brand<S>(rules.finish ? rules.finish(out) : out);
  };
}

/** ``safeMessage`Last changed by ${principal}` `` — for `show*Message`. */
export const safeMessage = createSafeTag('notification');
/** For quick-pick items. */
export const safeQuickPick = createSafeTag('quickPick');
/** For status-bar text. */
export const safeStatusBar = createSafeTag('statusBar');
/** For tree labels, descriptions and plain tooltips (one line per value). */
export const safePlain = createSafeTag('plain');
/** For panel and document titles. */
export const safeTitle = createSafeTag('title');
/** For progress titles and messages. */
export const safeProgress = createSafeTag('progress');
/** For input-box prompts and validation messages. */
export const safeInputMessage = createSafeTag('inputMessage');
/** For MarkdownString content: the literal parts are Markdown, the values are text. */
export const safeMarkdown = createSafeTag('markdown');
/** For log lines. */
export const safeLog = createSafeTag('log');
