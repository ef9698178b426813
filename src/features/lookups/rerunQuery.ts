// "CloudTrail: Re-run a Recent Query": the remembered queries, newest first.
import { formatRelativeTime } from '../../core/presentation';
import * as vscode from 'vscode';
import { CommandIds } from '../../host/commandIds';
import type { CommandDeps } from './lookupDeps';
import { pickRequired } from '../../host/prompts';
import { queryForRerun, type HistoryEntry } from '../../host/queryHistory';
import { runQuery } from './runQuery';
import { quickPickText } from '../../core/safeText';

/** Runs a remembered entry again (a relative range slides to end now). */
export async function rerunEntry(deps: CommandDeps, entry: HistoryEntry): Promise<void> {
  if (entry.kind === 'resource') {
    // "Who changed this?" owns resource lookups; it remembers the entry again itself.
    await vscode.commands.executeCommand(CommandIds.whoChanged, { arn: entry.arn });
    return;
  }
  await runQuery(deps, { title: entry.title, query: queryForRerun(entry, deps.now()), ...(entry.match ? { match: entry.match } : {}), history: { ...entry, savedAt: deps.now() } });
}

/** The command: pick one of the last queries (or pass its index, 0 = newest). */
export async function rerunQuery(deps: CommandDeps, index?: unknown): Promise<void> {
  const entries = deps.history.list();
  if (entries.length === 0) throw new Error('No recent queries yet: run "CloudTrail: Look Up Events…" or an investigation first.');
  const direct = typeof index === 'number' ? entries[index] : undefined;
  const entry =
    direct ??
    (
      await pickRequired(
        deps,
        entries.map((e) => ({ label: quickPickText(e.title), description: quickPickText(`${e.kind === 'resource' ? 'who changed' : e.query.regions.join(', ')} · ${formatRelativeTime(e.savedAt, deps.now())}`), entry: e })),
        { title: 'Re-run a recent query', matchOnDescription: true },
      )
    ).entry;
  await rerunEntry(deps, entry);
}
