// What VS Code does with a string on each surface, re-stated from its source so unit tests can ask
// "would this become a link / an icon / an image?" without a workbench (the e2e tier asks the real one).
//
// - Notifications: src/vs/workbench/common/notifications.ts (NotificationViewItem.parseNotificationMessage:
//   cut at 1000 characters, line breaks to spaces) and src/vs/base/common/linkedText.ts (parseLinkedText:
//   `[label](target)` for http(s)://, command: and file: targets, case-insensitive), opened by
//   notificationsViewer.ts with `allowCommands: true`. Input-box messages use the same parser
//   (quickInputUtils.ts renderQuickInputDescription) and render codicons in the text between links.
// - Codicons: src/vs/base/browser/ui/iconLabel/iconLabels.ts (renderLabelWithIcons): `$(name)` or
//   `$(name~modifier)` with name [A-Za-z0-9-]+ and modifier [A-Za-z]+; a preceding backslash shows the text.
// - Markdown: src/vs/base/browser/markdownRenderer.ts renders with marked (GFM defaults), drops raw HTML
//   when supportHtml is off, keeps http(s)/mailto/file links and http(s)/data/file images.
// marked is an ES module with a CommonJS build; this CommonJS test file loads the latter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { marked } = require('marked') as { marked: { parse(src: string, options: { async: false; gfm: boolean }): string } };

const NOTIFICATION_MAX = 1000;
const LINK = /\[[^\]]+\]\(((?:https?:\/\/|command:|file:)[^)\s]+)/gi;

/** The link targets VS Code would make clickable in a notification (or input-box) message. */
export function notificationLinks(message: string): string[] {
  let text = message.length > NOTIFICATION_MAX ? `${message.slice(0, NOTIFICATION_MAX)}...` : message;
  text = text.replace(/\r\n|\n|\r/g, ' ').trim();
  return [...text.matchAll(LINK)].map((m) => m[1]);
}

const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** The codicons VS Code would draw in a label, and the text it would show around them. */
export function renderIcons(label: string): { icons: string[]; shown: string } {
  const icons: string[] = [];
  const shown = label.replace(ICON, (_m, escaped: string | undefined, name: string) => {
    if (escaped !== undefined) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { icons, shown };
}

/** marked's HTML for a Markdown string, as VS Code's hover renderer produces it (GFM on). */
export function renderMarkdownHtml(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true });
}

/** The element names in HTML, lower-case. */
export function tagNames(html: string): string[] {
  return [...html.matchAll(/<\s*([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1].toLowerCase());
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', nbsp: '\u00A0' };

/** The text a reader sees in simple HTML (paragraphs and line breaks only). */
export function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/g, '\n')
    .replace(/<\/p>\s*<p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name] ?? m;
    })
    .replace(/\n$/, '');
}
