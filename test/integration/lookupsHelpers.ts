// Helpers for the palette look-up suites: scripted quick-input answers and the result set's events
// read back through the exports (the extension's own files, not a second copy of its modules).
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/testApi';

/** Queues answers for the next prompts: a label (or text), a function of the offered labels, or undefined to dismiss. */
export function answer(api: TestApi, ...answers: (string | ((labels: readonly string[]) => string | undefined))[]): void {
  for (const a of answers) {
    api.views?.queuePromptAnswer((labels) => (typeof a === 'function' ? a(labels) : a));
  }
}

/** The label starting with `prefix` among those offered (fails the answer when absent). */
export function labelStarting(prefix: string): (labels: readonly string[]) => string | undefined {
  return (labels) => labels.find((l) => l.startsWith(prefix));
}

export function lookups(api: TestApi): NonNullable<TestApi['lookups']> {
  if (!api.lookups) throw new Error('TestApi has no lookups part');
  return api.lookups;
}

/** A fresh temporary directory for exports. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'cti-lookups-'));
}

/** The records of a result set, through the JSON export. */
export async function exportedRecords(setId: string): Promise<Record<string, unknown>[]> {
  const file = path.join(tempDir(), 'records.json');
  await vscode.commands.executeCommand('cloudtrailInvestigator.results.exportJson', setId, file);
  return (JSON.parse(readFileSync(file, 'utf8')) as { Records: Record<string, unknown>[] }).Records;
}

/** Event ids of a result set. */
export async function resultIds(setId: string): Promise<string[]> {
  return (await exportedRecords(setId)).map((r) => r.eventID as string);
}
