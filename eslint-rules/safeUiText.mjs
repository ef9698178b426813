// @ts-check
// trust/safe-ui-text: text given to a VS Code surface that interprets it (links, codicons, Markdown)
// must be a literal, numbers, or a value escaped for that surface by src/core/safeText.ts (its
// `SafeText<'surface'>` brand). Sinks are found through the type checker: a call, `new`, property
// or object-literal member whose declaration is in @types/vscode, e.g. `window.showErrorMessage`,
// `QuickPickItem.label`, `StatusBarItem.tooltip`, `MarkdownString.appendMarkdown`.
import ts from 'typescript';

const HELPERS = {
  notification: 'notificationText() or safeMessage``',
  quickPick: 'quickPickText() or safeQuickPick``',
  statusBar: 'statusBarText() or safeStatusBar``',
  plain: 'plainText() or safePlain``',
  title: 'titleText() or safeTitle``',
  progress: 'progressText() or safeProgress``',
  inputMessage: 'inputMessageText() or safeInputMessage``',
  markdown: 'markdownText() or safeMarkdown``',
};

/** Calls and constructors: declaration key → [argument index, accepted surfaces][] */
const CALLS = new Map([
  ['window.showInformationMessage', [[0, ['notification']]]],
  ['window.showWarningMessage', [[0, ['notification']]]],
  ['window.showErrorMessage', [[0, ['notification']]]],
  ['window.setStatusBarMessage', [[0, ['statusBar']]]],
  ['window.createWebviewPanel', [[1, ['title', 'plain']]]],
  ['window.showQuickPick', [[0, ['quickPick']]]],
  ['MarkdownString.constructor', [[0, ['markdown']]]],
  ['MarkdownString.appendMarkdown', [[0, ['markdown']]]],
  ['TreeItem.constructor', [[0, ['plain']]]],
  ['Hover.constructor', [[0, ['markdown']]]],
]);

/** Properties (assigned, initialised in a subclass, or set in an object literal): key → accepted surfaces. */
const PROPERTIES = new Map([
  ['QuickPickItem.label', ['quickPick']],
  ['QuickPickItem.description', ['quickPick']],
  ['QuickPickItem.detail', ['quickPick']],
  ['StatusBarItem.text', ['statusBar']],
  ['StatusBarItem.tooltip', ['plain']],
  ['TreeItem.label', ['plain']],
  ['TreeItem.description', ['plain']],
  ['TreeItem.tooltip', ['plain']],
  ['TreeItemLabel.label', ['plain']],
  ['TreeView.message', ['plain']],
  ['TreeView.title', ['plain', 'title']],
  ['TreeView.description', ['plain']],
  ['WebviewPanel.title', ['title', 'plain']],
  ['ProgressOptions.title', ['progress']],
  ['withProgress.message', ['progress']],
  ['InputBoxOptions.prompt', ['inputMessage']],
  ['InputBox.prompt', ['inputMessage']],
  ['InputBox.validationMessage', ['inputMessage']],
  ['InputBoxOptions.title', ['quickPick', 'plain']],
  ['QuickPickOptions.title', ['quickPick', 'plain']],
  ['QuickInput.title', ['quickPick', 'plain']],
  ['InputBoxOptions.placeHolder', ['plain', 'quickPick']],
  ['QuickPickOptions.placeHolder', ['plain', 'quickPick']],
  ['QuickPick.placeholder', ['plain', 'quickPick']],
  ['InputBox.placeholder', ['plain', 'quickPick']],
  ['MessageOptions.detail', ['plain']],
  ['MarkdownString.value', ['markdown']],
]);

const OWNER_KINDS = new Set([
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
]);

/** `Owner.member` for a declaration in the VS Code API, else undefined. */
function apiKey(decl) {
  if (decl === undefined || !/[\\/]@types[\\/]vscode[\\/]/.test(decl.getSourceFile().fileName)) return undefined;
  const member = ts.isConstructorDeclaration(decl) ? 'constructor' : decl.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  if (member === undefined) return undefined;
  for (let node = decl.parent; node !== undefined; node = node.parent) {
    if (OWNER_KINDS.has(node.kind) && node.name && ts.isIdentifier(node.name)) return `${node.name.text}.${member}`;
  }
  return undefined;
}

function symbolKeys(symbol) {
  return (symbol?.declarations ?? []).map(apiKey).filter((k) => k !== undefined);
}

const BRAND = '__safeFor';
const ALWAYS_SAFE = ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never;

/** @returns {readonly string[] | undefined} the surfaces of a SafeText brand on `type` */
function brandOf(checker, type) {
  const prop = type.getProperty(BRAND);
  if (prop === undefined) return undefined;
  const brandType = checker.getTypeOfSymbol(prop);
  const parts = brandType.isUnion() ? brandType.types : [brandType];
  return parts.map((t) => (t.isStringLiteral() ? t.value : '?'));
}

