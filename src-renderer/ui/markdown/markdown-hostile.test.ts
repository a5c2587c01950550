import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
/** Every link's destination, so a test can check none is dangerous. */
const hrefs = (out: string) => [...out.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);
/** Every element name in the output. */
const tags = (out: string) => [...new Set([...out.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => match[1]))].sort();

describe('hostile input', () => {
  it('turns raw HTML into text, never into elements', () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(1)">x</a>');
    expect(tags(out)).toEqual(['div', 'p']);
    expect(out).toBe(
      '<div class="markdown"><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;img src=x onerror=alert(1)&gt;</p><p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p></div>',
    );
  });

  it('decodes entities to plain characters, which stay text', () => {
    expect(html('&lt;script&gt; &amp; &#60;b&#x3e; &bogus;')).toBe('<div class="markdown"><p>&lt;script&gt; &amp; &lt;b&gt; &amp;bogus;</p></div>');
  });

  it('makes only http(s) and mailto links clickable', () => {
    const source = [
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java\tscript:alert(1)) [d](data:text/html,<script>x</script>)',
      '[e](vbscript:msgbox) [f](file:///etc/passwd) [g](/relative) [h](  javascript:alert(1)  )',
      '<javascript:alert(1)> [i](&#106;avascript:alert(1)) [j](https://ok.example/path?q=1) <mailto:me@example.com>',
      '![img](javascript:alert(1)) [k](http://also.ok) <you@example.com> https://bare.example/x.',
    ].join('\n\n');
    expect(hrefs(html(source))).toEqual([
      'https://ok.example/path?q=1',
      'mailto:me@example.com',
      'http://also.ok/',
      'mailto:you@example.com',
      'https://bare.example/x',
    ]);
  });

  it('keeps the label of a refused link as plain text', () => {
    expect(html('see [the docs](javascript:void(0)) now')).toBe('<div class="markdown"><p>see the docs now</p></div>');
  });

  it('never loads an image: a safe one becomes a link to it, a refused one its alt text', () => {
    const out = html('![diagram](https://img.example/a.png) ![](https://img.example/b.png) ![tracker](javascript:alert(1)) ![x](data:image/png;base64,AAAA)');
    expect(out).not.toContain('<img');
    expect(hrefs(out)).toEqual(['https://img.example/a.png', 'https://img.example/b.png']);
    expect(out).toContain('>diagram</a>');
    expect(out).toContain('>https://img.example/b.png</a>');
    expect(out).toContain(' tracker x</p>');
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
    for (const source of [deepQuote, deepList, stars, brackets, links, ticks, spaces]) expect(html(source).length).toBeGreaterThan(30);
    expect(html(deepQuote)).toContain('deep');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
