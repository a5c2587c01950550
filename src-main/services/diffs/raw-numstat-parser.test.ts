import { describe, expect, it } from 'vitest';
import { plainDiffConfig, runGitBytes } from './git-bytes';
import { parseRawNumstat, RawRecordStream } from './raw-numstat-parser';
import { latin1Name, makeWorkspace, writeRawName } from '../testing/workspace-fixture';

describe('RawRecordStream', () => {
  it('finds every file of the raw part however git’s output is split into chunks', async () => {
    const ws = makeWorkspace({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'moved.txt': 'same content here\n', 'gone.txt': 'x\n' });
    ws.write({ 'a.txt': 'A\n', 'b.txt': 'B\n' });
    ws.git('mv', 'moved.txt', 'renamed.txt');
    ws.remove('gone.txt');
    writeRawName(ws.path, latin1Name, 'new content\n');
    ws.git('add', '-A');
    const output = (await runGitBytes(ws.path, [...plainDiffConfig, 'diff', '--raw', '--numstat', '-z', '--no-abbrev', '-M', ws.baseCommit])).stdout;
    const expected = parseRawNumstat(output).map((file) => [file.status[0]!.toUpperCase(), file.pathBytes ?? Buffer.from(file.path).toString('base64')]);
    expect(expected).toHaveLength(5);

    for (const size of [1, 3, 7, output.length]) {
      const seen: string[][] = [];
      const stream = new RawRecordStream((status, name) => seen.push([status, name.toString('base64')]));
      for (let at = 0; at < output.length; at += size) stream.push(output.subarray(at, at + size));
      expect(seen).toEqual(expected);
    }
  });
});
