/** Errors an object store (S3) raises that callers handle per prefix rather than as a failure. */

/** 403 on a prefix or object: reported for that prefix; the rest is still read. */
export class ObjectAccessDenied extends Error {
  constructor(
    /** `bucket/key-or-prefix`. */
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(`Access denied to s3://${target} (the profile's policy or the bucket policy does not allow it)`, options);
    this.name = 'ObjectAccessDenied';
  }
}
