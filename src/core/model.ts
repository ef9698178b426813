/**
 * The one event model every ring shares. Sources (the LookupEvents API, trail log files, exports)
 * yield raw records; `core/event.ts` normalizes them into {@link TrailEvent}; views, panels and
 * commands only ever read this shape. Plain data only (no class instances, Dates or Maps) so an
 * event can cross `postMessage` and be stored in webview state unchanged.
 */

/** Who made a call, derived from `userIdentity` (see `core/principal.ts`). */
export interface Principal {
  /** Stable grouping key, e.g. the IAM user ARN or the role ARN of an assumed-role session. */
  readonly key: string;
  /** Short human label, e.g. `alice` or `deploy-role`. */
  readonly label: string;
  /** `userIdentity.type` as written in the record, or `Missing` when there is no `userIdentity`. */
  readonly type: string;
  /** Which session of the principal (role session name, access key, credential id), when known. */
  readonly sessionKey?: string;
  readonly sessionLabel?: string;
  readonly accountId?: string;
  /** The caller ARN as written in the record (`userIdentity.arn`). */
  readonly arn?: string;
  readonly accessKeyId?: string;
  /** `sessionContext.attributes.mfaAuthenticated` (or `additionalEventData.MFAUsed` for sign-ins). */
  readonly mfaAuthenticated?: boolean;
  /** For AssumedRole/FederatedUser: the ARN of the session issuer. */
  readonly sessionIssuerArn?: string;
  readonly invokedBy?: string;
  readonly userName?: string;
}

/** The AWS service that received the call, derived from `eventSource`. */
export interface ServiceInfo {
  /** The raw event source, e.g. `ec2.amazonaws.com`. */
  readonly source: string;
  /** Short stable key, e.g. `ec2`, `monitoring`, `signin`. */
  readonly key: string;
  /** Display name, e.g. `EC2`, `CloudWatch`, `Console sign-in`. */
  readonly label: string;
}

/** A resource the event touched, from the record's `resources` or LookupEvents' `Resources`. */
export interface EventResource {
  /** `AWS::Service::Type`, when known. */
  readonly type?: string;
  /** The ARN when one was given. */
  readonly arn?: string;
  /** The name or id as CloudTrail indexed it (LookupEvents `ResourceName`), or the ARN. */
  readonly name: string;
  readonly accountId?: string;
}

/** A normalized CloudTrail event. */
export interface TrailEvent {
  /** `eventID`; events are de-duplicated by it everywhere. */
  readonly id: string;
  /** `eventTime` as epoch milliseconds (UTC). */
  readonly time: number;
  /** `eventName` (for Insights events, the insight's event name). */
  readonly name: string;
  readonly service: ServiceInfo;
  readonly region: string;
  /** `recipientAccountId`, else the caller's account. */
  readonly account?: string;
  readonly principal: Principal;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** `readOnly`; undefined when the record does not say. */
  readonly readOnly?: boolean;
  readonly managementEvent?: boolean;
  /** `eventCategory`: Management, Data, Insight, NetworkActivity… */
  readonly category?: string;
  /** `eventType`: AwsApiCall, AwsServiceEvent, AwsConsoleSignIn… */
  readonly eventType?: string;
  /** Empty strings are normalized to undefined. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestId?: string;
  readonly eventVersion?: string;
  readonly vpcEndpointId?: string;
  readonly resources: readonly EventResource[];
  /** The raw record (parsed `CloudTrailEvent` JSON or the trail file's `Records[]` item). */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * True when the source held only a summary (the console's CSV export): fields left undefined are
   * unknown rather than absent, the principal has no identity type, and `raw` is the CSV row.
   */
  readonly partial?: boolean;
}

/** One record that could not be understood; never fatal for the batch. */
export interface NormalizeError {
  /** What is wrong, in words a person can act on. */
  readonly error: string;
  /** Position of the record in its batch or file, when known. */
  readonly index?: number;
}

/** The result of normalizing one record. */
export type NormalizeResult = { readonly ok: true; readonly event: TrailEvent } | { readonly ok: false; readonly error: NormalizeError };
