import * as vscode from 'vscode';

/** Patterns that look like secrets; redacted from every log line as a last line of defence. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /(aws_secret_access_key|secretAccessKey|SecretAccessKey|aws_session_token|sessionToken|SessionToken|accessToken)(["'\s:=]+)[^\s"',}]+/g,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
];

/** Replaces anything secret-looking in a log message. */
export function redact(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, key?: string, sep?: string) =>
      key !== undefined && sep !== undefined ? `${key}${sep}***` : `${match.slice(0, 4)}****************`,
    );
  }
  return out;
}

/** One output channel for the extension, with a `[Component]` tag on every line. */
export class Logger implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(name = 'CloudTrail Investigator') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** A logger bound to one component tag. */
  component(tag: string): ComponentLogger {
    return new ComponentLogger(this.channel, tag);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** Logs through the shared channel with a fixed tag; every message is redacted. */
export class ComponentLogger {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly tag: string,
  ) {}

  trace(message: string): void {
    this.channel.trace(this.format(message));
  }
  debug(message: string): void {
    this.channel.debug(this.format(message));
  }
  info(message: string): void {
    this.channel.info(this.format(message));
  }
  warn(message: string): void {
    this.channel.warn(this.format(message));
  }
  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? `: ${err.name}: ${err.message}` : err === undefined ? '' : `: ${typeof err === 'string' ? err : JSON.stringify(err)}`;
    this.channel.error(this.format(message + detail));
  }

  private format(message: string): string {
    return `[${this.tag}] ${redact(message)}`;
  }
}
