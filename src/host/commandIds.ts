/**
 * Every command id the extension registers. package.json's `contributes.commands` must match
 * (checked by test/unit/manifest.test.ts); register commands only through these constants.
 */
export const CommandIds = {
  showLogs: 'cloudtrailInvestigator.showLogs',
  // Event panel (features/eventPanel)
  showEventDetails: 'cloudtrailInvestigator.showEventDetails',
  openRawEventJson: 'cloudtrailInvestigator.openRawEventJson',
  compareEvents: 'cloudtrailInvestigator.compareEvents',
  // Events view and item commands (features/events), profile (features/profile), Results view (features/lookups)
  eventsRefresh: 'cloudtrailInvestigator.events.refresh',
  eventsCancel: 'cloudtrailInvestigator.events.cancel',
  eventsLoadMore: 'cloudtrailInvestigator.events.loadMore',
  eventsRetry: 'cloudtrailInvestigator.events.retry',
  eventsSetTimeWindow: 'cloudtrailInvestigator.events.setTimeWindow',
  eventsFilter: 'cloudtrailInvestigator.events.filter',
  eventsClearFilter: 'cloudtrailInvestigator.events.clearFilter',
  eventsShowErrorsOnly: 'cloudtrailInvestigator.events.showErrorsOnly',
  eventsShowAllResults: 'cloudtrailInvestigator.events.showAllResults',
  eventsToggleOutsideIac: 'cloudtrailInvestigator.events.toggleOutsideIac',
  eventsToggleVerifiedOnly: 'cloudtrailInvestigator.events.toggleVerifiedOnly',
  eventsIncludeReadOnly: 'cloudtrailInvestigator.events.includeReadOnly',
  eventsExcludeReadOnly: 'cloudtrailInvestigator.events.excludeReadOnly',
  groupByService: 'cloudtrailInvestigator.events.groupBy.service',
  groupByPrincipal: 'cloudtrailInvestigator.events.groupBy.principal',
  groupByResource: 'cloudtrailInvestigator.events.groupBy.resource',
  groupByRegion: 'cloudtrailInvestigator.events.groupBy.region',
  groupByChannel: 'cloudtrailInvestigator.events.groupBy.channel',
  groupByHuman: 'cloudtrailInvestigator.events.groupBy.human',
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
  resultsRetry: 'cloudtrailInvestigator.results.retry',
  showMoreInGroup: 'cloudtrailInvestigator.showMoreInGroup',
  // Palette lookups and investigations (features/lookups), "Who changed this?" (features/whoChanged)
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
  resultsExportAnnotatedJson: 'cloudtrailInvestigator.results.exportAnnotatedJson',
  resultsShowTimeline: 'cloudtrailInvestigator.results.showTimeline',
  whoChanged: 'cloudtrailInvestigator.whoChanged',
  // Cloud blame CodeLens/hover and the drift suspects view (features/blame)
  blameToggle: 'cloudtrailInvestigator.blame.toggle',
  blameRefresh: 'cloudtrailInvestigator.blame.refresh',
  driftScan: 'cloudtrailInvestigator.drift.scan',
  driftCancel: 'cloudtrailInvestigator.drift.cancel',
  driftExportCsv: 'cloudtrailInvestigator.drift.exportCsv',
  // Trail archives: log files on disk as the event source (features/archives)
  openTrailLogs: 'cloudtrailInvestigator.openTrailLogs',
  backToAws: 'cloudtrailInvestigator.backToAws',
  validateTrailLogs: 'cloudtrailInvestigator.validateTrailLogs',
  exportEvidence: 'cloudtrailInvestigator.exportEvidence',
  showTrailLogProblems: 'cloudtrailInvestigator.showTrailLogProblems',
  // Trail buckets read from S3, and the store they share (features/bucket)
  openTrailBucket: 'cloudtrailInvestigator.openTrailBucket',
  clearTrailCache: 'cloudtrailInvestigator.clearTrailCache',
  // Athena over the trail bucket as the event source (features/athena)
  athenaConnect: 'cloudtrailInvestigator.athena.connect',
  athenaCreateTable: 'cloudtrailInvestigator.athena.createTable',
  athenaRunSql: 'cloudtrailInvestigator.athena.runSql',
  athenaCancel: 'cloudtrailInvestigator.athena.cancel',
  athenaDisconnect: 'cloudtrailInvestigator.athena.disconnect',
  /** Internal: the Athena status-bar item's menu while no query runs. */
  athenaMenu: '_cloudtrailInvestigator.athena.menu',
  /** Internal: the status-bar menu shown while trail logs are the source. */
  archiveMenu: '_cloudtrailInvestigator.archiveMenu',
  /** Internal: runs a query and shows it in the Results view; argument `RunLookupArgs` (src/core/query.ts). */
  runLookup: '_cloudtrailInvestigator.runLookup',
  /**
   * Internal: adds a result set to the Results view and shows its timeline; arguments `NewResultSet`
   * (host/resultSets.ts) and an optional headline for the panel; returns the set's id.
   */
  showResults: '_cloudtrailInvestigator.showResults',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
