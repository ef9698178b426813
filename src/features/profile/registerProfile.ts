// Profile and regions: the status-bar item (or the opened trail logs in its place), Switch Profile…,
// Choose Regions…, and the `aws sso login` terminal the tree's error items offer.
import { CommandIds } from '../../host/commandIds';
import { registerCommand } from '../../host/registerCommand';
import { noticeRestrictedModeAtActivation } from '../../host/restrictedMode';
import type { Services } from '../../host/services';
import type { TestApi } from '../../host/testApi';
import { runSsoLogin } from './ssoLogin';
import { ProfileStatusBar } from './statusBar';

/** Registers the status bar and the profile commands; returns the TestApi's read of the status bar. */
export function registerProfile(services: Services): Pick<TestApi, 'statusBarText'> {
  const log = services.log('StatusBar');
  const statusBar = new ProfileStatusBar(services.prompter, log, () => services.sourceBadge, services.onDidChangeEventSource);
  const deps = { log, showLogs: () => { services.logger.show(); } };
  const table: readonly [string, (...args: never[]) => unknown][] = [
    [CommandIds.runSsoLogin, (profile: unknown) => { runSsoLogin(profile); }],
    [CommandIds.selectProfile, (name: unknown) => statusBar.selectProfile(typeof name === 'string' ? name : undefined)],
    [CommandIds.selectRegions, (regions: unknown) => statusBar.selectRegions(Array.isArray(regions) ? regions.filter((r): r is string => typeof r === 'string') : undefined)],
    [CommandIds.switchProfileOrRegions, () => statusBar.switchProfileOrRegions()],
  ];
  services.context.subscriptions.push(statusBar, ...table.map(([id, handler]) => registerCommand(id, handler, deps)));
  // In an untrusted folder: say once what Restricted Mode ignores and skips, and how to trust the folder.
  noticeRestrictedModeAtActivation((m) => {
    log.info(m);
  });
  return {
    statusBarText: async () => {
      await statusBar.update();
      return statusBar.text;
    },
  };
}
