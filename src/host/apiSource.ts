import type { TrailEventSource } from '../core/query';
import type { EventSourceProvider } from './services';

/**
 * The default event source: the LookupEvents API for the profile, regions and endpoint in settings.
 * Built lazily on first use, so activation does no credential or network work.
 */
export function createApiSourceProvider(): EventSourceProvider {
  return (): Promise<TrailEventSource> => Promise.reject(new Error('The CloudTrail engine is not wired yet.'));
}
