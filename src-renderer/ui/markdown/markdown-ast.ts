/**
 * The Markdown subset Braid renders: a plain tree of blocks and inlines. Nothing in it is
 * HTML; the renderer turns each node into React elements, and React escapes all text.
 */
export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: MarkdownInline[] }
  | { type: 'code'; language: string | null; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownBlock[][] }
  | { type: 'blockquote'; children: MarkdownBlock[] }
  | { type: 'table'; header: MarkdownInline[][]; rows: MarkdownInline[][][] }
  | { type: 'rule' };

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: MarkdownInline[] }
  | { type: 'emphasis'; children: MarkdownInline[] }
  | { type: 'strike'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  /** Only ever carries an `href` that passed `safeHref` (http, https, mailto). */
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'break' };
