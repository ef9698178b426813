/**
 * A bound on S3 requests in flight shared by the listing and the downloads of one query, which run
 * at the same time (downloads start while later day folders are still listed): together they never
 * have more than `limit` requests out.
 */
export class RequestSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    this.free = Math.max(1, limit);
  }

  /** Waits for a free slot; the returned function gives it back (once). Rejects when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const release = (): (() => void) => {
      let given = false;
      return () => {
        if (given) return;
        given = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.free++;
      };
    };
    if (signal?.aborted === true) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release());
    }
    return new Promise((resolve, reject) => {
      const take = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release());
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
      };
      this.waiting.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
