// What every palette command receives: the services, the views' live parts and the prompts, the
// query history and the timeline panel. Passed explicitly from registerCommands (no globals).
import type { Services } from '../host/services';
import type { ComponentLogger } from '../host/logger';
import type { ViewsHandle } from '../views/registerViews';
import type { Prompter } from '../views/prompter';
import type { QueryHistory } from './queryHistory';
import type { TimelinePanel } from './timelinePanel';
import type { LookupsProbe } from './lookupsProbe';

export interface CommandDeps {
  readonly services: Services;
  readonly views: ViewsHandle;
  /** The views' scriptable prompter, so integration tests answer the quick inputs. */
  readonly prompter: Prompter;
  readonly log: ComponentLogger;
  readonly history: QueryHistory;
  readonly timeline: TimelinePanel;
  /** What tests observe and steer (validation messages, cancellation, last answer). */
  readonly probe: LookupsProbe;
  now(): number;
}
