import { describe, expect, it } from 'vitest';
import { countConflictBlocks, hasConflictMarkers, parseConflictBlocks, settleConflictBlocks } from './conflict-markers';

const merged = [
  'header\n',
  '<<<<<<< main\n',
  'ours line\n',
  '=======\n',
  'theirs line\n',
  '>>>>>>> braid/beta\n',
  'middle\n',
  '<<<<<<< main\n',
  'ours two\n',
  '||||||| base\n',
  'base two\n',
  '=======\n',
  'theirs two\n',
  '>>>>>>> braid/beta\n',
  'footer',
].join('');

describe('conflict markers', () => {
  it('finds both blocks, including a diff3 one with its base lines', () => {
    const blocks = parseConflictBlocks(merged).filter((segment) => segment.kind === 'conflict');
    expect(blocks).toEqual([
      { kind: 'conflict', ours: ['ours line\n'], base: null, theirs: ['theirs line\n'] },
      { kind: 'conflict', ours: ['ours two\n'], base: ['base two\n'], theirs: ['theirs two\n'] },
    ]);
    expect(countConflictBlocks(merged)).toBe(2);
  });

  it('settles every block to ours, theirs, or both in order, keeping the text around them', () => {
    expect(settleConflictBlocks(merged, 'ours')).toBe('header\nours line\nmiddle\nours two\nfooter');
    expect(settleConflictBlocks(merged, 'theirs')).toBe('header\ntheirs line\nmiddle\ntheirs two\nfooter');
    expect(settleConflictBlocks(merged, 'both')).toBe('header\nours line\ntheirs line\nmiddle\nours two\ntheirs two\nfooter');
  });

  it('keeps CRLF line endings byte for byte', () => {
    const text = 'a\r\n<<<<<<< x\r\nours\r\n=======\r\ntheirs\r\n>>>>>>> y\r\nz\r\n';
    expect(settleConflictBlocks(text, 'theirs')).toBe('a\r\ntheirs\r\nz\r\n');
  });

  it('counts a result as conflicted while any opening or closing marker is left', () => {
    expect(hasConflictMarkers(merged)).toBe(true);
    expect(hasConflictMarkers('fixed by hand\n>>>>>>> braid/beta\n')).toBe(true);
    expect(hasConflictMarkers('<<<<<<<\n')).toBe(true);
    expect(hasConflictMarkers(settleConflictBlocks(merged, 'both'))).toBe(false);
  });

  it('accepts a ======= line the file itself has (a Markdown underline), but not a stray one', () => {
    const readme = 'Title\n=======\n\ntext\n';
    expect(hasConflictMarkers(readme, [readme])).toBe(false);
    expect(hasConflictMarkers('left over\n=======\n', ['no such line\n'])).toBe(true);
  });

  it('leaves an unterminated block as text, still reported as conflicted', () => {
    const broken = 'a\n<<<<<<< main\nours\n=======\ntheirs\n';
    expect(parseConflictBlocks(broken)).toEqual([{ kind: 'text', lines: ['a\n', '<<<<<<< main\n', 'ours\n', '=======\n', 'theirs\n'] }]);
    expect(settleConflictBlocks(broken, 'ours')).toBe(broken);
    expect(hasConflictMarkers(broken)).toBe(true);
  });
});
