// The documents "Who changed this?" works in: Terraform (by language id or by file extension, since
// the Terraform extension may be absent), JSON, YAML and plain text.
import * as path from 'node:path';
import type * as vscode from 'vscode';

const LANGUAGES = new Set(['terraform', 'terraform-vars', 'hcl', 'json', 'jsonc', 'yaml', 'plaintext', 'cloudformation', 'markdown']);
const TERRAFORM_EXTENSIONS = new Set(['.tf', '.tfvars', '.hcl']);
const OTHER_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template', '.txt', '.log']);

/** Language selectors for the hover provider (the extensions cover files without a Terraform language). */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  ...[...LANGUAGES].map((language) => ({ language })),
  { pattern: '**/*.{tf,tfvars,hcl}' },
];

/** True for a Terraform file, by language id or extension. */
export function isTerraformDocument(doc: Pick<vscode.TextDocument, 'languageId' | 'fileName'>): boolean {
  return doc.languageId === 'terraform' || doc.languageId === 'terraform-vars' || doc.languageId === 'hcl' || TERRAFORM_EXTENSIONS.has(path.extname(doc.fileName).toLowerCase());
}

/** True when the command and hover apply to the document. */
export function isSupportedDocument(doc: Pick<vscode.TextDocument, 'languageId' | 'fileName'>): boolean {
  return LANGUAGES.has(doc.languageId) || isTerraformDocument(doc) || OTHER_EXTENSIONS.has(path.extname(doc.fileName).toLowerCase());
}