function typeSafe(checker, type, accepted, depth = 0) {
  if (depth > 4) return false;
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((t) => {
    if (t.flags & ALWAYS_SAFE) return true;
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping)) return false;
    if (t.isIntersection()) {
      const brand = brandOf(checker, t);
      if (brand !== undefined) return brand.every((s) => accepted.includes(s));
      return !t.types.some((m) => m.flags & ts.TypeFlags.StringLike);
    }
    if (t.flags & ts.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(t);
      return constraint !== undefined && typeSafe(checker, constraint, accepted, depth + 1);
    }
    if (checker.isArrayType(t) || checker.isTupleType(t)) return checker.getTypeArguments(t).every((e) => typeSafe(checker, e, accepted, depth + 1));
    return (t.flags & ts.TypeFlags.Object) !== 0; // MarkdownString, TreeItemLabel, QuickPickItem…: checked where they are built
  });
}

/** @param {import('estree').Node} node */
function unwrap(node) {
  let current = node;
  while (current.type === 'TSNonNullExpression' || current.type === 'ChainExpression' || current.type === 'TSSatisfiesExpression') current = current.expression;
  return current;
}

function concatSafe(checker, map, node) {
  const n = unwrap(node);
  if (n.type === 'Literal') return true;
  if (n.type === 'TemplateLiteral') return n.expressions.every((e) => concatSafe(checker, map, e));
  if (n.type === 'BinaryExpression' && n.operator === '+') return concatSafe(checker, map, n.left) && concatSafe(checker, map, n.right);
  if (n.type === 'ConditionalExpression') return concatSafe(checker, map, n.consequent) && concatSafe(checker, map, n.alternate);
  return typeSafe(checker, checker.getTypeAtLocation(map.get(n)), []);
}

function exprSafe(checker, map, node, accepted) {
  const n = unwrap(node);
  if (n.type === 'Literal') return true;
  if (n.type === 'TemplateLiteral' || (n.type === 'BinaryExpression' && n.operator === '+')) return concatSafe(checker, map, n);
  if (n.type === 'ConditionalExpression') return exprSafe(checker, map, n.consequent, accepted) && exprSafe(checker, map, n.alternate, accepted);
  if (n.type === 'LogicalExpression') return exprSafe(checker, map, n.left, accepted) && exprSafe(checker, map, n.right, accepted);
  if (n.type === 'ArrayExpression') return n.elements.every((e) => e === null || e.type === 'SpreadElement' || exprSafe(checker, map, e, accepted));
  return typeSafe(checker, checker.getTypeAtLocation(map.get(n)), accepted);
}

