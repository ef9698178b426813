// `npm run demo`: the extension in a real workbench against a local CloudTrail-compatible endpoint
// with generated sample data — no AWS account needed. Ctrl-C stops everything it started.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { startLocalCloudTrail } from '../local-cloudtrail/server';
import { generateSampleRecords } from '../sample-data/generate';
import { ensureCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { fixtureWorkspace, repoRoot } from './paths';
import { onInterrupt, runToCompletion } from './processGroup';
import { DUMMY_CREDENTIALS } from './workbench';

const VSIX = path.join(repoRoot, 'dist-pkg', 'cloudtrail-investigator.vsix');

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? argv[index + 1] : process.env.DEMO_PORT;
  const port = Number(value ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${String(value)}`);
  return port;
}

async function main(): Promise<void> {
  const port = portArgument(process.argv.slice(2));
  const { records, story } = generateSampleRecords({ now: Date.now() });
  const endpoint = await startLocalCloudTrail({ records });
  // Ctrl-C: the registry stops code-server's process group (registered by startCodeServer), then this.
  onInterrupt(() => endpoint.close());
  let server: CodeServer | undefined;
  const shutdown = async (code: number): Promise<never> => {
    await server?.stop();
    await endpoint.close();
    process.exit(code);
  };
  try {
    console.log(`[demo] local CloudTrail endpoint with ${records.length} sample records: ${endpoint.url}`);
    console.log('[demo] packaging the extension …');
    mkdirSync(path.dirname(VSIX), { recursive: true });
    await runToCompletion('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    const bin = await ensureCodeServer();
    server = await startCodeServer({
      bin,
      name: 'demo',
      port,
      workspace: fixtureWorkspace,
      vsix: VSIX,
      // Dummy keys sign requests to the local endpoint; the user's real profiles stay out of the demo.
      env: { ...DUMMY_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' },
      settings: {
        'cloudtrailInvestigator.endpoint': endpoint.url,
        'cloudtrailInvestigator.regions': ['us-east-1', 'eu-west-1', 'us-west-2'],
        'cloudtrailInvestigator.lookbackHours': 24 * 7,
      },
    });
  } catch (err) {
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
    return shutdown(1);
  }
  // Registered last, so it runs first on Ctrl-C.
  const state = { interrupted: false };
  onInterrupt(() => { state.interrupted = true; return Promise.resolve(); });
  console.log(`
  CloudTrail Investigator demo is running.

    Open ${server.url}/?folder=${encodeURIComponent(fixtureWorkspace)}
    then click the CloudTrail icon in the activity bar.

  The sample account tells a story: failed console logins for ${story.iamUserName} from ${story.attackerIp},
  then a new admin user, a security group opened to the world, a deleted database and logging stopped
  (around ${new Date(story.incidentTime).toISOString()}). The Terraform files in the workspace name the
  same resources: right-click an ARN to ask who changed it.

  Server log: ${server.logFile}
  Press Ctrl-C to stop.
`);
  const exit = await server.process.exited;
  if (state.interrupted) return; // Ctrl-C: the interrupt handler is finishing the job
  console.error(`[demo] code-server exited unexpectedly (${String(exit)}); see ${server.logFile}`);
  await shutdown(1);
}

void main();
