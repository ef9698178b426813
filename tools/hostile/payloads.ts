// Hostile strings: everything a VS Code surface might interpret. Image and link URLs point at a
// listener the e2e tier starts (any request it receives means a surface loaded attacker content);
// the checked-in fixtures use PLACEHOLDER_LISTENER, the discard port, which nothing listens on.

/** The listener URL written into the checked-in fixtures. */
export const PLACEHOLDER_LISTENER = 'http://127.0.0.1:9/hostile';

/** A command that must never run: e2e watches for a new terminal. */
export const FORBIDDEN_COMMAND = 'workbench.action.terminal.new';

/** Size of the long strings, in characters. */
export const LONG_LENGTH = 100 * 1024;

/** Every hostile string by name. `listener` is the base URL of the e2e listener. */
export function hostileStrings(listener: string = PLACEHOLDER_LISTENER): Readonly<Record<string, string>> {
  const cmd = FORBIDDEN_COMMAND;
  return {
    commandLink: `[Open a terminal](command:${cmd})`,
    commandLinkWithArgs: `[run](command:${cmd}?%5B%22x%22%5D "Run it")`,
    commandLinkUpperCase: `[run](COMMAND:${cmd})`,
    commandAutolink: `<command:${cmd}>`,
    bareCommandUri: `command:${cmd}`,
    httpLink: `[docs](${listener}/link)`,
    bareUrl: `${listener}/bare`,
    wwwAutolink: 'www.example.com/hostile',
    emailAutolink: 'mallory@example.com',
    fileLink: '[passwd](file:///etc/passwd)',
    vscodeUri: '[open](vscode://file/etc/passwd)',
    markdownImage: `![pixel](${listener}/image.png)`,
    imageInCommandLink: `[![x](${listener}/nested.png)](command:${cmd})`,
    referenceLink: `[click][1]\n\n[1]: command:${cmd}`,
    htmlImage: `<img src="${listener}/html.png" onerror="alert(1)">`,
    htmlAnchor: `<a href="command:${cmd}">click</a>`,
    htmlScript: '<script>alert(1)</script><style>*{display:none}</style>',
    codicons: '$(check) verified $(sync~spin) $(alert)',
    escapedCodicon: '\\$(check) already escaped',
    codiconInLink: `[$(terminal) Terminal](command:${cmd})`,
    bidiOverride: 'invoice\u202Efdp.exe\u202C \u202Aa\u202Bb\u202Dc',
    bidiIsolate: '\u2066admin\u2069 \u2067x\u2068y\u2069',
    zeroWidth: 'ad\u200Bmin\u200C\u200D\uFEFF\u2060 soft\u00ADhyphen',
    controlChars: 'bell\u0007 nul\u0000 esc\u001B[31mred\u001B[0m del\u007F c1\u0085\u009B',
    newlines: 'line1\nline2\r\nline3\rline4\u2028line5\u2029line6',
    tagCharacters: 'visible\u{E0049}\u{E0047}\u{E004E}hidden',
    hangulFiller: 'x\u3164y\u115Fz',
    loneSurrogate: 'broken\uD800surrogate',
    emphasis: '**bold** __strong__ _it_ ~~gone~~ `code` ```fence```',
    blocks: '# Heading\n===\n---\n> quote\n1. list\n- item\n    indented code',
    table: '| a | b |\n|---|---|\n| c | d |',
    entities: '&lt;img src=x&gt; &#60;b&#62; &amp; &nbsp;',
    backslashes: 'C:\\dir\\$(x) \\[y](z) trailing\\',
    linkAcrossNotificationCap: `${'x'.repeat(990)}[run](command:${cmd})`,
    longText: 'A'.repeat(LONG_LENGTH),
    longLinks: `[x](command:${cmd}) `.repeat(Math.ceil(LONG_LENGTH / 40)).slice(0, LONG_LENGTH),
  };
}

/** The same strings, cycled: the `i`-th hostile string (for filling many fields deterministically). */
export function hostileAt(i: number, listener?: string): string {
  const values = Object.values(hostileStrings(listener));
  return values[i % values.length] ?? '';
}
