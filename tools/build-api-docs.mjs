#!/usr/bin/env node
// Builds src/data/apiDocs.json, the compact API-documentation index read by src/core/apiDocs.ts, from
// the research data in ../shared/reference (see cloudtrail-facts.md §4):
//   eventsource-docs.json              curated eventSource → API reference URL pattern, SAR page
//   iam-actions-docs.json              IAM prefix → action → documentation URL (Service Authorization Reference)
//   service-authorization-pages.json   IAM prefix → Service Authorization Reference page
// Usage: node tools/build-api-docs.mjs [--reference DIR] [--out FILE]
// The output is deterministic (sorted keys) so re-running it on the same input gives no diff.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const referenceDir = option('--reference', resolve(root, '../shared/reference'));
const outFile = option('--out', resolve(root, 'src/data/apiDocs.json'));

const DOCS = 'https://docs.aws.amazon.com/';
const SAR = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
const SIGNIN_GUIDE = 'awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html';

const read = (name) => JSON.parse(readFileSync(resolve(referenceDir, name), 'utf8'));
const curated = read('eventsource-docs.json');
const actionsByPrefix = read('iam-actions-docs.json');
const sarPages = read('service-authorization-pages.json');

const relDocs = (url) => {
  if (!url.startsWith(DOCS)) throw new Error(`not a docs.aws.amazon.com URL: ${url}`);
  return url.slice(DOCS.length);
};
const relSar = (url) => {
  if (!url.startsWith(SAR)) throw new Error(`not a Service Authorization Reference URL: ${url}`);
  return url.slice(SAR.length);
};
const sorted = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// A per-action URL is worth keeping only when it documents that operation (an API_ page or, as in
// Glue's developer guide, an anchor named after it); user-guide pages about permissions are not.
const documentsOperation = (url, name) => url.includes(`API_${name}`) || url.includes(`_${name}.html`) || url.endsWith(`-${name}`);

const prefixToSar = new Map(Object.entries(sarPages));
const sarToPrefix = new Map(Object.entries(sarPages).map(([prefix, url]) => [url, prefix]));

const prefixes = {};
for (const [prefix, entry] of Object.entries(actionsByPrefix)) {
  const names = Object.keys(entry.actions).sort();
  // The dominant `…/API_{Op}.html` pattern among this prefix's actions.
  const counts = new Map();
  for (const name of names) {
    const url = entry.actions[name];
    if (url.endsWith(`/API_${name}.html`)) {
      const pattern = relDocs(url).slice(0, -`API_${name}.html`.length) + 'API_{Op}.html';
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    }
  }
  const pattern = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const urls = {};
  for (const name of names) {
    const url = entry.actions[name];
    if (!url.startsWith(DOCS) || !documentsOperation(url, name)) continue;
    const rel = relDocs(url);
    if (pattern !== undefined && rel === pattern.replace('{Op}', name)) continue;
    urls[name] = rel;
  }
  const sar = prefixToSar.get(prefix) ?? entry.sar;
  prefixes[prefix] = {
    sar: relSar(sar),
    ...(pattern !== undefined ? { api: pattern } : {}),
    // Space-separated to keep the file small; API Gateway's HTTP-verb actions are not event names.
    actions: names.filter((name) => !/^[A-Z]+$/.test(name)).join(' '),
    ...(Object.keys(urls).length > 0 ? { urls } : {}),
  };
}

const sources = {};
for (const row of curated) {
  const match = /^([a-z0-9.-]+\.amazonaws\.com)(?: \(v(\d), apiVersion ([\d-]+)\))?$/.exec(row.eventSource);
  if (!match) throw new Error(`unexpected eventSource row: ${row.eventSource}`);
  const [, eventSource, major, apiVersion] = match;
  const prefix = sarToPrefix.get(row.sar) ?? eventSource.replace(/\.amazonaws\.com$/, '');
  const api = row.apiRefPattern ? relDocs(row.apiRefPattern) : undefined;
  if (major === '1') {
    // ELB Classic shares its eventSource with ELBv2; kept as the legacy variant of that source.
    sources[eventSource] = { ...sources[eventSource], legacy: { apiVersion, api, sar: relSar(row.sar) } };
    continue;
  }
  sources[eventSource] = {
    ...sources[eventSource],
    prefix,
    sar: relSar(row.sar),
    ...(api !== undefined ? { api } : {}),
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(eventSource === 'signin.amazonaws.com' ? { guide: SIGNIN_GUIDE } : {}),
  };
}
for (const [source, entry] of Object.entries(sources)) {
  if (!entry.prefix) throw new Error(`${source} has no IAM prefix`);
}

const data = { version: 1, docs: DOCS, sarBase: SAR, sources: sorted(sources), prefixes: sorted(prefixes) };
const text = JSON.stringify(data);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text + '\n');
const actionCount = Object.values(prefixes).reduce((n, p) => n + (p.actions ? p.actions.split(' ').length : 0), 0);
console.log(
  `wrote ${outFile}: ${text.length} bytes, ${Object.keys(sources).length} curated event sources, ` +
    `${Object.keys(prefixes).length} IAM prefixes, ${actionCount} actions`,
);
