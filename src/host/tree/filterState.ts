import * as vscode from 'vscode';
import { ContextKeys, setContext } from '../contextKeys';
import type { IntegrityIndex } from '../../core/provenance';
import { isFilterActive, NO_FILTER, type ViewFilter } from '../../core/viewFilter';

/** The filter box text and the toggles (errors only, outside IaC, verified only), shared by the Events and Results views. */
export class FilterState implements vscode.Disposable {
  private current: ViewFilter = NO_FILTER;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get value(): ViewFilter {
    return this.current;
  }

  async set(patch: Partial<ViewFilter>): Promise<void> {
    this.current = { ...this.current, ...patch };
    // Title-bar buttons swap, and menu items show their check, on these keys.
    await Promise.all([
      setContext(ContextKeys.filterActive, this.current.text.trim() !== ''),
      setContext(ContextKeys.errorsOnly, this.current.errorsOnly),
      setContext(ContextKeys.outsideIacOnly, this.current.outsideIacOnly === true),
      setContext(ContextKeys.verifiedOnly, this.current.verifiedOnly === true),
    ]);
    this.changed.fire();
  }

  /**
   * The integrity verdicts the trees use (marks on archive events, "verified only"): call after a
   * validation (`trees.filter.setIntegrity(source.integrity())`); the Events view also calls it
   * when the source changes. Undefined: nothing verified.
   */
  async setIntegrity(index: IntegrityIndex | undefined): Promise<void> {
    const { integrity: _old, ...rest } = this.current;
    if (index === undefined && _old === undefined) return;
    this.current = index === undefined ? rest : { ...rest, integrity: index };
    // Marks on archive events and the verified-only filter both follow the new verdicts.
    await this.set({});
  }

  get active(): boolean {
    return isFilterActive(this.current);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
