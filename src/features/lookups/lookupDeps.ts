// What every palette command receives: the services, the prompts, the query history, the Results
// store and the timeline panel. Passed explicitly from registerLookups (no globals).
import type { ComponentLogger } from '../../host/logger';
import type { Prompter } from '../../host/prompter';
import type { QueryHistory } from '../../host/queryHistory';
import type { Services } from '../../host/services';
import type { ResultsStore } from './results/resultsStore';
import type { TimelinePanel } from './timeline/timelinePanel';

export interface CommandDeps {
  readonly services: Services;
  readonly prompter: Prompter;
  readonly log: ComponentLogger;
  readonly history: QueryHistory;
  readonly results: ResultsStore;
  readonly timeline: TimelinePanel;
  now(): number;
}
