import { GROUP_PAGE_SIZE } from './treeNodes';

/** How many events each opened group shows; "Show more…" raises it one page at a time. */
export class GroupLimits {
  private readonly limits = new Map<string, number>();

  get(groupId: string): number {
    return this.limits.get(groupId) ?? GROUP_PAGE_SIZE;
  }

  showMore(groupId: string): void {
    this.limits.set(groupId, this.get(groupId) + GROUP_PAGE_SIZE);
  }
}
