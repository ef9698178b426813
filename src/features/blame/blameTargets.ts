// The resources to blame in a Terraform file or state: every `resource "aws_*"` block of the file
// (or every managed aws_* instance of a state file) with the identifiers and region the block, the
// module's other files, its import block and the state give. Pure (no vscode): unit-tested.
import { subResourceEventNames } from '../../core/subResourceEvents';
import { parseResourceAddress, listStateInstances } from '../../core/terraformState';
import { findTopLevelBlocks, type TerraformBlock } from '../../core/terraformBlocks';
import { moduleFromHcl, parseTerraformModule, referencedAddresses, resolveTerraformResource, type TerraformModule } from '../../core/terraformResolve';

/** One resource to look up: what the CodeLens sits on and what CloudTrail indexes it under. */
export interface BlameTarget {
  /** `aws_security_group.web` (module prefix included for state-file resources). */
  readonly address: string;
  /** The Terraform type, `aws_s3_bucket_policy`: a sub-resource takes only its own events (core/subResourceEvents). */
  readonly type: string;
  /** 0-based header line of the block in its file (0 for state-file resources). */
  readonly line: number;
  /** ResourceName values, most likely first. */
  readonly candidates: readonly string[];
  /** The region its events are recorded in, when the files say. */
  readonly region?: string;
}

/** A block that could not be identified, and why. */
export interface UnresolvedBlock {
  readonly address: string;
  readonly line: number;
  readonly message: string;
}

/** The targets of one file, and the blocks that had no identifier. */
export interface FileTargets {
  readonly targets: readonly BlameTarget[];
  readonly unresolved: readonly UnresolvedBlock[];
}

function merge(a: TerraformModule, b: TerraformModule | undefined): TerraformModule {
  return b === undefined ? a : { blocks: [...a.blocks, ...b.blocks], imports: [...a.imports, ...b.imports], providers: [...a.providers, ...b.providers] };
}

function targetOf(module: TerraformModule, block: TerraformBlock, state: unknown, anyModule: boolean): BlameTarget | UnresolvedBlock {
  const r = resolveTerraformResource(module, block, state, { anyModule });
  if (r.candidates.length === 0) return { address: block.address, line: block.range.startLine, message: r.messages.join(' ') || `${block.address} has no identifier.` };
  return { address: block.address, type: block.type, line: block.range.startLine, candidates: r.candidates, ...(r.region !== undefined ? { region: r.region } : {}) };
}

/** Line ranges (0-based, inclusive), e.g. an editor's visible ranges. */
export interface LineRange {
  readonly startLine: number;
  readonly endLine: number;
}

/**
 * A file's `resource "aws_*"` blocks, parsed once and resolved on demand (each block once), so the
 * blocks on screen can be resolved and looked up before the rest of the file is resolved.
 */
export interface FileTargetPlan {
  /** The blocks whose range meets one of `ranges`, resolved. */
  within(ranges: readonly LineRange[]): FileTargets;
  /** Every block, resolved (those resolved before are reused), in file order. */
  all(): FileTargets;
}

/** Parses `text` (once) for {@link FileTargetPlan}; resolution against the module and state is lazy. */
export function planFileTargets(text: string, context: { readonly module?: TerraformModule; readonly state?: unknown } = {}): FileTargetPlan {
  const own = moduleFromHcl(findTopLevelBlocks(text));
  const module = merge(own, context.module);
  const blocks = own.blocks.filter((b) => b.kind === 'resource' && b.type.startsWith('aws_'));
  const resolved = new Map<TerraformBlock, BlameTarget | UnresolvedBlock>();
  const resolve = (block: TerraformBlock): BlameTarget | UnresolvedBlock => {
    let t = resolved.get(block);
    if (t === undefined) {
      t = targetOf(module, block, context.state, true);
      resolved.set(block, t);
    }
    return t;
  };
  const split = (chosen: readonly TerraformBlock[]): FileTargets => {
    const targets: BlameTarget[] = [];
    const unresolved: UnresolvedBlock[] = [];
    for (const t of chosen.map(resolve)) {
      if ('candidates' in t) targets.push(t);
      else unresolved.push(t);
    }
    return { targets, unresolved };
  };
  return {
    within: (ranges) => split(blocks.filter((b) => ranges.some((r) => b.range.startLine <= r.endLine && b.range.endLine >= r.startLine))),
    all: () => split(blocks),
  };
}

/** Lines parsed past the visible ones before the rest of the file, so the blocks on screen close. */
const PREFIX_MARGIN = 80;

