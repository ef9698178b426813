// The events this session has shown in a panel (most recent last): what "Open as JSON" documents are
// read from and what "Compare with…" offers. Bounded so a long session does not keep every record.
import type { TrailEvent } from '../../core/model';

export class KnownEvents {
  private readonly events = new Map<string, TrailEvent>();

  constructor(private readonly capacity = 500) {}

  /** Remembers an event (again): it becomes the most recent. */
  add(event: TrailEvent): void {
    this.events.delete(event.id);
    this.events.set(event.id, event);
    while (this.events.size > this.capacity) {
      const oldest = this.events.keys().next();
      if (oldest.done === true) break;
      this.events.delete(oldest.value);
    }
  }

  get(id: string): TrailEvent | undefined {
    return this.events.get(id);
  }

  /** Most recent first. */
  list(): TrailEvent[] {
    return [...this.events.values()].reverse();
  }
}
