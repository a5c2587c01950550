import { describe, expect, it } from 'vitest';
import type { ConflictFileView } from '../../../src-shared/contract';
import { buildResolutions, initialResolutions, isFileResolved, resolutionLabel, resolutionReducer, type ResolutionState } from './conflict-resolution';

const side = (text: string | null, binary = false) => ({ mode: '100644', oid: 'a'.repeat(40), binary, text });

const textConflict: ConflictFileView = {
  path: 'shared.txt',
  base: side('one\n'),
  ours: side('one from main\n'),
  theirs: side('one from beta\n'),
  merged: '<<<<<<< main\none from main\n=======\none from beta\n>>>>>>> braid/beta\n',
  messages: ['CONFLICT (content): Merge conflict in shared.txt'],
};

const deletedOnMain: ConflictFileView = {
  path: 'gone.txt',
  base: side('old\n'),
  ours: null,
  theirs: side('changed\n'),
  merged: null,
  messages: ['CONFLICT (modify/delete): gone.txt deleted in main and modified in braid/beta.'],
};

const files = [textConflict, deletedOnMain];

describe('resolving conflicts', () => {
  it('starts from git’s merged text (or the surviving side) with nothing resolved', () => {
    const state = initialResolutions(files);
    expect(state['shared.txt']?.text).toBe(textConflict.merged);
    expect(state['gone.txt']?.text).toBe('changed\n');
    expect(buildResolutions(files, state)).toEqual({ ok: false, unresolved: ['shared.txt', 'gone.txt'] });
  });

  it('does not count an untouched file without markers as resolved (a deletion still needs a decision)', () => {
    const state = initialResolutions(files);
    expect(isFileResolved(deletedOnMain, state['gone.txt'])).toBe(false);
    expect(resolutionLabel(deletedOnMain, state['gone.txt'])).toBe('unresolved');
  });

  it('sends take for a chosen side, content for an edit, delete for a deletion', () => {
    let state: ResolutionState = initialResolutions(files);
    state = resolutionReducer(state, { type: 'take', file: textConflict, side: 'theirs' });
    expect(state['shared.txt']).toEqual({ choice: 'theirs', text: 'one from beta\n' });
    state = resolutionReducer(state, { type: 'delete', path: 'gone.txt' });
    expect(buildResolutions(files, state)).toEqual({
      ok: true,
      resolutions: [
        { path: 'shared.txt', take: 'theirs' },
        { path: 'gone.txt', delete: true },
      ],
    });
    state = resolutionReducer(state, { type: 'edit', path: 'shared.txt', text: 'one from both\n' });
    state = resolutionReducer(state, { type: 'take', file: deletedOnMain, side: 'ours' });
    expect(state['gone.txt']).toEqual({ choice: 'ours', text: '' });
    expect(buildResolutions(files, state)).toEqual({
      ok: true,
      resolutions: [
        { path: 'shared.txt', content: 'one from both\n' },
        { path: 'gone.txt', take: 'ours' },
      ],
    });
  });

  it('treats an edit as resolved only once no marker is left', () => {
    let state = initialResolutions([textConflict]);
    state = resolutionReducer(state, { type: 'edit', path: 'shared.txt', text: `${textConflict.merged}extra\n` });
    expect(resolutionLabel(textConflict, state['shared.txt'])).toBe('markers left');
    expect(buildResolutions([textConflict], state)).toEqual({ ok: false, unresolved: ['shared.txt'] });
    state = resolutionReducer(state, { type: 'settleBlocks', path: 'shared.txt', choice: 'both' });
    expect(state['shared.txt']?.text).toBe('one from main\none from beta\nextra\n');
    expect(buildResolutions([textConflict], state)).toEqual({ ok: true, resolutions: [{ path: 'shared.txt', content: 'one from main\none from beta\nextra\n' }] });
  });

  it('goes back to git’s merged text on request, unresolved again', () => {
    let state = resolutionReducer(initialResolutions([textConflict]), { type: 'take', file: textConflict, side: 'ours' });
    state = resolutionReducer(state, { type: 'restoreMerged', file: textConflict });
    expect(state['shared.txt']).toEqual({ choice: null, text: textConflict.merged });
  });
});
