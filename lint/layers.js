// The layer rule: which layer may import which, from one table by path (eslint.config.js holds the table).
// A file's layer is the first entry whose `files` glob its path matches; an import's target is the layer of the
// file it names, or for a package where it runs ('node' for built-ins and Node-only packages, 'electron', else
// 'package'). A layer imports what its `may` lists, and what its `types` lists with `import type` only.
// Static imports, re-exports, `import type`, `import('...')` types and dynamic `import()` with a literal path
// are all checked; a dynamic import of a computed path cannot be resolved here and is left alone.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** A path glob ('**' any folders, '*' any name) as a regular expression over a repo-relative posix path. */
function globToRegExp(glob) {
  const parts = glob.split('/');
  const body = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      const name = part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
      return last ? name : `${name}/`;
    })
    .join('');
  return new RegExp(`^${body}$`);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const BUILTINS = new Set(builtinModules);

/** What a layer may import, in words. */
function allowedText(layer) {
  const types = layer.types.length > 0 ? `; with import type only, ${layer.types.join(', ')}` : '';
  return `${layer.may.join(', ')}${types}`;
}

function compile(options) {
  const layers = options.layers.map((l) => ({ types: [], ...l, pattern: globToRegExp(l.files) }));
  const names = new Set(['node', 'electron', 'package', ...layers.map((l) => l.name)]);
  for (const l of layers)
    for (const name of [...l.may, ...l.types])
      if (!names.has(name)) throw new Error(`layers: ${l.name} names an unknown layer '${name}'`);
  const nodePackages = new Set(options.nodePackages);
  return {
    layerOf: (relative) => layers.find((l) => l.pattern.test(relative)) ?? null,
    packageLayer: (specifier) => {
      const name = packageName(specifier);
      if (specifier.startsWith('node:') || BUILTINS.has(name) || nodePackages.has(name)) return 'node';
      return name === 'electron' ? 'electron' : 'package';
    },
  };
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers the table allows it' },
    messages: {
      outside: "'{{specifier}}' is outside every layer: {{layer}} may import {{allowed}}.",
      wrongLayer: "{{layer}} may not import {{target}} ('{{specifier}}'): it may import {{allowed}}.",
    },
    // The table is checked where it is read (compile): its globs are plain strings.
    schema: false,
  },
  create(context) {
    const table = compile(context.options[0]);
    const root = context.cwd;
    const relative = (file) => path.relative(root, file).split(path.sep).join('/');
    const layer = table.layerOf(relative(context.filename));
    if (layer === null) return {};

    const check = (node, specifier, typeOnly) => {
      const target = specifier.startsWith('.')
        ? (table.layerOf(relative(path.resolve(path.dirname(context.filename), specifier)))?.name ?? null)
        : table.packageLayer(specifier);
      if (target !== null && layer.may.includes(target)) return;
      if (target !== null && typeOnly && layer.types.includes(target)) return;
      const data = { layer: layer.name, target, specifier, allowed: allowedText(layer) };
      context.report({ node, messageId: target === null ? 'outside' : 'wrongLayer', data });
    };
    const literal = (node) =>
      node?.type === 'Literal' && typeof node.value === 'string'
        ? node.value
        : node?.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : null;
    const typeOnlyImport = (node) =>
      node.importKind === 'type' ||
      (node.specifiers.length > 0 &&
        node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node.source, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration: (node) => check(node.source, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => {
        const specifier = literal(node.source);
        if (specifier !== null) check(node.source, specifier, false);
      },
      TSImportType: (node) => {
        const specifier = literal(node.argument?.literal ?? node.argument);
        if (specifier !== null) check(node, specifier, true);
      },
    };
  },
};

export default { rules: { layers: layersRule } };
