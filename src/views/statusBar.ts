import * as vscode from 'vscode';
import { defaultProfileName, listProfiles, type AwsProfile } from '../aws/profiles';
import { resolveRegions } from '../host/apiSource';
import { CommandIds } from '../commands/commandIds';
import type { ComponentLogger } from '../host/logger';
import { settings } from '../host/settings';
import { UserCancelled } from '../host/registerCommand';
import type { Prompter } from './prompter';
import { describeRegions, STANDARD_REGIONS } from './regions';

const DEFAULT_CHAIN = '$(key) Default credential chain';
const FALLBACK_REGION = 'us-east-1';

/** `profile @ region(s)` in the status bar; clicking it switches profile or regions. */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: { dispose(): void }[] = [];
  private updating = Promise.resolve();
  private archive: { readonly label: string; readonly detail: string } | undefined;

  constructor(
    private readonly prompter: Prompter,
    private readonly log: ComponentLogger,
  ) {
    this.item = vscode.window.createStatusBarItem('cloudtrailInvestigator.profile', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'CloudTrail profile and regions';
    this.item.command = CommandIds.switchProfileOrRegions;
    this.disposables.push(
      this.item,
      settings.onDidChange(['profile', 'regions'], () => {
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

  /** Shows opened trail logs instead of the profile (undefined: back to AWS); clicking then offers to go back. */
  showArchive(archive: { readonly label: string; readonly detail: string } | undefined): Promise<void> {
    this.archive = archive;
    return this.update();
  }

  private async render(): Promise<void> {
    if (this.archive) {
      this.item.text = `$(archive) ${this.archive.label}`;
      this.item.command = CommandIds.archiveMenu;
      this.item.tooltip = new vscode.MarkdownString(`**CloudTrail**: trail log files on disk\n\n${this.archive.detail}\n\nClick to go back to AWS event history or validate the files.`);
      this.item.accessibilityInformation = { label: `CloudTrail trail logs ${this.archive.label}. Click for options.` };
      return;
    }
    this.item.command = CommandIds.switchProfileOrRegions;
    const profile = settings.profile();
    const name = profile || defaultProfileName();
    const regions = settings.regions();
    // Without a regions setting the source searches the profile's region (or AWS_REGION): say which.
    const region = regions.length === 0 ? ((await resolveRegions(profile))[0] ?? FALLBACK_REGION) : FALLBACK_REGION;
    const where = describeRegions(regions, region);
    this.item.text = `$(cloud) ${name} @ ${where}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**CloudTrail**: profile \`${name}\`${profile ? '' : ' (default chain)'} in ${regions.length > 0 ? regions.join(', ') : `${region} (the profile's region)`}\n\nClick to switch profile or regions.`,
    );
    this.item.accessibilityInformation = { label: `CloudTrail profile ${name} at ${where}. Click to switch.` };
  }

  /** Asks whether to switch profile or regions, then runs that picker. */
  async switchProfileOrRegions(): Promise<void> {
    const choice = await this.prompter.pickOne(
      [
        { label: '$(account) Switch Profile…', description: settings.profile() || defaultProfileName() },
        { label: '$(globe) Choose Regions…', description: describeRegions(settings.regions(), 'profile region') },
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
      ...profiles.map((p) => ({ label: p.name, description: [describeKind(p), p.region, p.name === current ? 'current' : undefined].filter(Boolean).join(' · '), profile: p })),
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
