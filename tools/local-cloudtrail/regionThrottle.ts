/** CloudTrail's LookupEvents limit emulated: N accepted requests per region per rolling second. */
export class RegionThrottle {
  private readonly accepted = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when the request may proceed (and is counted); false when it must be throttled. */
  tryAcquire(region: string, requestsPerSecond: number): boolean {
    if (requestsPerSecond <= 0) return true;
    const t = this.now();
    const recent = (this.accepted.get(region) ?? []).filter((at) => t - at < 1000);
    if (recent.length >= requestsPerSecond) {
      this.accepted.set(region, recent);
      return false;
    }
    recent.push(t);
    this.accepted.set(region, recent);
    return true;
  }
}
