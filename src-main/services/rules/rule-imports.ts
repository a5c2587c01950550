import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { findAtPaths } from '../markdown/at-paths';
import { readConfinedText } from '../markdown/confined-text';
import type { RuleDocument } from './rule-document';

/** `@path` imports are followed this many levels below the file that starts them (Claude Code: 5 hops; Braid: 4). */
export const maxImportDepth = 4;

export interface ImportExpansion {
  /** Each document followed by the files it imports (depth first), in the order they appear. */
  documents: RuleDocument[];
  warnings: string[];
}

/**
 * Follows the `@path` imports of rules files, as Claude Code's CLAUDE.md imports: relative to
 * the importing file, confined to the folder it belongs to (the worktree, the project's
 * checkout, `~/.claude`), at most `maxImportDepth` levels deep; a file that imports one of the
 * files importing it is a cycle and is refused with the chain named. A file already given
 * (imported twice) is given once. A reference to a missing file without an extension
 * (`@types/node`) is not an import and is left as text; a missing `@notes.md` is a warning.
 */
export async function expandImports(roots: readonly RuleDocument[], seen: Set<string> = new Set()): Promise<ImportExpansion> {
  const documents: RuleDocument[] = [];
  const warnings: string[] = [];

  const visit = async (document: RuleDocument, chain: readonly RuleDocument[]): Promise<void> => {
    documents.push(document);
    if (document.root === null || document.realPath === null) return;
    for (const reference of findAtPaths(document.body)) {
      const target = locate(document, reference.path);
      if (target.kind === 'refused') {
        warnings.push(`@${reference.path} in ${document.file} was not imported: ${target.why}`);
        continue;
      }
      const read = await readConfinedText(document.root, target.relative, target.shown);
      if (!read.ok) {
        if (!read.missing || extname(reference.path) !== '') warnings.push(`@${reference.path} in ${document.file} was not imported: ${read.problem}`);
        continue;
      }
      const cycle = [...chain, document].findIndex((ancestor) => ancestor.realPath === read.realPath);
      if (cycle !== -1) {
        const names = [...chain, document].slice(cycle).map((ancestor) => ancestor.file);
        warnings.push(`@${reference.path} in ${document.file} was refused: it imports ${target.shown} again (${[...names, target.shown].join(' → ')}), a cycle`);
        continue;
      }
      if (chain.length + 1 > maxImportDepth) {
        warnings.push(`@${reference.path} in ${document.file} was not imported: imports are followed at most ${maxImportDepth} levels deep`);
        continue;
      }
      if (seen.has(read.realPath)) continue;
      seen.add(read.realPath);
      const imported: RuleDocument = { ...document, file: target.shown, description: null, body: read.text, realPath: read.realPath, importedBy: document.file };
      await visit(imported, [...chain, document]);
    }
  };

  for (const root of roots) {
    if (root.realPath !== null) seen.add(root.realPath);
  }
  for (const root of roots) await visit(root, []);
  return { documents, warnings };
}

type Located = { kind: 'inside'; relative: string; shown: string } | { kind: 'refused'; why: string };

/** Where `@path` in `document` points, as a name relative to the document's root. */
function locate(document: RuleDocument, path: string): Located {
  const root = document.root!;
  if (path.startsWith('~')) return { kind: 'refused', why: `"~" leads outside ${describeRoot(document)}` };
  const absolute = isAbsolute(path) ? resolve(path) : resolve(dirname(document.realPath!), path);
  const name = relative(root, absolute);
  if (name === '' || name === '..' || name.startsWith(`..${sep}`) || isAbsolute(name)) return { kind: 'refused', why: `it leads outside ${describeRoot(document)}` };
  const slashed = name.split(sep).join('/');
  return { kind: 'inside', relative: slashed, shown: document.file.startsWith('~/.claude/') ? `~/.claude/${slashed}` : slashed };
}

function describeRoot(document: RuleDocument): string {
  if (document.scope === 'user') return '~/.claude';
  if (document.scope === 'local') return 'the project';
  return 'the worktree';
}
