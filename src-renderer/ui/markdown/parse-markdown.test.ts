import { describe, expect, it } from 'vitest';
import type { MarkdownBlock, MarkdownInline } from './markdown-ast';
import { parseMarkdown } from './parse-markdown';
import { safeHref } from './safe-href';

/** Every link anywhere in the tree, so a test can check none is dangerous. */
function links(blocks: readonly MarkdownBlock[]): string[] {
  const found: string[] = [];
  const inline = (nodes: readonly MarkdownInline[]) => {
    for (const node of nodes) {
      if (node.type === 'link') found.push(node.href);
      if ('children' in node) inline(node.children);
    }
  };
  const block = (b: MarkdownBlock) => {
    if (b.type === 'paragraph' || b.type === 'heading') inline(b.children);
    else if (b.type === 'blockquote') b.children.forEach(block);
    else if (b.type === 'list') b.items.flat().forEach(block);
    else if (b.type === 'table') [b.header, ...b.rows].flat().forEach(inline);
  };
  blocks.forEach(block);
  return found;
}

const text = (blocks: readonly MarkdownBlock[]): string => JSON.stringify(blocks);

describe('parseMarkdown', () => {
  it('parses the common subset into blocks', () => {
    const blocks = parseMarkdown('# Title\n\nA *b* **c** `d` ~~e~~\n\n- one\n- two\n\n1. x\n2. y\n\n> said\n\n```ts\nlet a = 1;\n```\n\n---');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'blockquote', 'code', 'rule']);
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'A ' },
        { type: 'emphasis', children: [{ type: 'text', text: 'b' }] },
        { type: 'text', text: ' ' },
        { type: 'strong', children: [{ type: 'text', text: 'c' }] },
        { type: 'text', text: ' ' },
        { type: 'code', text: 'd' },
        { type: 'text', text: ' ' },
        { type: 'strike', children: [{ type: 'text', text: 'e' }] },
      ],
    });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true, start: 1 });
    expect(blocks[5]).toEqual({ type: 'code', language: 'ts', text: 'let a = 1;' });
  });

  it('keeps an unterminated code fence open to the end, as a streaming answer needs', () => {
    expect(parseMarkdown('Here:\n```js\nconst a = "*not emphasis*";\n')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Here:' }] },
      { type: 'code', language: 'js', text: 'const a = "*not emphasis*";\n' },
    ]);
  });

  it('leaves intraword underscores alone (snake_case is not emphasis)', () => {
    expect(parseMarkdown('call read_file_now and _this_')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'call read_file_now and ' },
          { type: 'emphasis', children: [{ type: 'text', text: 'this' }] },
        ],
      },
    ]);
  });

  it('nests lists by indentation and reads tables', () => {
    const [list, table] = parseMarkdown('- a\n  - b\n- c\n\n| k | v |\n|---|:-:|\n| x | `y` |');
    expect(list).toMatchObject({ type: 'list', items: [[{ type: 'paragraph' }, { type: 'list' }], [{ type: 'paragraph' }]] });
    expect(table).toEqual({
      type: 'table',
      header: [[{ type: 'text', text: 'k' }], [{ type: 'text', text: 'v' }]],
      rows: [[[{ type: 'text', text: 'x' }], [{ type: 'code', text: 'y' }]]],
    });
  });
});

describe('hostile input', () => {
  it('turns raw HTML into text, never into elements', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(1)">x</a>');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script>' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '<a href="javascript:alert(1)">x</a>' }] },
    ]);
  });

  it('decodes entities to plain characters, which stay text', () => {
    expect(parseMarkdown('&lt;script&gt; &amp; &#60;b&#x3e; &bogus;')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '<script> & <b> &bogus;' }] },
    ]);
  });

  it('makes only http(s) and mailto links clickable', () => {
    const source = [
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html,<script>x</script>)',
      '[e](vbscript:msgbox) [f](file:///etc/passwd) [g](/relative) [h](  javascript:alert(1)  )',
      '<javascript:alert(1)> [i](&#106;avascript:alert(1)) [j](https://ok.example/path?q=1) <mailto:me@example.com>',
      '![img](javascript:alert(1)) [k](http://also.ok) <you@example.com> https://bare.example/x.',
    ].join('\n\n');
    expect(links(parseMarkdown(source))).toEqual([
      'https://ok.example/path?q=1',
      'mailto:me@example.com',
      'http://also.ok/',
      'mailto:you@example.com',
      'https://bare.example/x',
    ]);
  });

  it('keeps the label of a refused link as plain text', () => {
    expect(parseMarkdown('see [the docs](javascript:void(0)) now')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'see ' }, { type: 'text', text: 'the docs' }, { type: 'text', text: ' now' }] },
    ]);
  });

  it('survives deep nesting and pathological delimiters quickly', () => {
    const started = performance.now();
    const deepQuote = `${'> '.repeat(5_000)}deep`;
    const deepList = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    const stars = '*a '.repeat(20_000);
    const brackets = '['.repeat(20_000) + ']('.repeat(5_000);
    const links = '[a](x'.repeat(20_000);
    const ticks = '`'.repeat(5_000) + ' x '.repeat(5_000);
    const spaces = `# a${' '.repeat(100_000)}b\n\nc${' '.repeat(100_000)}d\ne`;
    for (const source of [deepQuote, deepList, stars, brackets, links, ticks, spaces]) expect(parseMarkdown(source).length).toBeGreaterThan(0);
    expect(text(parseMarkdown(deepQuote))).toContain('deep');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://example.com/a b', null],
    ['https://example.com/ok', 'https://example.com/ok'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/'],
    ['mailto:a@b.c', 'mailto:a@b.c'],
    ['javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['//evil.example/x', null],
    ['http:', null],
  ])('%j → %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
