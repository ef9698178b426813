// Helpers for the palette look-up suites: the newest result set and its events read back through the
// exports (the extension's own files, not a second copy of its modules).
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/host/testApi';

/** The label starting with `prefix` among those offered (fails the answer when absent). */
export function labelStarting(prefix: string): (labels: readonly string[]) => string | undefined {
  return (labels) => labels.find((l) => l.startsWith(prefix));
}

/** The id of the newest result set in the Results view. */
export function newestSetId(api: TestApi): string {
  const set = api.results.sets()[0];
  assert.ok(set, 'a result set is in the Results view');
  return set.id;
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
