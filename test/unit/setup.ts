import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Pin the time zone so relative and local time labels are deterministic in every run.
process.env.TZ = 'UTC';
// The CLI keeps its event store in the user's cache by default; a test run gets its own, so tests never
// read or write the developer's store (and a run never sees a previous run's index).
process.env.CLOUDTRAIL_INVESTIGATOR_STORE = join(mkdtempSync(join(tmpdir(), 'ct-unit-store-')), 'store.sqlite');
