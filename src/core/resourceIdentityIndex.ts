/**
 * Resource identities across a set of events: a union of every form a resource was seen in, so
 * that an event naming a web ACL only by its name lands in the same group as one naming it by its
 * ARN. Links come from each event (an ARN and the names inside it, a WAFv2 call's name/id/scope)
 * and, for resource families whose names are unique in an account and region (IAM, S3, WAFv2,
 * Lambda, RDS…), from the name itself. Security group names are not unique (per VPC), so they only
 * join within an event.
 */
import type { TrailEvent } from './model';
import { bestLabel, nameAliasKey, resourceIdentitiesOf, type ResourceIdentity } from './resourceIdentity';

/** The identities of a set of events, joined. */
export interface ResourceIdentityIndex {
  /** The joined identities of one event of the set (or, for other events, their own). */
  identitiesOf(event: TrailEvent): readonly ResourceIdentity[];
  /** Every joined identity, in no particular order. */
  all(): readonly ResourceIdentity[];
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(node: string): string {
    let root = node;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    let at = node;
    while (at !== root) {
      const next = this.parent.get(at) ?? root;
      this.parent.set(at, root);
      at = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller key becomes the root, so the result does not depend on the order of events.
    if (ra !== rb) {
      if (ra < rb) this.parent.set(rb, ra);
      else this.parent.set(ra, rb);
    }
  }
}

function preferredKey(a: string, b: string): string {
  const rank = (k: string): number => (k.startsWith('arn:') ? 0 : 1);
  return rank(a) !== rank(b) ? (rank(a) < rank(b) ? a : b) : a < b ? a : b;
}

/**
 * Joins the resource identities of `events`. Deterministic: the same set in any order gives the
 * same keys and labels. Each joined identity's key is its smallest canonical ARN (else its smallest
 * name key), its label the best name of every alias seen, its ARN one CloudTrail wrote when any.
 */
export function buildResourceIdentityIndex(events: readonly TrailEvent[]): ResourceIdentityIndex {
  const uf = new UnionFind();
  const perEvent = new Map<TrailEvent, ResourceIdentity[]>();
  for (const event of events) {
    const identities = resourceIdentitiesOf(event);
    perEvent.set(event, identities);
    for (const identity of identities) {
      uf.find(identity.key);
      for (const alias of identity.aliases) {
        const aliasKey = nameAliasKey(identity.family, alias, { region: event.region, ...(event.account !== undefined ? { account: event.account } : {}) });
        if (aliasKey !== undefined) uf.union(identity.key, aliasKey);
      }
    }
  }
  const merged = new Map<string, { key: string; family: string; type?: string; arns: string[]; aliases: string[] }>();
  for (const identities of perEvent.values()) {
    for (const identity of identities) {
      const root = uf.find(identity.key);
      let entry = merged.get(root);
      if (entry === undefined) {
        entry = { key: identity.key, family: identity.family, arns: [], aliases: [] };
        merged.set(root, entry);
      }
      entry.key = preferredKey(entry.key, identity.key);
      if (entry.type === undefined && identity.type !== undefined) entry.type = identity.type;
      if (identity.arn !== undefined && !entry.arns.includes(identity.arn)) entry.arns.push(identity.arn);
      for (const alias of identity.aliases) if (!entry.aliases.includes(alias)) entry.aliases.push(alias);
    }
  }
  const joined = new Map<string, ResourceIdentity>();
  for (const [root, entry] of merged) {
    const written = entry.arns.filter((a) => entry.aliases.includes(a)).sort().at(0) ?? [...entry.arns].sort().at(0);
    joined.set(root, {
      key: entry.key,
      family: entry.family,
      ...(written !== undefined ? { arn: written } : {}),
      aliases: entry.aliases,
      label: bestLabel(entry.aliases),
      ...(entry.type !== undefined ? { type: entry.type } : {}),
    });
  }
  return {
    identitiesOf(event) {
      const own = perEvent.get(event) ?? resourceIdentitiesOf(event);
      const out: ResourceIdentity[] = [];
      for (const identity of own) {
        const found = joined.get(uf.find(identity.key)) ?? identity;
        if (!out.some((o) => o.key === found.key)) out.push(found);
      }
      return out;
    },
    all: () => [...joined.values()],
  };
}
