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

/** Which part of a record said the call failed (see `core/outcome.ts`). */
export type FailureSignal = 'errorCode' | 'responseElements' | 'serviceEventDetails' | 'errorMessage' | 'additionalEventData';

/** Why an event counts as a failed call: computed once, at normalisation, by `core/outcome.ts`. */
export interface EventFailure {
  readonly signal: FailureSignal;
  /** `errorCode` when there is one (or `HTTP 403` from a status), else absent. */
  readonly code?: string;
  /** One line for lists, labels and exports: the error code, else the message, else `ConsoleLogin: Failure`. */
  readonly summary: string;
  /** `errorMessage`, flattened to one line and cut, when the record has one. */
  readonly message?: string;
}

/** How a change was made (see `core/changeChannel.ts`). */
export type ChangeChannelKind = 'terraform' | 'crossplane' | 'pulumi' | 'cloudformation' | 'cdk' | 'console' | 'cli' | 'sdk' | 'awsService' | 'unknown';

/** An event's change channel, computed once at normalisation by `core/changeChannel.ts`. */
export interface ChangeChannel {
  readonly kind: ChangeChannelKind;
  /** For people: `Terraform`, `AWS console`, `SDK (Python)`, `AWS service`. */
  readonly label: string;
  /** The tool's version, the SDK language, the service (`Terraform 1.9.5 · aws provider 5.70.0`, `autoscaling.amazonaws.com`). */
  readonly detail?: string;
  /** True for infrastructure as code: Terraform, Crossplane, Pulumi, CloudFormation, CDK. */
  readonly iac: boolean;
  /** Which signal decided (`userAgent`, `invokedBy`, `sessionCredentialFromConsole`…), for tooltips. */
  readonly signal: string;
}

/** How the person or workload behind a call was found (see `core/human.ts`). */
export type HumanHow = 'iam-user' | 'root' | 'sso' | 'identity-center' | 'source-identity' | 'session-name' | 'saml' | 'web-identity' | 'federated' | 'sign-in' | 'aws-service' | 'role' | 'unknown';

/** What kind of caller a human is. */
export type HumanKind = 'person' | 'workload' | 'service' | 'unknown';

/** The person (or workload) behind a call: from the record at normalisation, or through a role chain. */
export interface Human {
  /** Stable grouping key: the same person across sessions, roles and sign-ins where the records allow. */
  readonly key: string;
  /** `alice`, `jane.doe@example.com`, `repo:acme/orders-infra:ref:refs/heads/main`, `lambda.amazonaws.com`. */
  readonly name: string;
  readonly kind: HumanKind;
  /** How the name was found (SSO session, sourceIdentity, role chain's first hop…). */
  readonly how: HumanHow;
  /** The role or permission set the call was made through, when that is not the human itself. */
  readonly via?: string;
  /** True when `via` is a role (labels say "via role deploy"), false/absent for a permission set or issuer. */
  readonly viaRole?: boolean;
  /** The web identity provider of a federated session whose subject the record does not name. */
  readonly federatedProvider?: string;
  /** For people: `alice (via role deploy, SSO)`. */
  readonly label: string;
}

/** The file and record an archive event was read from (its integrity: `core/provenance.ts`). */
export interface EventOrigin {
  /** The file as the source knows it: a local path (or an `s3://bucket/key` URI for a bucket source). */
  readonly file: string;
  /**
   * The S3 object key from `AWSLogs/` on, as digests list it, when the file sits in the `AWSLogs/`
   * layout; undefined for flat folders and exports (no digest can vouch for those).
   */
  readonly key?: string;
  /** Position of the record in the file, counted from 0 (`Records[recordIndex]`; CSV data row). */
  readonly recordIndex: number;
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
  /**
   * Present when the call failed, from every signal the record carries (errorCode, errorMessage,
   * `responseElements.ConsoleLogin: "Failure"`, …). Read it through `isFailed`/`failureOf` in
   * `core/outcome.ts`, which also cover events built without normalisation.
   */
  readonly failure?: EventFailure;
  /**
   * How the call was made (Terraform, console, CLI, AWS service…), computed at normalisation. Read
   * it through `changeChannelOf` in `core/changeChannel.ts`, which covers events built elsewhere.
   */
  readonly channel?: ChangeChannel;
  /**
   * The human behind the call as far as this record alone says (SSO session, sourceIdentity, email
   * session name…). Role chains need the other events: use `resolveHumans` in `core/humanIndex.ts`.
   */
  readonly human?: Human;
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
  /** For events read from a file (trail archives): which file and record (see `core/provenance.ts`). */
  readonly origin?: EventOrigin;
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
