// Lists the functions longer than a reader holds in their head (60 lines by default), longest first, so the
// claim "no function over 60 lines" is something anyone can check: `npm run long-functions -- [--max N] [dir...]`
// (default: src). Counts a function's lines from its first line to its last, nested functions included in
// their parent; Svelte components are measured in their <script> blocks. Exits 1 when it lists any.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

const SOURCE = /\.(ts|svelte)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The file's TypeScript with its line numbers kept: a Svelte file's script blocks, the rest blanked. */
function scriptText(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  const kept = text.split('\n').map(() => '');
  for (const block of text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    const firstLine = text.slice(0, (block.index ?? 0) + block[0].indexOf(block[1])).split('\n').length - 1;
    block[1].split('\n').forEach((line, i) => (kept[firstLine + i] = line));
  }
  return kept.join('\n');
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** A function's name, or where it stands: the variable, property or call it is handed to. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(source);
  if (ts.isCallExpression(parent)) return `(argument of ${parent.expression.getText(source).split('\n')[0]})`;
  return '(anonymous)';
}

export function longFunctions(file: string, max: number): LongFunction[] {
  const source = ts.createSourceFile(file, scriptText(file), ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max) found.push({ file, line: first + 1, name: nameOf(node, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function main(args: string[]): number {
  let max = 60;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--max') max = Number(args[++i]);
    else dirs.push(args[i]);
  }
  if (!(max > 0)) throw new Error('--max needs a positive number of lines');
  const found = (dirs.length > 0 ? dirs : ['src'])
    .flatMap(sourceFiles)
    .flatMap((file) => longFunctions(file, max))
    .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  for (const f of found) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
  console.log(
    found.length === 0 ? `no function over ${max} lines` : `${found.length} functions over ${max} lines`,
  );
  return found.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
