/**
 * Every command id the extension registers. package.json's `contributes.commands` must match
 * (checked by test/unit/manifest.test.ts); register commands only through these constants.
 */
export const CommandIds = {
  showLogs: 'cloudtrailInvestigator.showLogs',
  // Event panel (src/webview)
  showEventDetails: 'cloudtrailInvestigator.showEventDetails',
  openRawEventJson: 'cloudtrailInvestigator.openRawEventJson',
  compareEvents: 'cloudtrailInvestigator.compareEvents',
  // Events and Results views (src/views)
  eventsRefresh: 'cloudtrailInvestigator.events.refresh',
  eventsCancel: 'cloudtrailInvestigator.events.cancel',
  eventsLoadMore: 'cloudtrailInvestigator.events.loadMore',
  eventsSetTimeWindow: 'cloudtrailInvestigator.events.setTimeWindow',
  eventsFilter: 'cloudtrailInvestigator.events.filter',
  eventsClearFilter: 'cloudtrailInvestigator.events.clearFilter',
  eventsShowErrorsOnly: 'cloudtrailInvestigator.events.showErrorsOnly',
  eventsShowAllResults: 'cloudtrailInvestigator.events.showAllResults',
  eventsIncludeReadOnly: 'cloudtrailInvestigator.events.includeReadOnly',
  eventsExcludeReadOnly: 'cloudtrailInvestigator.events.excludeReadOnly',
  groupByService: 'cloudtrailInvestigator.events.groupBy.service',
  groupByPrincipal: 'cloudtrailInvestigator.events.groupBy.principal',
  groupByResource: 'cloudtrailInvestigator.events.groupBy.resource',
  groupByRegion: 'cloudtrailInvestigator.events.groupBy.region',
  copyEventId: 'cloudtrailInvestigator.copyEventId',
  copyEventArn: 'cloudtrailInvestigator.copyEventArn',
  copyEventJson: 'cloudtrailInvestigator.copyEventJson',
  lookupByPrincipal: 'cloudtrailInvestigator.lookupByPrincipal',
  lookupByResource: 'cloudtrailInvestigator.lookupByResource',
  lookupByAccessKey: 'cloudtrailInvestigator.lookupByAccessKey',
  runSsoLogin: 'cloudtrailInvestigator.runSsoLogin',
  selectProfile: 'cloudtrailInvestigator.selectProfile',
  selectRegions: 'cloudtrailInvestigator.selectRegions',
  switchProfileOrRegions: 'cloudtrailInvestigator.switchProfileOrRegions',
  resultsClose: 'cloudtrailInvestigator.results.close',
  resultsClear: 'cloudtrailInvestigator.results.clear',
  resultsLoadMore: 'cloudtrailInvestigator.results.loadMore',
  showMoreInGroup: 'cloudtrailInvestigator.showMoreInGroup',
  // Palette lookups, investigations and "Who changed this?" (src/commands, src/editor)
  lookupEvents: 'cloudtrailInvestigator.lookupEvents',
  investigate: 'cloudtrailInvestigator.investigate',
  investigateAroundTime: 'cloudtrailInvestigator.investigate.aroundTime',
  investigateResource: 'cloudtrailInvestigator.investigate.resource',
  investigatePrincipal: 'cloudtrailInvestigator.investigate.principal',
  investigateAccessKey: 'cloudtrailInvestigator.investigate.accessKey',
  investigateConsoleSignIns: 'cloudtrailInvestigator.investigate.consoleSignIns',
  investigateIamChanges: 'cloudtrailInvestigator.investigate.iamChanges',
  investigateRootActivity: 'cloudtrailInvestigator.investigate.rootActivity',
  investigateDestructiveActions: 'cloudtrailInvestigator.investigate.destructiveActions',
  investigateAccessDenied: 'cloudtrailInvestigator.investigate.accessDenied',
  investigateLoggingTampering: 'cloudtrailInvestigator.investigate.loggingTampering',
  rerunQuery: 'cloudtrailInvestigator.rerunQuery',
  resultsExportJson: 'cloudtrailInvestigator.results.exportJson',
  resultsExportCsv: 'cloudtrailInvestigator.results.exportCsv',
  resultsShowTimeline: 'cloudtrailInvestigator.results.showTimeline',
  whoChanged: 'cloudtrailInvestigator.whoChanged',
  // Trail archives: log files on disk as the event source (src/commands/registerArchiveCommands.ts)
  openTrailLogs: 'cloudtrailInvestigator.openTrailLogs',
  backToAws: 'cloudtrailInvestigator.backToAws',
  validateTrailLogs: 'cloudtrailInvestigator.validateTrailLogs',
  showTrailLogProblems: 'cloudtrailInvestigator.showTrailLogProblems',
  /** Internal: the status-bar menu shown while trail logs are the source. */
  archiveMenu: '_cloudtrailInvestigator.archiveMenu',
  /** Internal: runs a query and shows it in the Results view; argument `RunLookupArgs` (src/core/query.ts). */
  runLookup: '_cloudtrailInvestigator.runLookup',
  /** Internal: adds a result set to the Results view; argument `NewResultSet`, returns its id. */
  showResults: '_cloudtrailInvestigator.showResults',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
