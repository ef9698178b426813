// Quick-input steps every feature uses: a validated text input (the message is shown while typing)
// and a required pick. Both throw UserCancelled when dismissed, which the command wrapper keeps silent.
import * as vscode from 'vscode';
import { notificationText } from '../core/safeText';
import type { Prompter } from './prompter';
import { UserCancelled } from './cancellation';

const MAX_ATTEMPTS = 5;

/** What the prompts need. */
export interface PromptDeps {
  readonly prompter: Prompter;
}

/**
 * Asks for text until it passes `validate`. The input box shows the message while typing and refuses
 * the value; a value that still fails (an input box without validation) is warned about and asked again.
 */
export async function askValidated(deps: PromptDeps, options: vscode.InputBoxOptions, validate: (value: string) => string | undefined): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const value = await deps.prompter.input({ ignoreFocusOut: true, ...options, validateInput: validate });
    if (value === undefined) throw new UserCancelled();
    const message = validate(value);
    if (message === undefined) return value.trim();
    void vscode.window.showWarningMessage(notificationText(message));
  }
  throw new UserCancelled();
}

/** Picks one item or throws {@link UserCancelled}. */
export async function pickRequired<T extends vscode.QuickPickItem>(deps: PromptDeps, items: readonly T[], options: vscode.QuickPickOptions): Promise<T> {
  const picked = await deps.prompter.pickOne(items, { ignoreFocusOut: true, ...options });
  if (picked === undefined) throw new UserCancelled();
  return picked;
}
