import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './command-line';

describe('splitCommandLine', () => {
  it.each([
    ['my-agent --acp', ['my-agent', '--acp']],
    ['  npx   -y  @scope/agent  ', ['npx', '-y', '@scope/agent']],
    [`node '/path with spaces/agent.js' "--name=a b"`, ['node', '/path with spaces/agent.js', '--name=a b']],
    [`agent "say \\"hi\\"" it\\'s`, ['agent', 'say "hi"', "it's"]],
    [`agent ''`, ['agent', '']],
    ['agent $HOME ~ *', ['agent', '$HOME', '~', '*']],
  ])('%s', (line, argv) => {
    expect(splitCommandLine(line)).toEqual({ ok: true, argv });
  });

  it('says what is wrong', () => {
    expect(splitCommandLine(`agent "open`)).toEqual({ ok: false, message: 'The double quote is not closed.' });
    expect(splitCommandLine('   ')).toEqual({ ok: false, message: 'Enter the command that starts the agent.' });
  });
});