/** @type {import('eslint').Rule.RuleModule} */
export const safeUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'Text shown on a VS Code surface that interprets it must be escaped with src/core/safeText.ts' },
    schema: [],
    messages: {
      unsafe: '{{sink}} gets text not escaped for it: use {{helper}} from core/safeText, or a literal.',
      appendText: 'MarkdownString.appendText leaves autolinks, raw HTML and entities live: use appendMarkdown(markdownText(…)).',
      trust: 'MarkdownString.isTrusted must be false or the isTrusted of a SafeMarkdown (core/safeMarkdown commandLink).',
      html: 'MarkdownString.supportHtml must stay false for content that can hold untrusted text.',
      cast: 'A cast to SafeText bypasses escaping: build the value with core/safeText instead.',
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = services.program.getTypeChecker();
    const map = services.esTreeNodeToTSNodeMap;
    const file = context.filename.replace(/\\/g, '/');
    const isSafeTextModule = /src\/core\/safe(Text|Markdown)\.ts$/.test(file);

    function report(node, sink, accepted) {
      context.report({ node, messageId: 'unsafe', data: { sink, helper: accepted.map((s) => HELPERS[s]).filter(Boolean).slice(0, 1).join(' / ') || 'the safe-text helpers' } });
    }

    function checkProperty(key, valueNode) {
      if (key === 'MarkdownString.isTrusted') {
        const v = unwrap(valueNode);
        const type = checker.getTypeAtLocation(map.get(v));
        const parts = type.isUnion() ? type.types : [type];
        const ok = parts.every((t) => (t.flags & ts.TypeFlags.BooleanLiteral && checker.typeToString(t) === 'false') || (t.flags & ts.TypeFlags.Undefined) || brandOf(checker, t)?.includes('markdownTrust'));
        if (!ok) context.report({ node: valueNode, messageId: 'trust' });
        return;
      }
      if (key === 'MarkdownString.supportHtml') {
        const v = unwrap(valueNode);
        if (!(v.type === 'Literal' && v.value === false)) context.report({ node: valueNode, messageId: 'html' });
        return;
      }
      const accepted = PROPERTIES.get(key);
      if (accepted !== undefined && !exprSafe(checker, map, valueNode, accepted)) report(valueNode, key, accepted);
    }

    /** Types an object literal ends up as, found by climbing to a declared type (the parameter of the call it is passed to, a typed variable). */
    function declaredTargets(objectNode) {
      let child = objectNode;
      for (let depth = 0; depth < 12; depth++) {
        const parent = child.parent;
        if (parent === undefined || parent === null) return [];
        switch (parent.type) {
          case 'ArrayExpression':
          case 'SpreadElement':
          case 'ConditionalExpression':
          case 'LogicalExpression':
          case 'TSAsExpression':
          case 'TSSatisfiesExpression':
          case 'AwaitExpression':
            child = parent;
            continue;
          case 'ArrowFunctionExpression':
          case 'FunctionExpression':
          case 'ReturnStatement':
          case 'BlockStatement': {
            const fn = parent.type === 'ArrowFunctionExpression' || parent.type === 'FunctionExpression' ? parent : undefined;
            if (fn === undefined) {
              child = parent;
              continue;
            }
            if (fn.returnType) return [checker.getTypeFromTypeNode(map.get(fn.returnType.typeAnnotation))];
            const call = fn.parent;
            // `xs.map((x) => ({ label }))`: the literal becomes an element of the call's result.
            if (call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier' && ['map', 'flatMap'].includes(call.callee.property.name)) {
              child = call;
              continue;
            }
            return [];
          }
          case 'CallExpression':
          case 'NewExpression': {
            const index = parent.arguments.indexOf(child);
            if (index < 0) return [];
            const declaration = checker.getResolvedSignature(map.get(parent))?.getDeclaration();
            const param = declaration?.parameters?.[Math.min(index, declaration.parameters.length - 1)];
            return param?.type ? [checker.getTypeFromTypeNode(param.type)] : [];
          }
          case 'VariableDeclarator':
            return parent.id.typeAnnotation ? [checker.getTypeFromTypeNode(map.get(parent.id.typeAnnotation.typeAnnotation))] : [];
          default:
            return [];
        }
      }
      return [];
    }

    /** The object types a target type stands for: arrays unwrapped, type parameters by their constraint. */
    function objectTypes(type, depth = 0) {
      if (depth > 6) return [];
      if (type.isUnion() || type.isIntersection()) return [type, ...type.types.flatMap((t) => objectTypes(t, depth + 1))];
      if (type.flags & ts.TypeFlags.TypeParameter) {
        const constraint = checker.getBaseConstraintOfType(type);
        return constraint ? objectTypes(constraint, depth + 1) : [];
      }
      if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type).flatMap((t) => objectTypes(t, depth + 1));
      return [type];
    }

    function contextualKeys(objectNode, name) {
      const contextual = checker.getContextualType(map.get(objectNode));
      const types = [...(contextual ? [contextual] : []), ...declaredTargets(objectNode)].flatMap((t) => objectTypes(t));
      return types.flatMap((t) => symbolKeys(checker.getPropertyOfType(t, name)));
    }

    function checkCall(node) {
      const signature = checker.getResolvedSignature(map.get(node));
      const key = apiKey(signature?.getDeclaration());
      if (key === undefined) return;
      if (key === 'MarkdownString.appendText') {
        const arg = node.arguments[0];
        if (arg !== undefined && !concatSafe(checker, map, arg)) context.report({ node: arg, messageId: 'appendText' });
        return;
      }
      for (const [index, accepted] of CALLS.get(key) ?? []) {
        const arg = node.arguments[index];
        if (arg !== undefined && arg.type !== 'SpreadElement' && !exprSafe(checker, map, arg, accepted)) report(arg, key, accepted);
      }
    }

    return {
      CallExpression: checkCall,
      NewExpression: checkCall,
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression') return;
        const tsNode = map.get(node.left);
        const name = ts.isPropertyAccessExpression(tsNode) ? tsNode.name : undefined;
        for (const key of new Set(symbolKeys(name && checker.getSymbolAtLocation(name)))) checkProperty(key, node.right);
      },
      Property(node) {
        if (node.parent.type !== 'ObjectExpression' || node.computed || node.kind !== 'init') return;
        const name = node.key.type === 'Identifier' ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : undefined;
        if (name === undefined) return;
        for (const key of new Set(contextualKeys(node.parent, name))) checkProperty(key, node.value);
      },
      PropertyDefinition(node) {
        if (node.value === null || node.computed || node.key.type !== 'Identifier') return;
        const classNode = map.get(node.parent.parent);
        const classType = checker.getTypeAtLocation(classNode);
        const keys = checker.getBaseTypes(/** @type {any} */ (classType)).flatMap((base) => symbolKeys(checker.getPropertyOfType(base, node.key.name)));
        for (const key of new Set(keys)) checkProperty(key, node.value);
      },
      TSAsExpression(node) {
        if (isSafeTextModule) return;
        const target = checker.getTypeFromTypeNode(map.get(node.typeAnnotation));
        if (brandOf(checker, target) !== undefined) context.report({ node, messageId: 'cast' });
      },
    };
  },
};
