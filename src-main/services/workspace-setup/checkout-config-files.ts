import { ok } from '../../../src-shared/contract';
import { readWorktreeEntry } from '../paths/worktree-entry-read';
import { WorktreeEntryLocator } from '../paths/worktree-entry';
import { maxConfigBytes, refusedConfigFile, type ConfigFiles } from './config-files';

/** Config files of the checkout at `root`: plain files only, never read through or as a link. Synchronous: a few small files. */
export function checkoutConfigFiles(root: string): ConfigFiles {
  const locator = new WorktreeEntryLocator(root);
  return {
    read(file) {
      const entry = locator.locate(file);
      if (!entry.ok) return entry;
      const content = readWorktreeEntry(entry.data, { bytesToRead: (size) => Math.min(size, maxConfigBytes + 1) });
      if (!content.ok) return content;
      switch (content.data.kind) {
        case 'missing':
          return ok(null);
        case 'link':
          return refusedConfigFile(file, 'link');
        case 'other':
          return refusedConfigFile(file, 'not-a-file');
        case 'file':
          return content.data.size > maxConfigBytes ? refusedConfigFile(file, 'too-large') : ok(content.data.content);
      }
    },
  };
}
