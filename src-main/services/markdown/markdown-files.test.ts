import { describe, expect, it } from 'vitest';
import { findAtPaths } from './at-paths';
import { listValue, parseFrontmatter } from './frontmatter';
import { normalizeText } from './text-file';

describe('frontmatter as other tools write it', () => {
  it('reads Claude Code and Cursor frontmatter tolerantly', () => {
    const { data, raw, body, problems } = parseFrontmatter(
      [
        '---',
        'description: "Create a component: fast"',
        'argument-hint: [name] [props]',
        'tools: [Read, "Grep"]',
        'allowed-tools: Bash(git add:*), Bash(git status:*), Read',
        'globs: *.ts,src/**',
        'alwaysApply: false',
        'paths:',
        '  - "src/**/*.ts"',
        "  - 'lib/**'",
        'summary: >',
        '  folded',
        '  text',
        'not a key line',
        '---',
        '',
        'Body $ARGUMENTS',
      ].join('\n'),
    );
    expect(data.description).toBe('Create a component: fast');
    expect(raw['argument-hint']).toBe('[name] [props]');
    expect(listValue(data['allowed-tools'])).toEqual(['Bash(git add:*)', 'Bash(git status:*)', 'Read']);
    expect(listValue(data.globs)).toEqual(['*.ts', 'src/**']);
    expect(data.tools).toEqual(['Read', 'Grep']);
    expect(data.alwaysApply).toBe(false);
    expect(listValue(data.paths)).toEqual(['src/**/*.ts', 'lib/**']);
    expect(data.summary).toBe('folded text');
    expect(body).toBe('Body $ARGUMENTS');
    expect(problems).toEqual(['frontmatter line 14: "not a key line" is not "key: value"']);
  });

  it('leaves a file without an ending --- as text and says so', () => {
    expect(parseFrontmatter('---\ndescription: x\nbody')).toMatchObject({ data: {}, raw: {}, body: '---\ndescription: x\nbody', problems: [expect.stringContaining('never ends')] });
  });
});

describe('@path references', () => {
  it('finds paths, not e-mail addresses, mentions or code', () => {
    const text = 'See @src/app.ts, and @README.md. Mail a@b.com; ping @alice.\n`@inline/code.ts`\n```\n@fenced/code.ts\n```\n(@docs/x.md)';
    expect(findAtPaths(text).map((reference) => reference.path)).toEqual(['src/app.ts', 'README.md', 'docs/x.md']);
  });
});

describe('text of files other tools write', () => {
  it('drops a byte-order mark and turns CRLF and CR into LF', () => {
    expect(normalizeText('\uFEFF---\r\na: b\r---\n')).toBe('---\na: b\n---\n');
  });
});
