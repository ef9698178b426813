/**
 * Deterministic sample CloudTrail data: the same (now, seed) always gives the same records.
 * Stories (see story.ts for their identifiers and times) plus ordinary background activity.
 */
import { buildAttackStory } from './attackStory';
import { buildBackground } from './background';
import { buildCast } from './cast';
import { buildChainStory } from './chainStory';
import { buildDriftStory } from './driftStory';
import { SeededRandom } from './random';
import { buildRouteStory } from './routeStory';
import { buildStory, type SampleStory } from './story';
import { buildWafStory } from './wafStory';

export type { SampleStory } from './story';

/** Regions used for background activity unless told otherwise. */
export const DEFAULT_SAMPLE_REGIONS: readonly string[] = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];

export interface SampleOptions {
  /** Epoch ms; every record is at or before it, and within the 90 days before it. */
  now: number;
  /** Default 1. */
  seed?: number;
  /** Ordinary events besides the stories; default 4000. */
  backgroundEvents?: number;
  /** Regions for the background; the stories always use us-east-1, eu-west-1 and us-west-2. */
  regions?: readonly string[];
}

/** Records in time order (oldest first, like a trail file), and the story to find them again. */
export function generateSampleRecords(options: SampleOptions): { records: Record<string, unknown>[]; story: SampleStory } {
  const rand = new SeededRandom(options.seed ?? 1);
  const story = buildStory(options.now);
  const cast = buildCast(story);
  const records = [
    ...buildAttackStory(rand, story, cast),
    ...buildWafStory(rand, story, cast),
    ...buildRouteStory(rand, story, cast),
    ...buildDriftStory(rand, story, cast),
    ...buildChainStory(rand, story, cast),
    ...buildBackground(rand, options.now, options.backgroundEvents ?? 4000, options.regions ?? DEFAULT_SAMPLE_REGIONS, cast),
  ];
  records.sort((a, b) => {
    const ta = a.eventTime as string;
    const tb = b.eventTime as string;
    return ta < tb ? -1 : ta > tb ? 1 : (a.eventID as string) < (b.eventID as string) ? -1 : 1;
  });
  return { records, story };
}
