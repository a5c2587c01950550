import { fail, type Result } from '../../../src-shared/contract';

/**
 * Where a workspace config's files are read from: the project's checkout (what a new workspace
 * gets), or a commit (the merge queue reads the target branch's, so an entry cannot change the
 * setup and gate that judge it). Both refuse the same things in the same words.
 */
export interface ConfigFiles {
  /** The file's bytes, or null when there is none; refused when it is a link, not a file, or too large. */
  read(file: string): Result<Buffer | null>;
}

/** Config files are small; anything larger is not one a person wrote. */
export const maxConfigBytes = 1024 * 1024;

/** Why a config file is not read: a link (never followed), not a file, or too large. */
export function refusedConfigFile(file: string, why: 'link' | 'not-a-file' | 'too-large'): Result<never> {
  switch (why) {
    case 'link':
      return fail('WORKSPACE_CONFIG_INVALID', `${file}: is a symbolic link; Braid reads workspace configs only from plain files in the repository.`);
    case 'not-a-file':
      return fail('WORKSPACE_CONFIG_INVALID', `${file}: is not a file.`);
    case 'too-large':
      return fail('WORKSPACE_CONFIG_INVALID', `${file}: is larger than 1 MB; that is not a config file.`);
  }
}
