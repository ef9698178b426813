// What a failed tier said about its failures, kept short, so the last screen of a CI log names the
// failing tests (a CI page often shows only the tail, after the later tiers' output).

/** Keeps the tail of a stream of text, at most `limit` characters. */
export class TextTail {
  private text = '';
  constructor(private readonly limit = 200_000) {}
  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }
  toString(): string { return this.text.slice(-this.limit); }
}

/**
 * The part of a mocha run's output that says what failed: from the last "N failing" line on (at most
 * `maxLines` lines), or, when there is none (a crash, a guard), the last `fallbackLines` lines.
 */
export function failureDigest(output: string, maxLines = 120, fallbackLines = 40): string {
  const lines = output.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*\d+ failing\b/.test(lines[i] ?? '')) { start = i; break; }
  }
  const picked = start >= 0 ? lines.slice(start, start + maxLines) : lines.slice(-fallbackLines);
  while (picked.length > 0 && (picked[picked.length - 1] ?? '').trim() === '') picked.pop();
  return picked.join('\n');
}

/**
 * One line per failed test from a mocha failure section: "1) suite › test: first line of the error",
 * at most `max` of them, so even a short tail of the log names every failure.
 */
export function failureHeadlines(digest: string, max = 12): string[] {
  const lines = digest.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const head = /^\s{0,4}(\d+)\) (.*)$/.exec(lines[i] ?? '');
    if (!head) continue;
    const title: string[] = [head[2]];
    let j = i + 1;
    while (j < lines.length && !(title[title.length - 1] ?? '').endsWith(':') && (lines[j] ?? '').trim() !== '') {
      title.push((lines[j] ?? '').trim());
      j++;
    }
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    const error = (lines[j] ?? '').trim().slice(0, 200);
    out.push(`${head[1]}) ${title.join(' › ').replace(/:$/, '')}: ${error}`);
    i = j;
  }
  return out;
}