/**
 * The targets of the blocks within `ranges`, from the top of the file down to just past them only
 * (parsing a long file costs more than the first lookup): a block is kept only when nothing later
 * in the file can change what it resolves to (no `provider "aws"` block and no mention of its
 * address or of the blocks it refers to further down). Used to start the first lookups early; the
 * lenses use {@link planFileTargets}, which agrees on every block kept here.
 */
export function prefixTargets(text: string, ranges: readonly LineRange[], context: { readonly module?: TerraformModule; readonly state?: unknown } = {}): readonly BlameTarget[] {
  const last = Math.max(...ranges.map((r) => r.endLine));
  if (ranges.length === 0 || !Number.isFinite(last)) return [];
  let offset = 0;
  for (let line = 0; line <= last + PREFIX_MARGIN && offset !== -1; line++) offset = text.indexOf('\n', offset + (line === 0 ? 0 : 1));
  if (offset === -1) return planFileTargets(text, context).within(ranges).targets;
  const rest = text.slice(offset);
  if (/provider\s+"aws"/.test(rest)) return [];
  const own = moduleFromHcl(findTopLevelBlocks(text.slice(0, offset)));
  const module = merge(own, context.module);
  const settled = (address: string): boolean => !rest.includes(address);
  const out: BlameTarget[] = [];
  for (const block of own.blocks) {
    if (block.kind !== 'resource' || !block.type.startsWith('aws_') || block.range.endLine >= last + PREFIX_MARGIN) continue;
    if (!ranges.some((r) => block.range.startLine <= r.endLine && block.range.endLine >= r.startLine)) continue;
    const refs = referencedAddresses(Object.values(block.interpolated).join(' '));
    if (!settled(block.address) || !refs.every((ref) => settled(ref) && module.blocks.some((b) => b.address === ref))) continue;
    const t = targetOf(module, block, context.state, true);
    if ('candidates' in t) out.push(t);
  }
  return out;
}

/** Every `resource "aws_*"` block of `text`, resolved against the rest of the module and the state. */
export function fileTargets(text: string, context: { readonly module?: TerraformModule; readonly state?: unknown } = {}): FileTargets {
  return planFileTargets(text, context).all();
}

/** Every managed `aws_*` resource of a state (`terraform.tfstate` or `terraform show -json`), one target per resource address. */
export function stateTargets(state: unknown, module: TerraformModule = parseTerraformModule([])): FileTargets | { readonly error: string } {
  const all = listStateInstances(state);
  if (!all.ok) return { error: all.reason };
  const seen = new Set<string>();
  const targets: BlameTarget[] = [];
  const unresolved: UnresolvedBlock[] = [];
  for (const instance of all.instances) {
    const parsed = parseResourceAddress(instance.address);
    if (parsed?.mode !== 'managed' || !parsed.type.startsWith('aws_')) continue;
    const address = `${parsed.module === '' ? '' : `${parsed.module}.`}${parsed.type}.${parsed.name}`;
    if (seen.has(address)) continue;
    seen.add(address);
    const fromFiles = module.blocks.find((b) => b.kind === 'resource' && b.type === parsed.type && b.name === parsed.name);
    const block: TerraformBlock = fromFiles ?? { kind: 'resource', type: parsed.type, name: parsed.name, address: `${parsed.type}.${parsed.name}`, range: { startLine: 0, endLine: 0 }, literals: {}, interpolated: {} };
    const resolved = targetOf(module, { ...block, address: parsed.module === '' ? block.address : address }, state, false);
    if ('candidates' in resolved) targets.push({ ...resolved, address });
    else unresolved.push({ ...resolved, address });
  }
  return { targets, unresolved };
}

/**
 * The cache key of a target: its identifiers, region and, for a sub-resource, its type (two blocks
 * naming the same resource share it; a bucket and its policy, looked up by the same identifiers, do not).
 */
export function targetKey(target: Pick<BlameTarget, 'candidates' | 'region'> & { readonly type?: string }): string {
  const own = target.type !== undefined && subResourceEventNames(target.type) !== undefined ? target.type : '';
  return JSON.stringify([target.candidates, target.region ?? '', ...(own !== '' ? [own] : [])]);
}

/**
 * The visible blocks first, then the whole file: `onResolved` gets the targets within `ranges` (and
 * starts their lookups); the event loop then turns so those requests go out before the whole file is
 * resolved, a synchronous job that would otherwise hold them back by its own duration.
 */
export async function visibleThenAll(
  text: string,
  ranges: readonly LineRange[],
  onResolved: (targets: readonly BlameTarget[]) => void,
  context: { readonly module?: TerraformModule; readonly state?: unknown } = {},
): Promise<FileTargets> {
  if (ranges.length > 0) {
    onResolved(prefixTargets(text, ranges, context));
    // Two turns: the lookups' first await, then their sockets' connect and write.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return planFileTargets(text, context).all();
}
