/**
 * Finds Terraform `resource` and `data` blocks in HCL text and their top-level attributes, split into
 * literal values (`bucket = "logs-prod"`) and expressions that only Terraform can evaluate
 * (`bucket = var.name`, `"arn:aws:s3:::${var.bucket}"`). A small scanner, not an HCL parser: it
 * understands strings with `${…}` templates, comments and heredocs well enough to match braces.
 */

/** Any top-level block of an HCL file: `resource "t" "n"`, `import`, `provider "aws"`, `locals`… */
export interface HclBlock {
  /** `resource`, `data`, `import`, `provider`, `module`, `locals`, `terraform`… */
  readonly keyword: string;
  /** The block's labels, unquoted: `["aws_s3_bucket", "logs"]`, `["aws"]`, `[]`. */
  readonly labels: readonly string[];
  /** 0-based lines of the header and of the closing brace. */
  readonly range: { readonly startLine: number; readonly endLine: number };
  /** Top-level attributes whose value is a plain string, number or boolean literal. */
  readonly literals: Readonly<Partial<Record<string, string>>>;
  /** Top-level attributes whose value is an expression or a template, with the expression text. */
  readonly interpolated: Readonly<Partial<Record<string, string>>>;
}

/** A `resource` or `data` block in a Terraform file. */
export interface TerraformBlock {
  readonly kind: 'resource' | 'data';
  /** Resource type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Local name, e.g. `logs`. */
  readonly name: string;
  /** `aws_s3_bucket.logs`, or `data.aws_iam_role.deploy` for data sources (no module prefix). */
  readonly address: string;
  /** 0-based lines of the header and of the closing brace. */
  readonly range: { readonly startLine: number; readonly endLine: number };
  /** Top-level attributes whose value is a plain string, number or boolean literal. */
  readonly literals: Readonly<Partial<Record<string, string>>>;
  /** Top-level attributes whose value is an expression or a template, with the expression text. */
  readonly interpolated: Readonly<Partial<Record<string, string>>>;
  /** Set when the block declares `count` or `for_each`: state then holds several instances. */
  readonly repeatedBy?: 'count' | 'for_each';
}

interface LineInfo {
  /** Brace depth in code at the start of the line. */
  depth: number;
  /** True when the line starts inside a string, a heredoc or a block comment. */
  continued: boolean;
}

interface ScanResult {
  readonly lines: readonly LineInfo[];
  /** For each line where a `}` brings depth from 1 to 0: that line. */
  readonly closings: readonly number[];
}

type Context = { kind: 'code'; braces: number } | { kind: 'string' } | { kind: 'heredoc'; marker: string } | { kind: 'comment' };

function scan(sourceLines: readonly string[]): ScanResult {
  const lines: LineInfo[] = [];
  const closings: number[] = [];
  // The outermost code context tracks block depth; nested code contexts are `${…}` templates.
  const stack: Context[] = [{ kind: 'code', braces: 0 }];
  const top = (): Context => stack[stack.length - 1] ?? { kind: 'code', braces: 0 };
  const outer = stack[0] as { kind: 'code'; braces: number };
  for (let lineNo = 0; lineNo < sourceLines.length; lineNo++) {
    const line = sourceLines[lineNo] ?? '';
    const context = top();
    lines.push({ depth: outer.braces, continued: stack.length > 1 || context.kind !== 'code' });
    if (context.kind === 'heredoc') {
      if (line.trim() === context.marker) stack.pop();
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line.charAt(i);
      const next = line.charAt(i + 1);
      const current = top();
      if (current.kind === 'comment') {
        if (ch === '*' && next === '/') {
          stack.pop();
          i++;
        }
        continue;
      }
      if (current.kind === 'string') {
        if (ch === '\\') i++;
        else if (ch === '$' && next === '$' && line.charAt(i + 2) === '{') i += 2;
        else if ((ch === '$' || ch === '%') && next === '{') {
          stack.push({ kind: 'code', braces: 0 });
          i++;
        } else if (ch === '"') stack.pop();
        continue;
      }
      if (current.kind !== 'code') continue;
      if (ch === '#' || (ch === '/' && next === '/')) break;
      if (ch === '/' && next === '*') {
        stack.push({ kind: 'comment' });
        i++;
      } else if (ch === '"') {
        stack.push({ kind: 'string' });
      } else if (ch === '<' && next === '<') {
        const heredoc = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line.slice(i));
        if (heredoc?.[1] !== undefined) {
          stack.push({ kind: 'heredoc', marker: heredoc[1] });
          break;
        }
      } else if (ch === '{') {
        current.braces++;
      } else if (ch === '}') {
        if (current !== outer && current.braces === 0) {
          stack.pop(); // end of a `${…}` template
        } else if (current.braces > 0) {
          current.braces--;
          if (current === outer && current.braces === 0) closings.push(lineNo);
        }
      }
    }
  }
  return { lines, closings };
}

