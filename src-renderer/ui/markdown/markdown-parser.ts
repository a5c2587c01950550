import MarkdownIt, { type StateCore, type Token } from 'markdown-it';

/**
 * The one Markdown parser: markdown-it (CommonMark, with GFM tables and strikethrough built
 * in), chosen over react-markdown/micromark because it stays fast and shallow on hostile input
 * (nesting stops at `maxNesting`; see the README for the measurements). Raw HTML is off, so
 * `<script>` is text like any other. Two small rules add the rest of GFM: task list items, and
 * autolinks only where GFM makes them.
 */
/** Deeper than any real message; markdown-it stops nesting here (and drops the rest). */
const maxNesting = 100;
const parser = new MarkdownIt('default', { html: false, linkify: true, maxNesting });

// Every URL is judged once, by `safeHref` when it is rendered: a refused link keeps its label.
parser.validateLink = () => true;
// Domains without a scheme (`www.example.com`); `gfmAutolinksOnly` keeps only the `www.` ones.
parser.linkify.set({ fuzzyLink: true });

const schemeOrWww = /^(?:[a-z][a-z\d+.-]*:|www\.)/i;

/**
 * GFM links bare `https://…`, `www.…` and e-mail addresses, not every word with a dot in it:
 * linkify alone would turn `README.md` or `setup.py` into links to those "domains".
 */
function gfmAutolinksOnly(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const kept: Token[] = [];
    const children = block.children;
    for (let i = 0; i < children.length; i += 1) {
      const open = children[i]!;
      const text = children[i + 1];
      const fuzzyDomain =
        open.type === 'link_open' &&
        open.markup === 'linkify' &&
        text?.type === 'text' &&
        !schemeOrWww.test(text.content) &&
        !String(open.attrGet('href')).startsWith('mailto:');
      if (fuzzyDomain) {
        kept.push(text);
        i += 2; // the text, and the link_close after it
        continue;
      }
      kept.push(open);
    }
    block.children = kept;
  }
}

const taskMarker = /^\[([ xX])\](?:[ \t]+|$)/;

/**
 * GFM task list items: a list item whose paragraph starts with `[ ]` or `[x]`. The marker is
 * taken out of the text, and `meta.checked` on the item says which it was.
 */
function taskListItems(state: StateCore): void {
  const { tokens } = state;
  for (let i = 2; i < tokens.length; i += 1) {
    const inline = tokens[i]!;
    const item = tokens[i - 2]!;
    if (inline.type !== 'inline' || tokens[i - 1]!.type !== 'paragraph_open' || item.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const marker = first?.type === 'text' ? taskMarker.exec(first.content) : null;
    if (!first || !marker) continue;
    first.content = first.content.slice(marker[0].length);
    item.meta = { ...item.meta, checked: marker[1] !== ' ' };
  }
}

parser.core.ruler.after('linkify', 'gfm_autolinks_only', gfmAutolinksOnly);
parser.core.ruler.push('task_list_items', taskListItems);

/**
 * The token stream of a message (block tokens, each `inline` one with its inline children), or
 * null when it nests as deep as `maxNesting`: markdown-it drops what lies deeper, so such a
 * message is better shown as its plain text, where nothing is lost.
 */
export function parseMarkdown(source: string): Token[] | null {
  const tokens = parser.parse(source, {});
  return tokens.some((token) => token.nesting === 1 && token.level >= maxNesting - 1) ? null : tokens;
}
