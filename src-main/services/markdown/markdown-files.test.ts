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

  it('reads quoted values as YAML does: escapes in double quotes, doubled quotes in single quotes', () => {
    const { data, raw, problems } = parseFrontmatter(
      [
        '---',
        String.raw`description: "say \"hi\""`,
        String.raw`path: "C:\\Users\\me\\"`,
        String.raw`text: "line one\nline two\ttabbed"`,
        String.raw`hint: "a \"#\" is no comment" # but this is`,
        "single: 'it''s # not a comment either'",
        String.raw`unicode: "caf\u00e9 \x41 \U0001F600 \/ \\n"`,
        String.raw`tools: ["Bash(echo \"a, b\")", 'Read(''x'')']`,
        'paths:',
        String.raw`  - "src/\"quoted\"/**"`,
        String.raw`odd: "what \q is"`,
        'loose: "Use "quotes" here"',
        '---',
        'Body',
      ].join('\n'),
    );
    expect(data.description).toBe('say "hi"');
    expect(raw.description).toBe('say "hi"');
    expect(data.path).toBe('C:\\Users\\me\\');
    expect(data.text).toBe('line one\nline two\ttabbed');
    expect(data.hint).toBe('a "#" is no comment');
    expect(data.single).toBe("it's # not a comment either");
    expect(data.unicode).toBe('café A \u{1F600} / \\n');
    expect(data.tools).toEqual(['Bash(echo "a, b")', "Read('x')"]);
    expect(data.paths).toEqual(['src/"quoted"/**']);
    // YAML refuses an unknown escape; the reader keeps it as written and names the line.
    expect(data.odd).toBe('what \\q is');
    expect(data.loose).toBe('Use "quotes" here');
    expect(problems).toEqual([
      'frontmatter line 11: \\q is not a YAML escape; it was kept as written',
      'frontmatter line 12: "Use "quotes" here" has a quote inside its quotes; it was read as the text between the outer ones',
    ]);
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
