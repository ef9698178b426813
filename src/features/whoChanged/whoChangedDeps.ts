// What "Who changed this?" receives: the services and the parts of them it uses, passed explicitly
// from registerWhoChanged (no globals).
import type { ComponentLogger } from '../../host/logger';
import type { Prompter } from '../../host/prompter';
import type { QueryHistory } from '../../host/queryHistory';
import type { Services } from '../../host/services';

export interface WhoChangedDeps {
  readonly services: Services;
  readonly prompter: Prompter;
  readonly log: ComponentLogger;
  readonly history: QueryHistory;
  now(): number;
}
