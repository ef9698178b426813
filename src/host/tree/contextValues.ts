/**
 * `contextValue`s of tree items, matched by regex in package.json `when` clauses
 * (`viewItem =~ /^event/`, `viewItem =~ /:resource/`). Flags are appended as `:flag` suffixes.
 */
export const ContextValues = {
  group: 'group',
  event: 'event',
  loadMore: 'loadMore',
  messageError: 'message:error',
  messageInfo: 'message:info',
  messageWarning: 'message:warning',
  resultSet: 'resultSet',
} as const;

/** The flags an event item carries, so item menus show only the look-ups that make sense. */
export interface EventFlags {
  readonly failed: boolean;
  readonly hasResource: boolean;
  readonly hasAccessKey: boolean;
  readonly hasArn: boolean;
  readonly hasUserName: boolean;
}

/** `event` plus `:error`, `:resource`, `:accessKey`, `:arn`, `:user` as they apply. */
export function eventContextValue(flags: EventFlags): string {
  let value: string = ContextValues.event;
  if (flags.failed) value += ':error';
  if (flags.hasResource) value += ':resource';
  if (flags.hasAccessKey) value += ':accessKey';
  if (flags.hasArn) value += ':arn';
  if (flags.hasUserName) value += ':user';
  return value;
}