const LABEL = String.raw`(?:"([^"\\]+)"|([A-Za-z_][A-Za-z0-9_-]*))`;
const HEADER = new RegExp(String.raw`^\s*([A-Za-z_][A-Za-z0-9_-]*)((?:\s+${LABEL})*)\s*\{`);
const ONE_LABEL = new RegExp(LABEL, 'g');
const ATTRIBUTE = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/;
const LITERAL_STRING = /^"((?:[^"\\$]|\\.|\$\$\{|\$(?!\{))*)"\s*(?:(?:#|\/\/).*)?$/;
const LITERAL_OTHER = /^(-?\d+(?:\.\d+)?|true|false)\s*(?:(?:#|\/\/).*)?$/;

function unescapeHcl(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

function stripTrailingComment(value: string): string {
  // Only for display: drop `# …` after an expression when it is clearly outside quotes.
  const hash = value.search(/\s(?:#|\/\/)[^"]*$/);
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

/** Every top-level block of the text, in order (headers inside strings, comments and heredocs are skipped). */
export function findTopLevelBlocks(text: string): HclBlock[] {
  const sourceLines = text.split(/\r?\n/);
  const { lines, closings } = scan(sourceLines);
  const blocks: HclBlock[] = [];
  let nextClosing = 0; // closings are in line order; blocks do not nest at depth 0
  for (let lineNo = 0; lineNo < sourceLines.length; lineNo++) {
    const info = lines[lineNo] as LineInfo | undefined;
    if (info?.depth !== 0 || info.continued) continue;
    const match = HEADER.exec(sourceLines[lineNo] ?? '');
    if (match === null) continue;
    const header = match as (string | undefined)[];
    const labels = [...(header[2] ?? '').matchAll(ONE_LABEL)].map((m) => (m as (string | undefined)[])[1] ?? (m as (string | undefined)[])[2] ?? '');
    while (nextClosing < closings.length && (closings[nextClosing] ?? 0) < lineNo) nextClosing++;
    const endLine = closings[nextClosing] ?? sourceLines.length - 1;
    const literals: Record<string, string> = {};
    const interpolated: Record<string, string> = {};
    for (let inner = lineNo + 1; inner < endLine; inner++) {
      const innerInfo = lines[inner] as LineInfo | undefined;
      if (innerInfo?.depth !== 1 || innerInfo.continued) continue;
      const attribute = ATTRIBUTE.exec(sourceLines[inner] ?? '');
      const key = attribute?.[1];
      const rawValue = attribute?.[2]?.trim();
      if (key === undefined || rawValue === undefined) continue;
      const literal = LITERAL_STRING.exec(rawValue);
      if (literal?.[1] !== undefined) {
        literals[key] = unescapeHcl(literal[1]);
      } else if (LITERAL_OTHER.test(rawValue)) {
        literals[key] = stripTrailingComment(rawValue);
      } else {
        interpolated[key] = stripTrailingComment(rawValue);
      }
    }
    blocks.push({ keyword: header[1] ?? '', labels, range: { startLine: lineNo, endLine }, literals, interpolated });
    lineNo = Math.max(lineNo, endLine - 1);
  }
  return blocks;
}

/** Every `resource` and `data` block in the text, in order. */
export function findTerraformBlocks(text: string): TerraformBlock[] {
  return toTerraformBlocks(findTopLevelBlocks(text));
}

/** The `resource` and `data` blocks among parsed top-level blocks. */
export function toTerraformBlocks(blocks: readonly HclBlock[]): TerraformBlock[] {
  const out: TerraformBlock[] = [];
  for (const block of blocks) {
    if ((block.keyword !== 'resource' && block.keyword !== 'data') || block.labels.length !== 2) continue;
    const [type = '', name = ''] = block.labels;
    const kind = block.keyword;
    const repeatedBy = block.interpolated.for_each !== undefined || block.literals.for_each !== undefined ? 'for_each' : block.interpolated.count !== undefined || block.literals.count !== undefined ? 'count' : undefined;
    out.push({
      kind,
      type,
      name,
      address: kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
      range: block.range,
      literals: block.literals,
      interpolated: block.interpolated,
      ...(repeatedBy !== undefined ? { repeatedBy } : {}),
    });
  }
  return out;
}

/**
 * The `resource`/`data` block containing `line` (0-based; the header line and the closing brace
 * count), or undefined when the line is outside every such block.
 */
export function findResourceBlockAt(text: string, line: number): TerraformBlock | undefined {
  return findTerraformBlocks(text).find((block) => line >= block.range.startLine && line <= block.range.endLine);
}
