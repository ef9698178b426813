import * as vscode from 'vscode';
import { defaultProfileName, listProfiles, type AwsProfile } from '../../aws/profiles';
import { resolveRegions } from '../../host/apiSource';
import { CommandIds } from '../../host/commandIds';
import type { ComponentLogger } from '../../host/logger';
import { settings } from '../../host/settings';
import { UserCancelled } from '../../host/cancellation';
import type { Prompter } from '../../host/prompter';
import type { SourceBadge } from '../../host/services';
import { describeRegions, STANDARD_REGIONS } from '../../core/regions';
import { createSafeTag, quickPickText, safeStatusBar } from '../../core/safeText';

const DEFAULT_CHAIN = '$(key) Default credential chain';
const FALLBACK_REGION = 'us-east-1';
/** Tooltip Markdown whose interpolated values (profile, regions, paths) are text and keep their line breaks. */
const tooltipMarkdown = createSafeTag('markdown', { multiline: true });

/** `profile @ region(s)` in the status bar; clicking it switches profile or regions. */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: { dispose(): void }[] = [];
  private updating = Promise.resolve();

  constructor(
    private readonly prompter: Prompter,
    private readonly log: ComponentLogger,
    /** What stands in for the profile while another source (opened trail logs) is active. */
    private readonly badge: () => SourceBadge | undefined,
    onDidChangeSource: vscode.Event<void>,
  ) {
    this.item = vscode.window.createStatusBarItem('cloudtrailInvestigator.profile', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'CloudTrail profile and regions';
    this.item.command = CommandIds.switchProfileOrRegions;
    this.disposables.push(
      this.item,
      settings.onDidChange(['profile', 'regions'], () => {
        void this.update();
      }),
      onDidChangeSource(() => {
        void this.update();
      }),
    );
    void this.update();
    this.item.show();
  }

  /** The current text (tests read it). */
  get text(): string {
    return this.item.text;
  }

  /** Resolves once the text reflects the current settings. */
  update(): Promise<void> {
    this.updating = this.updating.then(() => this.render()).catch((err: unknown) => {
      this.log.warn(`status bar: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.updating;
  }

  private async render(): Promise<void> {
    // Opened trail logs replace the profile; clicking then offers to go back to AWS.
    const archive = this.badge();
    if (archive) {
      this.item.text = safeStatusBar`$(archive) ${archive.label}`;
      this.item.command = CommandIds.archiveMenu;
      this.item.tooltip = new vscode.MarkdownString(tooltipMarkdown`**CloudTrail**: trail log files on disk\n\n${archive.detail}\n\nClick to go back to AWS event history or validate the files.`);
      this.item.accessibilityInformation = { label: `CloudTrail trail logs ${archive.label}. Click for options.` };
      return;
    }
    this.item.command = CommandIds.switchProfileOrRegions;
    const profile = settings.profile();
    const name = profile || defaultProfileName();
    const regions = settings.regions();
    // Without a regions setting the source searches the profile's region (or AWS_REGION): say which.
    const region = regions.length === 0 ? ((await resolveRegions(profile))[0] ?? FALLBACK_REGION) : FALLBACK_REGION;
    const where = describeRegions(regions, region);
    this.item.text = safeStatusBar`$(cloud) ${name} @ ${where}`;
    const chain = profile ? '' : ' (default chain)';
    const searched = regions.length > 0 ? regions.join(', ') : `${region} (the profile's region)`;
    const ignored = settings.ignoredWorkspaceSettings();
    const restricted = ignored.length === 0 ? '' : `Restricted Mode: this folder's ${ignored.join(', ')} setting${ignored.length === 1 ? ' is' : 's are'} ignored until you trust it.`;
    this.item.tooltip = new vscode.MarkdownString(tooltipMarkdown`**CloudTrail**: profile **${name}**${chain} in ${searched}\n\n${restricted}\n\nClick to switch profile or regions.`);
    this.item.accessibilityInformation = { label: `CloudTrail profile ${name} at ${where}. Click to switch.` };
  }

  /** Asks whether to switch profile or regions, then runs that picker. */
  async switchProfileOrRegions(): Promise<void> {
    const choice = await this.prompter.pickOne(
      [
        { label: '$(account) Switch Profile…', description: quickPickText(settings.profile() || defaultProfileName()) },
        { label: '$(globe) Choose Regions…', description: quickPickText(describeRegions(settings.regions(), 'profile region')) },
      ],
      { title: 'CloudTrail: profile and regions' },
    );
    if (!choice) throw new UserCancelled();
    if (choice.label.includes('Profile')) await this.selectProfile();
    else await this.selectRegions();
  }

  /** Lists the local profiles and writes the chosen one to settings; a string argument skips the pick. */
  async selectProfile(name?: string): Promise<void> {
    if (typeof name === 'string') {
      await settings.update('profile', name);
      await this.update();
      return;
    }
    const profiles = await listProfiles();
    const current = settings.profile();
    const items: (vscode.QuickPickItem & { profile?: AwsProfile })[] = [
      { label: DEFAULT_CHAIN, description: current === '' ? 'current' : 'environment, AWS_PROFILE, SSO, instance roles' },
      ...profiles.map((p) => ({ label: quickPickText(p.name), description: quickPickText([describeKind(p), p.region, p.name === current ? 'current' : undefined].filter(Boolean).join(' · ')), profile: p })),
    ];
    const picked = await this.prompter.pickOne(items, { title: 'CloudTrail: switch profile', placeHolder: profiles.length === 0 ? 'No profiles in ~/.aws/config or ~/.aws/credentials' : 'Profile', matchOnDescription: true });
    if (!picked) throw new UserCancelled();
    await settings.update('profile', picked.profile ? picked.profile.name : '');
    this.log.info(`profile set to ${picked.profile ? picked.profile.name : '(default chain)'}`);
    await this.update();
  }

  /** Picks one, several or all regions (the pick-all checkbox) and writes them to settings. */
  async selectRegions(regions?: readonly string[]): Promise<void> {
    if (regions !== undefined) {
      await settings.update('regions', regions.slice());
      await this.update();
      return;
    }
    const current = new Set(settings.regions());
    const items = STANDARD_REGIONS.map((r) => ({ label: r.id, description: r.name, picked: current.has(r.id) }));
    const picked = await this.prompter.pickMany(items, {
      title: 'CloudTrail: regions to search',
      placeHolder: 'Select one, several or all (IAM, STS, CloudFront and sign-in events are in us-east-1); none = the profile region',
      matchOnDescription: true,
    });
    if (!picked) throw new UserCancelled();
    await settings.update('regions', picked.map((p) => p.label));
    this.log.info(`regions set to ${picked.map((p) => p.label).join(', ') || '(profile region)'}`);
    await this.update();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function describeKind(p: AwsProfile): string {
  switch (p.kind) {
    case 'assumeRole':
      return 'role';
    case 'staticKeys':
      return 'access keys';
    case 'webIdentity':
      return 'web identity';
    case 'credentialProcess':
      return 'credential process';
    case 'ssoSession':
    case 'ssoLegacy':
      return 'SSO';
    case 'none':
      return 'no credentials';
  }
}
