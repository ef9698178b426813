// The value quick pick of Look Up Events: suggestions while typing, and Enter takes what was typed
// unless a suggestion was chosen with the arrow keys (see typedValue.ts for the rules).
import * as vscode from 'vscode';
import { plainText, quickPickText } from '../../core/safeText';
import { acceptedValue, valueItems, type ValueChoice, type ValueItem } from './typedValue';

type Row = vscode.QuickPickItem & ValueItem;

/** Shows the picker; resolves when the user presses Enter or dismisses it. */
export function pickOrTypeValue(suggestions: readonly ValueItem[], options: { readonly title: string; readonly placeHolder: string; readonly hint: string }): Promise<ValueChoice> {
  const pick = vscode.window.createQuickPick<Row>();
  pick.title = quickPickText(options.title);
  pick.placeholder = plainText(options.placeHolder);
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.items = valueItems('', suggestions, options.hint);
  return new Promise<ValueChoice>((resolve) => {
    let settled = false;
    const finish = (choice: ValueChoice): void => {
      if (settled) return;
      settled = true;
      resolve(choice);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      // The typed row is rebuilt first, so it is the active row until the user moves.
      pick.items = valueItems(value, suggestions, options.hint);
    });
    pick.onDidAccept(() => {
      finish(acceptedValue(pick.activeItems[0], pick.value));
    });
    pick.onDidHide(() => {
      finish({ kind: 'cancel' });
    });
    pick.show();
  });
}
