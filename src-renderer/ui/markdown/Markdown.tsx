import { createElement, Fragment, memo, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { Token } from 'markdown-it';
import { parseMarkdown } from './markdown-parser';
import { safeHref } from './safe-href';
import './markdown.css';

/** A link the user can follow outside the app, or just its label when its URL was refused. */
function link(rawHref: string | number | null, label: ReactNode, key: number): ReactNode {
  const href = typeof rawHref === 'string' ? safeHref(rawHref) : null;
  if (href === null) return <Fragment key={key}>{label}</Fragment>;
  // The desktop shell sends http(s) to the system browser; `title` shows where it really goes.
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {label}
    </a>
  );
}

/** A table cell's GFM alignment (`style="text-align:right"` on the token), and nothing else. */
function cellAlign(token: Token): CSSProperties | undefined {
  const match = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''));
  return match ? { textAlign: match[1] as CSSProperties['textAlign'] } : undefined;
}

/** A fence's text without the newline that ends its last line. */
const codeText = (token: Token) => token.content.replace(/\n$/, '');

/** Tokens with no children of their own: text, code, breaks, rules, images. */
function leaf(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{render(token.children ?? [])}</Fragment>;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    // A chat answer's single newlines are meant as line breaks.
    case 'softbreak':
    case 'hardbreak':
      return <br key={key} />;
    case 'fence':
    case 'code_block':
      return (
        <pre key={key} className="md-code" data-language={token.info.trim().split(/\s+/)[0] || undefined}>
          <code>{codeText(token)}</code>
        </pre>
      );
    case 'hr':
      return <hr key={key} />;
    // Images are never loaded (no requests on an agent's say-so): a link to the image instead,
    // named by its alt text (or its URL); a refused URL leaves the alt text alone.
    case 'image': {
      const src = token.attrGet('src');
      const shown = typeof src === 'string' && safeHref(src) !== null ? src : '';
      return link(src, token.content || shown, key);
    }
    default:
      // `text`, and anything else, as the text it holds: React escapes it.
      return token.content;
  }
}

/** Inside a conversation, a message's "# Title" must not outrank the page's own headings. */
function heading(token: Token, children: ReactNode[], key: number): ReactNode {
  const level = Number(token.tag.slice(1));
  return createElement(`h${Math.min(6, level + 2)}`, { key, className: `md-h${level}` }, children);
}

/** An opening token and what was rendered up to its closing one. */
function element(token: Token, children: ReactNode[], key: number): ReactNode {
  switch (token.type) {
    case 'paragraph_open':
      // A "tight" list item's paragraph renders without the paragraph's margins.
      return token.hidden ? <Fragment key={key}>{children}</Fragment> : <p key={key}>{children}</p>;
    case 'heading_open':
      return heading(token, children, key);
    case 'blockquote_open':
      return <blockquote key={key}>{children}</blockquote>;
    case 'bullet_list_open':
      return <ul key={key}>{children}</ul>;
    case 'ordered_list_open': {
      const start = Number(token.attrGet('start') ?? 1);
      return (
        <ol key={key} start={start === 1 ? undefined : start}>
          {children}
        </ol>
      );
    }
    case 'list_item_open': {
      const checked = token.meta?.checked;
      if (typeof checked !== 'boolean') return <li key={key}>{children}</li>;
      // A task's box: shown, never editable (the text is the agent's).
      return (
        <li key={key} className="md-task">
          <input type="checkbox" checked={checked} disabled readOnly /> {children}
        </li>
      );
    }
    case 'table_open':
      return (
        <div key={key} className="md-table">
          <table>{children}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{children}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{children}</tbody>;
    case 'tr_open':
      return <tr key={key}>{children}</tr>;
    case 'th_open':
      return (
        <th key={key} style={cellAlign(token)}>
          {children}
        </th>
      );
    case 'td_open':
      return (
        <td key={key} style={cellAlign(token)}>
          {children}
        </td>
      );
    case 'strong_open':
      return <strong key={key}>{children}</strong>;
    case 'em_open':
      return <em key={key}>{children}</em>;
    case 's_open':
      return <del key={key}>{children}</del>;
    case 'link_open':
      return link(token.attrGet('href'), children, key);
    default:
      // Nothing else is produced; were it, its content would still show, as text.
      return <Fragment key={key}>{children}</Fragment>;
  }
}

/** Token stream → React elements, by nesting: an opening token collects until its closing one. */
function render(tokens: readonly Token[]): ReactNode[] {
  const root: ReactNode[] = [];
  const open: { token: Token; children: ReactNode[] }[] = [];
  for (const token of tokens) {
    const siblings = open.at(-1)?.children ?? root;
    if (token.nesting === 1) open.push({ token, children: [] });
    else if (token.nesting === -1) {
      const opened = open.pop();
      const parent = open.at(-1)?.children ?? root;
      if (opened) parent.push(element(opened.token, opened.children, parent.length));
    } else siblings.push(leaf(token, siblings.length));
  }
  return root;
}

/**
 * An agent's Markdown (CommonMark and GFM: tables, task lists, strikethrough, autolinks) as
 * React elements, never as HTML: there is no `dangerouslySetInnerHTML` anywhere on this path,
 * only the elements above with the attributes they set, so text that looks like markup stays text.
 */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  const content = useMemo(() => {
    const tokens = parseMarkdown(source);
    // Nested past any real message's depth: the text as written.
    return tokens ? render(tokens) : <p className="md-plain">{source}</p>;
  }, [source]);
  return <div className="markdown">{content}</div>;
});
