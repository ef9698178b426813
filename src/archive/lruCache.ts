/**
 * A small least-recently-used map: the archive keeps the last few files' events this way. Entries
 * may have a weight (e.g. bytes); the cache then also holds at most `maxWeight` in total.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxWeight = Infinity,
  ) {}

  /** Returns the value and marks it most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  /** Stores a value, evicting the least recently used entries while over capacity or weight. */
  set(key: K, value: V, weight = 0): void {
    this.delete(key);
    if (weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    while (this.entries.size > this.capacity || this.total > this.maxWeight) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }

  private delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.total -= entry.weight;
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sum of the weights held. */
  get weight(): number {
    return this.total;
  }
}
