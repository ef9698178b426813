import * as vscode from 'vscode';
import { ContextKeys, setContext } from '../host/contextKeys';
import { isFilterActive, NO_FILTER, type ViewFilter } from './viewFilter';

/** The filter box text and the errors-only toggle, shared by the Events and Results views. */
export class FilterState implements vscode.Disposable {
  private current: ViewFilter = NO_FILTER;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get value(): ViewFilter {
    return this.current;
  }

  async set(patch: Partial<ViewFilter>): Promise<void> {
    this.current = { ...this.current, ...patch };
    // Title-bar buttons swap on these keys (filter vs. clear filter, errors only vs. all).
    await Promise.all([setContext(ContextKeys.filterActive, this.current.text.trim() !== ''), setContext(ContextKeys.errorsOnly, this.current.errorsOnly)]);
    this.changed.fire();
  }

  get active(): boolean {
    return isFilterActive(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
