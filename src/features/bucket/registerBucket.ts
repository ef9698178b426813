// Trail buckets in the workbench: "Open Trail Bucket…" and "Clear Trail Cache". The store and the
// object cache live in the extension's global storage (TrailCache); the views follow the bucket
// through services, as they follow opened trail logs.
import * as vscode from 'vscode';
import type { TrailBucketSource } from '../../archive/bucket/trailBucketSource';
import { safeMarkdown, safeMessage, statusBarText } from '../../core/safeText';
import { CommandIds } from '../../host/commandIds';
import { ContextKeys, setContext } from '../../host/contextKeys';
import { registerCommand } from '../../host/registerCommand';
import type { Services } from '../../host/services';
import { SettingKeys, settings } from '../../host/settings';
import { ViewIds } from '../../host/viewIds';
import { type BucketScope, bucketSourceForViews } from './bucketScope';
import { openTrailBucket } from './openTrailBucket';
import { TrailCache } from './trailCache';

const MB = 1024 * 1024;

/** The extension's trail store and object cache (opened on first use), in its global storage. */
export function createTrailCache(context: vscode.ExtensionContext): TrailCache {
  const cache = new TrailCache(context.globalStorageUri.fsPath, () => settings.trailCacheBytes());
  context.subscriptions.push(cache);
  return cache;
}

/** Registers the bucket commands over `cache`. */
export function registerBucket(services: Services, cache: TrailCache): void {
  const log = services.log('Bucket');
  const subscriptions = services.context.subscriptions;
  const useSource = async (source: TrailBucketSource, scope: BucketScope): Promise<void> => {
    const forViews = bucketSourceForViews(source, scope);
    const label = statusBarText(`s3://${source.layout.bucket}/${source.layout.prefix}`);
    const detail = safeMarkdown`${source.label}\n\n${scope.accounts.join(', ')} · ${scope.regions.join(', ')} · ${scope.rangeLabel}`;
    services.setEventSourceProvider(() => Promise.resolve(forViews), { label, detail });
    await setContext(ContextKeys.archiveActive, true);
    await vscode.commands.executeCommand(`${ViewIds.events}.focus`);
  };
  const clear = (): { objects: number; bytes: number } => {
    const freed = cache.clear();
    log.info(`trail cache cleared: ${freed.objects} objects, ${freed.bytes} bytes`);
    void vscode.window.showInformationMessage(safeMessage`CloudTrail: trail cache cleared (${freed.objects} downloaded objects, ${(freed.bytes / MB).toFixed(1)} MB, and the event index).`);
    return freed;
  };
  const wrap = { log, showLogs: () => { services.logger.show(); }, title: 'CloudTrail' };
  subscriptions.push(
    registerCommand(CommandIds.openTrailBucket, (arg: unknown) => openTrailBucket({ log, prompter: services.prompter, cache, now: () => services.now(), useSource }, arg), wrap),
    registerCommand(CommandIds.clearTrailCache, clear, wrap),
    settings.onDidChange([SettingKeys.trailCacheMaxSizeMB], () => { cache.capChanged(); }),
  );
}
