import * as vscode from 'vscode';
import { GROUP_PAGE_SIZE } from './treeNodes';

/**
 * How many events each opened group shows; "Show more…" raises it one page at a time. One instance
 * serves both trees (their group ids differ), so one command serves both.
 */
export class GroupLimits implements vscode.Disposable {
  private readonly limits = new Map<string, number>();
  private readonly raised = new vscode.EventEmitter<string>();
  /** Fires with the group id whose limit was raised; the tree holding it refreshes that group. */
  readonly onDidShowMore = this.raised.event;

  get(groupId: string): number {
    return this.limits.get(groupId) ?? GROUP_PAGE_SIZE;
  }

  showMore(groupId: string): void {
    this.limits.set(groupId, this.get(groupId) + GROUP_PAGE_SIZE);
    this.raised.fire(groupId);
  }

  dispose(): void {
    this.raised.dispose();
  }
}
