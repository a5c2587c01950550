const clickableProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to put in a link's `href`, or null when it must stay plain text. Only absolute
 * http(s) and mailto URLs pass: `javascript:`, `data:`, `file:`, `vbscript:`, relative paths
 * and anything the URL parser rejects do not. Whitespace and control characters (where
 * tricks like `java\nscript:` hide) refuse the link outright.
 */
export function safeHref(raw: string): string | null {
  const candidate = raw.trim();
  if (candidate === '' || hasSpaceOrControl(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!clickableProtocols.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0xa0 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}
