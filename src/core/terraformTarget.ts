/**
 * What "Who changed this?" should look up for a cursor position in a Terraform (or any) file: the
 * ARN under the cursor, else a bare AWS id under it (`sg-…`, `rtb-…`, `i-…`), else the resource block
 * the cursor is anywhere inside (header, arguments, nested blocks, closing brace) or the block an
 * `import` block under the cursor points at — resolved with every identifier the files and the
 * state give (`core/terraformResolve.ts`). One pure entry point for the command, the hover, the
 * context key and the CodeLens.
 */
import { findArnAt, type ArnAtPosition } from './arnAtPosition';
import { findAwsIdAt, type AwsIdKind } from './awsIds';
import { findTopLevelBlocks, type TerraformBlock } from './terraformBlocks';
import { moduleFromHcl, resolveTerraformResource, type ResolveResourceOptions, type TerraformModule, type TerraformResourceResolution } from './terraformResolve';

/** A bare id under the cursor. */
export interface AwsIdTarget {
  readonly kind: 'id';
  readonly id: string;
  readonly idKind: AwsIdKind;
  /** Half-open character range on the line. */
  readonly start: number;
  readonly end: number;
  /** The region of the enclosing block (its provider's), when known. */
  readonly region?: string;
  /** The enclosing resource block, when the id is inside one. */
  readonly block?: TerraformBlock;
}

/** A resource block the cursor is inside (or that the `import` block under the cursor targets). */
export interface BlockTarget {
  readonly kind: 'block';
  readonly block: TerraformBlock;
  readonly resolution: TerraformResourceResolution;
}

/** What is at a position: an ARN (valid, interpolated or malformed), a bare id, a block, or nothing. */
export type TerraformTarget = ArnAtPosition | AwsIdTarget | BlockTarget | { readonly kind: 'none' };

/** The rest of the module (other `.tf` files of the directory) and the state, when the caller has them. */
export interface TargetContext extends ResolveResourceOptions {
  /** Other files of the same module, parsed (import and provider blocks often live in their own files). */
  readonly module?: TerraformModule;
  /** Parsed `terraform.tfstate` or `terraform show -json` output. */
  readonly state?: unknown;
  /** Look at resource blocks (false for JSON, YAML and plain text: only ARNs and ids count). Default true. */
  readonly terraform?: boolean;
}

function merge(a: TerraformModule, b: TerraformModule | undefined): TerraformModule {
  if (b === undefined) return a;
  return { blocks: [...a.blocks, ...b.blocks], imports: [...a.imports, ...b.imports], providers: [...a.providers, ...b.providers] };
}

/**
 * The target at (`line`, `character`), both 0-based, in `text`. Never throws. The ARN or id under
 * the cursor wins over the enclosing block (the user pointed at it); only `aws_*` blocks resolve.
 */
export function terraformTargetAt(text: string, line: number, character: number, context: TargetContext = {}): TerraformTarget {
  const lineText = text.split(/\r?\n/)[line] ?? '';
  const arn = findArnAt(lineText, character);
  if (arn !== undefined) return arn;
  const useBlocks = context.terraform !== false;
  const hcl = useBlocks ? findTopLevelBlocks(text) : [];
  const module = merge(moduleFromHcl(hcl), context.module);
  const own = module.blocks.filter((b) => hcl.some((h) => h.range.startLine === b.range.startLine));
  const enclosing = own.find((b) => line >= b.range.startLine && line <= b.range.endLine && b.type.startsWith('aws_'));
  const id = findAwsIdAt(lineText, character);
  if (id !== undefined) {
    const region = enclosing === undefined ? undefined : resolveTerraformResource(module, enclosing, context.state, context).region;
    return { kind: 'id', id: id.id, idKind: id.kind, start: id.start, end: id.end, ...(region !== undefined ? { region } : {}), ...(enclosing !== undefined ? { block: enclosing } : {}) };
  }
  if (!useBlocks) return { kind: 'none' };
  const imported = module.imports.find((i) => line >= i.range.startLine && line <= i.range.endLine && hcl.some((h) => h.keyword === 'import' && h.range.startLine === i.range.startLine));
  const block = enclosing ?? (imported === undefined ? undefined : module.blocks.find((b) => b.address === imported.to || imported.to.endsWith(`.${b.address}`)));
  if (!block?.type.startsWith('aws_')) return { kind: 'none' };
  return { kind: 'block', block, resolution: resolveTerraformResource(module, block, context.state, context) };
}

/**
 * True when a position has something to look up (an ARN, a bare id, or an `aws_*` block around it):
 * the cheap check behind the context menu's enablement. Equivalent to `terraformTargetAt(…).kind !== 'none'`
 * without resolving the block against state.
 */
export function hasTerraformTargetAt(text: string, line: number, character: number, terraform = true): boolean {
  const lineText = text.split(/\r?\n/)[line] ?? '';
  if (findArnAt(lineText, character) !== undefined || findAwsIdAt(lineText, character) !== undefined) return true;
  if (!terraform) return false;
  const hcl = findTopLevelBlocks(text);
  return hcl.some((b) => line >= b.range.startLine && line <= b.range.endLine && ((b.keyword === 'resource' || b.keyword === 'data') && (b.labels[0] ?? '').startsWith('aws_') || b.keyword === 'import'));
}
