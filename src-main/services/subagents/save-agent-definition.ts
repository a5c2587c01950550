import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fail, ok, type AgentDefinitionDraft, type Result } from '../../../src-shared/contract';
import { readConfinedText } from '../markdown/confined-text';
import { resolveInsideWorkspace } from '../paths/confine-path';
import { fileSystemRefusal } from '../paths/path-refusal';
import { definitionText, otherFrontmatterEntries } from './agent-definition-text';
import type { AgentFolder } from './agent-folders';
import type { LoadedDefinitions } from './load-agent-definitions';

const nameTaken = (message: string) => fail('INVALID_INPUT', message, { issues: [{ path: ['definition', 'name'], message }] });

/**
 * Writes `<name>.md` into the folder, confined to its root (a folder or file that is a link out
 * of the project or the home is refused). Editing (`previousFile`): that file's other
 * frontmatter keys are kept and it is replaced, or renamed when the name changed. A name that
 * another file of the folder already defines is refused, so nothing is silently shadowed.
 */
export async function saveAgentDefinition(
  folder: AgentFolder,
  loaded: LoadedDefinitions,
  draft: AgentDefinitionDraft,
  previousFile: string | undefined,
): Promise<Result<{ path: string }>> {
  const file = `${draft.name}.md`;
  const target = resolveInsideWorkspace(folder.root, `${folder.relative}/${file}`);
  if (!target.ok) return target;
  const inFolder = loaded.all.filter((entry) => entry.view.source === folder.source);
  const clash = inFolder.find((entry) => entry.view.name === draft.name && entry.view.file !== previousFile);
  if (clash) return nameTaken(`${folder.relative}/${clash.view.file} already defines "${draft.name}"; edit that one or choose another name`);
  if (file !== previousFile && inFolder.some((entry) => entry.view.file === file)) {
    return nameTaken(`${folder.relative}/${file} already exists; edit it or choose another name`);
  }

  let kept: string[] = [];
  let previous: string | null = null;
  if (previousFile !== undefined) {
    const shown = `${folder.relative}/${previousFile}`;
    const read = await readConfinedText(folder.root, shown, shown);
    if (!read.ok) return fail(read.missing ? 'NOT_FOUND' : 'PATH_OUTSIDE_ROOT', read.missing ? `${shown} is gone (removed since it was shown); save it as a new definition instead` : read.problem);
    kept = otherFrontmatterEntries(read.text);
    previous = read.realPath;
  }

  const text = definitionText(draft, kept);
  try {
    await mkdir(dirname(target.data), { recursive: true });
    // Written beside and renamed over: a reader never sees half a file.
    const temporary = join(dirname(target.data), `.${file}.${randomBytes(4).toString('hex')}.tmp`);
    await writeFile(temporary, text, { flag: 'wx', mode: 0o644 });
    try {
      await rename(temporary, target.data);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    if (previous !== null && previous !== target.data) await rm(previous, { force: true });
  } catch (error) {
    const refusal = fileSystemRefusal(error, target.data);
    if (refusal) return refusal;
    throw error;
  }
  return ok({ path: target.data });
}
