import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeTempDir } from '../../testing/git-fixtures';
import { workspaceToolNames } from './workspace-server';
import { openWorkspace } from '../testing/tool-server-fixture';

describe('the workspace tool server', () => {
  it('offers exactly the built-in tools, each with an input schema', async () => {
    const { client } = await openWorkspace();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...workspaceToolNames].sort());
    const readFile = tools.find((tool) => tool.name === 'read_file');
    expect(readFile?.inputSchema.required).toEqual(['path']);
    expect(readFile?.annotations?.readOnlyHint).toBe(true);
  });

  it('answers bad input with an error result instead of failing the request', async () => {
    const { call } = await openWorkspace();
    const missing = await call('read_file', {});
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/path/);
    const wrongType = await call('read_file', { path: 'README.md', offset: 0 });
    expect(wrongType.isError).toBe(true);
  });
});

describe('read_file', () => {
  it('shows numbered lines, and a range with offset and limit', async () => {
    const { call } = await openWorkspace({ files: { 'notes.txt': 'alpha\nbeta\ngamma\ndelta\n' } });
    expect(await call('read_file', { path: 'notes.txt' })).toEqual({
      text: '     1\talpha\n     2\tbeta\n     3\tgamma\n     4\tdelta',
      isError: false,
    });
    const range = await call('read_file', { path: 'notes.txt', offset: 2, limit: 2 });
    expect(range.text).toContain('     2\tbeta\n     3\tgamma');
    expect(range.text).not.toContain('delta');
    expect(range.text).toContain('read on with offset=4');
  });

  it('stops at the size cap and says how to read on', async () => {
    const line = 'x'.repeat(99);
    const { call } = await openWorkspace({ files: { 'big.txt': `${Array(4000).fill(line).join('\n')}\n` } });
    const first = await call('read_file', { path: 'big.txt', limit: 4000 });
    expect(first.text.length).toBeLessThanOrEqual(256 * 1024 + 200);
    const next = /offset=(\d+)/.exec(first.text)?.[1];
    expect(first.text).toContain('256 KB cap');
    const rest = await call('read_file', { path: 'big.txt', offset: Number(next), limit: 4000 });
    expect(rest.text).toMatch(new RegExp(`^\\s+${next}\\t`));
    expect(rest.text).toContain('  4000\t');
  });

  it('refuses binary files, folders, missing files and an offset past the end', async () => {
    const { call, root } = await openWorkspace({ files: { 'short.txt': 'one\n', 'src/a.ts': '' } });
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const binary = await call('read_file', { path: 'image.png' });
    expect(binary).toEqual({ isError: true, text: expect.stringContaining('binary file') });
    expect((await call('read_file', { path: 'src' })).text).toContain('is a folder');
    expect((await call('read_file', { path: 'nope.txt' })).text).toContain('File not found: nope.txt');
    expect((await call('read_file', { path: 'short.txt', offset: 5 })).text).toContain('past the end');
  });

  it('refuses paths outside the workspace', async () => {
    const { call } = await openWorkspace();
    const reply = await call('read_file', { path: '../../etc/passwd' });
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain('leads outside the workspace');
    expect((await call('read_file', { path: '.git/config' })).isError).toBe(true);
  });
});

describe('write_file', () => {
  it('creates missing folders and reports the bytes written', async () => {
    const { call, root } = await openWorkspace();
    const reply = await call('write_file', { path: 'deep/new/dir/hello.txt', content: 'héllo\n' });
    expect(reply).toEqual({ isError: false, text: 'Created deep/new/dir/hello.txt (7 bytes written).' });
    expect(readFileSync(join(root, 'deep/new/dir/hello.txt'), 'utf8')).toBe('héllo\n');
    const again = await call('write_file', { path: 'deep/new/dir/hello.txt', content: 'bye\n' });
    expect(again.text).toBe('Overwrote deep/new/dir/hello.txt (4 bytes written).');
  });

  it('never writes through a symlink that points out of the workspace', async () => {
    const { call, root } = await openWorkspace();
    const outside = makeTempDir('braid-outside-');
    onTestFinished(() => rmSync(outside, { recursive: true, force: true }));
    symlinkSync(outside, join(root, 'escape'));
    symlinkSync(join(outside, 'planted.txt'), join(root, 'dangling'));
    expect((await call('write_file', { path: 'escape/x.txt', content: 'x' })).isError).toBe(true);
    expect((await call('write_file', { path: 'dangling', content: 'x' })).isError).toBe(true);
    expect((await call('write_file', { path: '.git/hooks/pre-commit', content: 'x' })).isError).toBe(true);
    expect(existsSync(join(outside, 'x.txt'))).toBe(false);
    expect(existsSync(join(outside, 'planted.txt'))).toBe(false);
  });

  it('refuses to replace a folder with a file', async () => {
    const { call } = await openWorkspace();
    const reply = await call('write_file', { path: 'src', content: 'x' });
    expect(reply).toEqual({ isError: true, text: 'src is a folder; give a file path.' });
  });
});

