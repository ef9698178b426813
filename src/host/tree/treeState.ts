import type * as vscode from 'vscode';
import { FilterState } from './filterState';
import { GroupLimits } from './groupLimits';

/** What the Events and Results trees share: the filter box and toggles, and the group page sizes. */
export class TreeState implements vscode.Disposable {
  readonly filter = new FilterState();
  readonly limits = new GroupLimits();

  dispose(): void {
    this.filter.dispose();
    this.limits.dispose();
  }
}
