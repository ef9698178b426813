// The questions "Open Trail Bucket…" asks: where (a bucket the profile can list, or a typed
// s3://bucket/prefix), which accounts and regions of the discovered layout, and which time range.
// Every bucket, account and region name shown is escaped for the quick pick.
import type * as vscode from 'vscode';
import type { BucketLayout } from '../../archive/bucket/bucketLayout';
import { parseS3Url } from '../../aws/bucket/s3Access';
import { quickPickText, safeQuickPick } from '../../core/safeText';
import { UserCancelled } from '../../host/cancellation';
import type { Prompter } from '../../host/prompter';
import type { BucketScope } from './bucketScope';

const DAY_MS = 86_400_000;

/** The ranges offered, in days. */
export const RANGE_DAYS = [1, 7, 30, 90, 365] as const;

/** `last 24 hours`, `last 30 days`. */
export function rangeLabel(days: number): string {
  return days === 1 ? 'last 24 hours' : `last ${days} days`;
}

/** Asks for the location; `buckets` are the names the profile can list (may be empty). */
export async function askLocation(prompter: Prompter, buckets: readonly string[]): Promise<{ bucket: string; prefix: string }> {
  const typed = { label: '$(edit) Enter s3://bucket/prefix…', bucket: undefined as string | undefined };
  const items = [typed, ...buckets.map((bucket) => ({ label: quickPickText(`s3://${bucket}`), bucket }))];
  const picked = buckets.length === 0 ? typed : await prompter.pickOne(items, { title: 'Open Trail Bucket', placeHolder: 'The bucket the trail delivers to' });
  if (!picked) throw new UserCancelled();
  if (picked.bucket !== undefined) return { bucket: picked.bucket, prefix: '' };
  const text = await prompter.input({
    title: 'Open Trail Bucket',
    prompt: 'The trail bucket, with its prefix if the trail has one',
    placeHolder: 's3://my-trail-bucket/optional-prefix/',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseS3Url(value);
        return undefined;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
  });
  if (text === undefined) throw new UserCancelled();
  return parseS3Url(text);
}

interface ScopeItem extends vscode.QuickPickItem {
  readonly account: string;
  readonly region: string;
}

/** Asks which accounts and regions to read (all are picked to start with) and the time range. */
export async function askScope(prompter: Prompter, layout: BucketLayout, now: number): Promise<BucketScope> {
  const items: ScopeItem[] = layout.accounts.flatMap((a) =>
    a.regions.map((region) => ({
      label: safeQuickPick`${a.account} · ${region}`,
      ...(a.organizationId !== undefined ? { description: safeQuickPick`organization ${a.organizationId}` } : {}),
      picked: true,
      account: a.account,
      region,
    })),
  );
  const chosen = items.length === 1 ? items : await prompter.pickMany(items, { title: 'Open Trail Bucket: accounts and regions', placeHolder: 'Only these prefixes are listed and read' });
  if (!chosen || chosen.length === 0) throw new UserCancelled();
  const ranges = RANGE_DAYS.map((days) => ({ label: rangeLabel(days), days }));
  const range = await prompter.pickOne(ranges, { title: 'Open Trail Bucket: time range', placeHolder: 'Only the day folders of this range are read' });
  if (!range) throw new UserCancelled();
  const accounts = [...new Set(chosen.map((c) => c.account))];
  return {
    accounts,
    regions: [...new Set(chosen.map((c) => c.region))],
    start: now - range.days * DAY_MS,
    end: now,
    rangeLabel: range.label,
    allAccounts: layout.accounts.every((a) => accounts.includes(a.account)),
  };
}
