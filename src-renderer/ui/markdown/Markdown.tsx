import { createElement, memo, useMemo, type ReactNode } from 'react';
import type { MarkdownBlock, MarkdownInline } from './markdown-ast';
import { parseMarkdown } from './parse-markdown';
import './markdown.css';

function renderInline(nodes: readonly MarkdownInline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={index} />;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'emphasis':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'strike':
        return <del key={index}>{renderInline(node.children)}</del>;
      case 'link':
        // The href passed `safeHref`; the desktop shell sends http(s) to the system browser.
        return (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer" title={node.href}>
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

/** A list item that is one paragraph renders without the paragraph's margins (a "tight" list). */
function renderItem(blocks: readonly MarkdownBlock[]): ReactNode {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'paragraph') return renderInline(only.children);
  return renderBlocks(blocks);
}

function renderBlock(block: MarkdownBlock, index: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={index}>{renderInline(block.children)}</p>;
    case 'heading':
      // Inside a conversation, a message's "# Title" must not outrank the page's headings.
      return createElement(`h${Math.min(6, block.level + 2)}`, { key: index, className: `md-h${block.level}` }, renderInline(block.children));
    case 'code':
      return (
        <pre key={index} className="md-code" data-language={block.language ?? undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderItem(item)}</li>);
      if (!block.ordered) return <ul key={index}>{items}</ul>;
      return (
        <ol key={index} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      );
    }
    case 'blockquote':
      return <blockquote key={index}>{renderBlocks(block.children)}</blockquote>;
    case 'table':
      return (
        <div key={index} className="md-table">
          <table>
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i}>{renderInline(cell)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i}>{renderInline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'rule':
      return <hr key={index} />;
  }
}

function renderBlocks(blocks: readonly MarkdownBlock[]): ReactNode[] {
  return blocks.map(renderBlock);
}

/**
 * Markdown as React elements, never as HTML: there is no `dangerouslySetInnerHTML` anywhere
 * on this path, so text that looks like markup stays text.
 */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="markdown">{renderBlocks(blocks)}</div>;
});
