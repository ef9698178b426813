/**
 * `node dist/cli.js export-evidence PATH… --keys KEYS.json --out DIR|FILE.zip`: validates the trail
 * files under PATH, selects events (all in the time range, or `--event-id`s), and writes an
 * evidence bundle a third party can re-verify with AWS's documented procedure (see its README.txt).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createArchiveEventSource } from '../archive/archiveEventSource';
import { integrityHeadline } from '../archive/digest/reportContent';
import { integrityMark } from '../core/provenance';
import { validateArchiveSource } from '../archive/digest/validateArchive';
import { planEvidence } from '../archive/evidence/planEvidence';
import { writeEvidenceFolder } from '../archive/evidence/writeEvidence';
import { zipFolder } from '../archive/evidence/zipFolder';
import { digestInputsOrReport } from './digestInputs';
import { VALIDATE_EXIT } from './validateDigestsCommand';

const USAGE = `usage: cli export-evidence PATH… --keys KEYS.json --out DIR|FILE.zip [--event-id ID]…
                          [--start ISO] [--end ISO] [--max N] [--signatures SIGS.json]
  Validates the trail files under PATH (as validate-digests does), then writes the chosen events,
  the log and digest files they come from, the public keys, the report and a SHA-256 manifest.
  --out: a new or empty folder, or a path ending in .zip.
exit codes, once the bundle is written, for the events in it:
  0  every event comes from a verified log file
  1  some event comes from an altered or unverified file (the bundle marks which)
  3  the others are verified, some are not yet covered by a digest
  2  bad usage, or nothing was written`;

/** Runs `export-evidence`; resolves with the exit code. */
export async function exportEvidenceCommand(args: readonly string[], err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { keys: { type: 'string' }, out: { type: 'string' }, 'event-id': { type: 'string', multiple: true }, start: { type: 'string' }, end: { type: 'string' }, max: { type: 'string' }, signatures: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return VALIDATE_EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    err(USAGE);
    return 0;
  }
  const start = values.start === undefined ? 0 : Date.parse(values.start);
  const end = values.end === undefined ? Date.now() + 86_400_000 : Date.parse(values.end);
  const max = values.max === undefined ? 10_000 : Number(values.max);
  if (positionals.length === 0 || values.keys === undefined || values.out === undefined || Number.isNaN(start) || Number.isNaN(end) || !Number.isInteger(max) || max < 1) {
    err(USAGE);
    return VALIDATE_EXIT.usage;
  }
  const inputs = await digestInputsOrReport(values.keys, values.signatures, err);
  if (inputs === undefined) return VALIDATE_EXIT.usage;
  const source = await createArchiveEventSource(positionals);
  const report = await validateArchiveSource(source, { keys: inputs.keys, ...(inputs.signatures ? { signatures: inputs.signatures } : {}) });
  const ids = values['event-id'];
  const result = await source.query({ regions: [], filters: [], start, end, includeReadOnly: true, maxEvents: ids ? Number.MAX_SAFE_INTEGER : max });
  const wanted = ids ? new Set(ids) : undefined;
  const events = wanted ? result.events.filter((e) => wanted.has(e.id)) : result.events;
  const generatedAt = Date.now();
  const title = ids ? `events ${ids.join(', ')}` : `events from ${new Date(start).toISOString()} to ${new Date(end).toISOString()}`;
  const plan = planEvidence({ events, report, keys: inputs.keys, title, context: { where: positionals.join(', '), keysFrom: `keys file ${values.keys}`, keys: inputs.keys, keyProblems: inputs.problems, generatedAt } });
  const zip = values.out.toLowerCase().endsWith('.zip');
  const folder = zip ? await mkdtemp(join(tmpdir(), 'ct-evidence-')) : values.out;
  try {
    await writeEvidenceFolder(plan, folder);
    if (zip) await zipFolder(folder, values.out);
  } catch (e) {
    err(e instanceof Error ? e.message : String(e));
    return VALIDATE_EXIT.usage;
  } finally {
    if (zip) await rm(folder, { recursive: true, force: true });
  }
  if (wanted && events.length < wanted.size) err(`${wanted.size - events.length} of the event ids asked for were not found`);
  err(integrityHeadline(report));
  err(JSON.stringify({ out: values.out, verdict: report.verdict, ...plan.counts }));
  const marks = events.map((e) => integrityMark(e, source.integrity()));
  if (marks.some((m) => m !== 'verified' && m !== 'notYetCovered')) return VALIDATE_EXIT.failed;
  return marks.includes('notYetCovered') ? VALIDATE_EXIT.notYetCovered : VALIDATE_EXIT.verified;
}
