import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
const hrefs = (out: string) => [...out.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);

describe('Markdown blocks and inlines', () => {
  it('renders the common subset', () => {
    const out = html('# Title\n\nA *b* **c** `d` ~~e~~\n\n- one\n- two\n\n1. x\n2. y\n\n> said\n\n```ts\nlet a = 1;\n```\n\n---');
    expect(out).toBe(
      '<div class="markdown"><h3 class="md-h1">Title</h3><p>A <em>b</em> <strong>c</strong> <code>d</code> <del>e</del></p>' +
        '<ul><li>one</li><li>two</li></ul><ol><li>x</li><li>y</li></ol><blockquote><p>said</p></blockquote>' +
        '<pre class="md-code" data-language="ts"><code>let a = 1;</code></pre><hr/></div>',
    );
  });

  it('keeps an unterminated code fence open to the end, as a streaming answer needs', () => {
    expect(html('Here:\n```js\nconst a = "*not emphasis*";\n')).toBe(
      '<div class="markdown"><p>Here:</p><pre class="md-code" data-language="js"><code>const a = &quot;*not emphasis*&quot;;</code></pre></div>',
    );
  });

  it('leaves intraword underscores alone (snake_case is not emphasis)', () => {
    expect(html('call read_file_now and _this_')).toBe('<div class="markdown"><p>call read_file_now and <em>this</em></p></div>');
  });

  it('shows a message’s single newlines as line breaks', () => {
    expect(html('one\ntwo')).toBe('<div class="markdown"><p>one<br/>two</p></div>');
  });
});

describe('GFM', () => {
  it('reads tables, with each column’s alignment', () => {
    expect(html('| k | v | n |\n|---|:-:|--:|\n| x | `y` | 3 |')).toBe(
      '<div class="markdown"><div class="md-table"><table>' +
        '<thead><tr><th>k</th><th style="text-align:center">v</th><th style="text-align:right">n</th></tr></thead>' +
        '<tbody><tr><td>x</td><td style="text-align:center"><code>y</code></td><td style="text-align:right">3</td></tr></tbody>' +
        '</table></div></div>',
    );
  });

  it('shows task lists with boxes that cannot be ticked', () => {
    const out = html('- [x] read the code\n- [ ] change it\n- plain item');
    expect(out).toBe(
      '<div class="markdown"><ul>' +
        '<li class="md-task"><input type="checkbox" disabled="" readOnly="" checked=""/> read the code</li>' +
        '<li class="md-task"><input type="checkbox" disabled="" readOnly=""/> change it</li>' +
        '<li>plain item</li></ul></div>',
    );
  });

  it('nests lists of either kind by indentation, and numbers from where the list starts', () => {
    expect(html('- a\n  - b\n\n    1. c\n    2. d\n- e\n\n3. x\n4. y')).toBe(
      // Only the inner list is loose (the blank line is inside "b"), so only its item keeps its paragraph.
      '<div class="markdown"><ul><li>a<ul><li><p>b</p><ol><li>c</li><li>d</li></ol></li></ul></li><li>e</li></ul>' +
        '<ol start="3"><li>x</li><li>y</li></ol></div>',
    );
  });

  it('strikes through ~~text~~, but leaves a single ~ alone (agents write “~5 ms”)', () => {
    expect(html('~~old~~ took ~5 ms, now ~2 ms')).toBe('<div class="markdown"><p><del>old</del> took ~5 ms, now ~2 ms</p></div>');
  });

  it('links bare URLs, www. addresses and e-mail addresses, but not file names', () => {
    const out = html('See https://example.com/docs, www.example.org and ops@example.com; edit README.md and setup.py.');
    expect(hrefs(out)).toEqual(['https://example.com/docs', 'http://www.example.org/', 'mailto:ops@example.com']);
    expect(out).toContain('edit README.md and setup.py.');
  });
});