describe('edit_file', () => {
  const source = 'function a() {\n  return 1;\n}\n\nfunction b() {\n  return 1;\n}\n';

  it('replaces one exact match and names the line', async () => {
    const { call, root } = await openWorkspace({ files: { 'code.js': source } });
    const reply = await call('edit_file', { path: 'code.js', old_text: 'function b() {\n  return 1;', new_text: 'function b() {\n  return 2;' });
    expect(reply).toEqual({ isError: false, text: 'Edited code.js: replaced 1 occurrence (line 5).' });
    expect(readFileSync(join(root, 'code.js'), 'utf8')).toBe(source.replace('b() {\n  return 1;', 'b() {\n  return 2;'));
  });

  it('refuses several matches, naming the count and the lines, unless replace_all', async () => {
    const { call, root } = await openWorkspace({ files: { 'code.js': source } });
    const refused = await call('edit_file', { path: 'code.js', old_text: 'return 1;', new_text: 'return $&;' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('occurs 2 times (lines 2, 6)');
    expect(readFileSync(join(root, 'code.js'), 'utf8')).toBe(source);

    const all = await call('edit_file', { path: 'code.js', old_text: 'return 1;', new_text: 'return $&;', replace_all: true });
    expect(all.text).toBe('Edited code.js: replaced 2 occurrences (lines 2, 6).');
    // Taken literally: `$&` is not a replacement pattern.
    expect(readFileSync(join(root, 'code.js'), 'utf8').match(/return \$&;/g)).toHaveLength(2);
  });

  it('explains a missed match by pointing at the nearest line', async () => {
    const { call, root } = await openWorkspace({ files: { 'code.js': source } });
    const indentation = await call('edit_file', { path: 'code.js', old_text: 'return 1;\n}\n\nfunction c', new_text: 'x' });
    expect(indentation.isError).toBe(true);
    expect(indentation.text).toContain('old_text was not found');
    expect(indentation.text).toContain('Line 2 has the same first line');

    const typo = await call('edit_file', { path: 'code.js', old_text: 'function bb() {', new_text: 'x' });
    expect(typo.text).toContain('The closest line is 5: "function b() {"');
    expect(readFileSync(join(root, 'code.js'), 'utf8')).toBe(source);
  });

  it('matches text with plain newlines in a CRLF file and keeps CRLF', async () => {
    const { call, root } = await openWorkspace({ files: { 'win.txt': 'one\r\ntwo\r\nthree\r\n' } });
    const reply = await call('edit_file', { path: 'win.txt', old_text: 'one\ntwo', new_text: 'uno\ndos' });
    expect(reply.isError).toBe(false);
    expect(readFileSync(join(root, 'win.txt'), 'utf8')).toBe('uno\r\ndos\r\nthree\r\n');
  });

  it('refuses missing files, empty old_text and no-op edits', async () => {
    const { call } = await openWorkspace({ files: { 'code.js': source } });
    expect((await call('edit_file', { path: 'missing.js', old_text: 'a', new_text: 'b' })).text).toContain('File not found');
    expect((await call('edit_file', { path: 'code.js', old_text: '', new_text: 'b' })).text).toContain('old_text is empty');
    expect((await call('edit_file', { path: 'code.js', old_text: 'a', new_text: 'a' })).text).toContain('nothing would change');
  });
});

describe('list_dir', () => {
  it('lists folders first, then files with sizes, hiding .git', async () => {
    const { call, root } = await openWorkspace({ files: { 'b.txt': '12345', 'a.txt': '', 'lib/x.ts': '' } });
    symlinkSync('b.txt', join(root, 'c-link'));
    mkdirSync(join(root, 'empty'));
    const reply = await call('list_dir', {});
    expect(reply.text.split('\n')).toEqual(['empty/', 'lib/', 'a.txt  0 B', 'b.txt  5 B', 'c-link -> b.txt']);
    expect((await call('list_dir', { path: 'empty' })).text).toBe('empty is empty.');
  });

  it('refuses files, missing folders and folders outside', async () => {
    const { call } = await openWorkspace();
    expect((await call('list_dir', { path: 'README.md' })).text).toContain('is a file');
    expect((await call('list_dir', { path: 'nope' })).text).toContain('Folder not found');
    expect((await call('list_dir', { path: '..' })).isError).toBe(true);
  });
});
