/** An Athena error response: `__type`, `Message` and the shape's own fields (`AthenaErrorCode`, `Reason`). */
export class AthenaServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly status = 400,
  ) {
    super(message);
  }
}
