import { describe, expect, it } from 'vitest';
import { oneSidedFile } from './one-sided-file';

describe('oneSidedFile', () => {
  it('shows a created file as its new text alone, with no old side to mark as removed', () => {
    expect(oneSidedFile({ status: 'untracked', oldText: '', newText: '# Notes\n' })).toEqual({ side: 'new', text: '# Notes\n' });
    expect(oneSidedFile({ status: 'added', oldText: '', newText: 'a\n' })).toEqual({ side: 'new', text: 'a\n' });
  });

  it('shows a deleted file as its old text alone', () => {
    expect(oneSidedFile({ status: 'deleted', oldText: 'gone\n', newText: '' })).toEqual({ side: 'old', text: 'gone\n' });
  });

  it('leaves files with two sides to the diff', () => {
    expect(oneSidedFile({ status: 'modified', oldText: 'a\n', newText: 'b\n' })).toBeNull();
    expect(oneSidedFile({ status: 'renamed', oldText: 'a\n', newText: 'a\n' })).toBeNull();
  });
});
