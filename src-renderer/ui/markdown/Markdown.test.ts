import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('Markdown rendering', () => {
  it('escapes markup in text, code and links: no raw HTML reaches the page', () => {
    const out = html(
      '<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n`<b>`\n\n```\n</pre><script>x</script>\n```\n\n[<i>x</i>](https://ok.example/"onmouseover="alert(1))',
    );
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['a', 'code', 'div', 'p', 'pre']);
    const attributes = new Set([...out.matchAll(/\s([a-zA-Z-]+)="/g)].map((m) => m[1]));
    expect([...attributes].sort()).toEqual(['class', 'href', 'rel', 'target', 'title']);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<code>&lt;b&gt;</code>');
  });

  it('opens safe links outside the app and renders unsafe ones as text', () => {
    const out = html('[docs](https://example.com/docs) and [bad](javascript:alert(1))');
    expect(out).toContain('<a href="https://example.com/docs" target="_blank" rel="noopener noreferrer"');
    expect(out).not.toContain('javascript');
    expect(out).toContain('and bad</p>');
  });

  it('demotes headings below the page’s own (a message’s "#" is an h3)', () => {
    expect(html('# Plan')).toBe('<div class="markdown"><h3 class="md-h1">Plan</h3></div>');
  });
});
