import { parseSync } from 'oxc-parser';

/** How a module names another one. */
export type ModuleReferenceKind =
  | 'import'
  | 'export'
  | 'dynamic-import'
  | 'import-type'
  | 'declare-module'
  | 'reference-types'
  | 'reference-path';

/**
 * One module specifier found in an emitted file.
 * @internal
 */
export interface ModuleReference {
  specifier: string;
  kind: ModuleReferenceKind;
  /** Erased at run time: `import type`, `import('x').T`, references. */
  typeOnly: boolean;
}

/**
 * What a packaging rule needs to know about one emitted `.js` or `.d.ts`.
 * @internal
 */
export interface ModuleScan {
  references: ModuleReference[];
  /** A top-level `await` makes `require(esm)` throw. */
  topLevelAwait: boolean;
}

type AstNode = { type: string; [key: string]: unknown };

const FUNCTION_NODES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
]);
const REFERENCE_DIRECTIVE =
  /^\/\s*<reference\s+(types|path)\s*=\s*["']([^"']+)["']/;

/**
 * Parses an emitted file with a real parser (oxc), so specifiers quoted in
 * JSDoc examples or strings are never mistaken for imports.
 * @throws {Error} when the file does not parse.
 * @internal
 */
export function scanModule(fileName: string, source: string): ModuleScan {
  const result = parseSync(fileName, source, { sourceType: 'module' });
  if (result.errors.length > 0) {
    const messages = result.errors.map((error) => error.message).join('; ');
    throw new Error(`${fileName} does not parse: ${messages}`);
  }
  const references = [
    ...recordReferences(result.module),
    ...directiveReferences(result.comments),
  ];
  const state = { topLevelAwait: false };
  visit(result.program as unknown as AstNode, true, references, state);
  return { references, topLevelAwait: state.topLevelAwait };
}

function recordReferences(
  record: ReturnType<typeof parseSync>['module'],
): ModuleReference[] {
  const found: ModuleReference[] = [];
  for (const entry of record.staticImports) {
    const typeOnly =
      entry.entries.length > 0 && entry.entries.every((e) => e.isType);
    found.push({
      specifier: entry.moduleRequest.value,
      kind: 'import',
      typeOnly,
    });
  }
  for (const statement of record.staticExports) {
    for (const entry of statement.entries) {
      if (entry.moduleRequest === null) continue;
      found.push({
        specifier: entry.moduleRequest.value,
        kind: 'export',
        typeOnly: entry.isType,
      });
    }
  }
  return found;
}

function directiveReferences(
  comments: ReturnType<typeof parseSync>['comments'],
): ModuleReference[] {
  const found: ModuleReference[] = [];
  for (const comment of comments) {
    const match =
      comment.type === 'Line' ? REFERENCE_DIRECTIVE.exec(comment.value) : null;
    if (match === null) continue;
    const kind = match[1] === 'types' ? 'reference-types' : 'reference-path';
    found.push({ specifier: match[2]!, kind, typeOnly: true });
  }
  return found;
}

// Collects the references only the syntax tree shows (dynamic imports,
// `import('x').T` types, module augmentations) and spots top-level awaits.
function visit(
  node: AstNode,
  topLevel: boolean,
  found: ModuleReference[],
  state: { topLevelAwait: boolean },
): void {
  const literal = (value: unknown): string | undefined => {
    const candidate = value as { type?: string; value?: unknown } | null;
    return candidate?.type === 'Literal' && typeof candidate.value === 'string'
      ? candidate.value
      : undefined;
  };
  const inFunction = !topLevel || FUNCTION_NODES.has(node.type);
  if (!inFunction && isTopLevelAwait(node)) state.topLevelAwait = true;
  const add = (specifier: string | undefined, kind: ModuleReferenceKind) => {
    if (specifier === undefined) return;
    found.push({ specifier, kind, typeOnly: kind !== 'dynamic-import' });
  };
  if (node.type === 'ImportExpression')
    add(literal(node.source), 'dynamic-import');
  if (node.type === 'TSImportType') add(literal(node.source), 'import-type');
  if (node.type === 'TSModuleDeclaration')
    add(literal(node.id), 'declare-module');
  for (const child of children(node)) visit(child, !inFunction, found, state);
}

function isTopLevelAwait(node: AstNode): boolean {
  return (
    node.type === 'AwaitExpression' ||
    (node.type === 'ForOfStatement' && node.await === true) ||
    (node.type === 'VariableDeclaration' && node.kind === 'await using')
  );
}

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const take = (value: unknown) => {
    if (value !== null && typeof value === 'object' && 'type' in value) {
      out.push(value as AstNode);
    }
  };
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach(take);
    else take(value);
  }
  return out;
}
