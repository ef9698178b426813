// `npm run demo`: the extension in a real workbench against a local CloudTrail-compatible endpoint
// with generated sample data — no AWS account needed. Ctrl-C stops everything it started.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { startLocalCloudTrail } from '../local-cloudtrail/server';
import { generateSampleRecords } from '../sample-data/generate';
import { assertPortFree, ensureCodeServer, freePort, startCodeServer, type CodeServer } from './codeServer';
import { fixtureWorkspace, repoRoot } from './paths';
import { onInterrupt, runToCompletion } from './processGroup';
import { DUMMY_CREDENTIALS } from './workbench';

const VSIX = path.join(repoRoot, 'dist-pkg', 'cloudtrail-investigator.vsix');

const DEFAULT_PORT = 8080;

/** The port asked for with `--port N` or DEMO_PORT, if any. */
function requestedPort(argv: readonly string[]): number | undefined {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? argv[index + 1] : process.env.DEMO_PORT;
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port: ${value}`);
  return port;
}

/**
 * A port asked for must be free (else the demo fails saying so: another server would answer there);
 * without one, 8080 when it is free, else any free port.
 */
async function choosePort(requested: number | undefined): Promise<number> {
  if (requested !== undefined) return assertPortFree(requested);
  try {
    return await assertPortFree(DEFAULT_PORT);
  } catch {
    const port = await freePort();
    console.log(`[demo] port ${DEFAULT_PORT} is in use by another program: using ${port}`);
    return port;
  }
}

async function main(): Promise<void> {
  let port: number;
  try {
    port = await choosePort(requestedPort(process.argv.slice(2)));
  } catch (err) {
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
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
    const codeServer = await ensureCodeServer();
    server = await startCodeServer({
      codeServer,
      name: 'demo',
      port,
      workspace: fixtureWorkspace,
      vsix: VSIX,
      // Dummy keys sign requests to the local endpoint; the user's real profiles stay out of the demo.
      env: { ...DUMMY_CREDENTIALS, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' },
      // Machine-scoped: in code-server's remote window a User value is dropped at the first settings write.
      machineSettings: { 'cloudtrailInvestigator.endpoint': endpoint.url },
      settings: {
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
