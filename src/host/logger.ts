import * as vscode from 'vscode';
import { logText } from '../core/safeText';

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

/**
 * Logs through the shared channel with a fixed tag; every message is redacted and made visible
 * (one line, control and bidi characters shown as `[U+…]`, capped), so a record cannot forge log lines.
 */
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
    return `[${this.tag}] ${logText(message)}`;
  }
}
