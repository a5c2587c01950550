/**
 * The one Content-Security-Policy for Braid's UI, shared by the desktop app's `app://`
 * protocol and the web-mode HTTP server so both serve the renderer under the same rules.
 * Sent as a header (not a <meta> tag) because `frame-ancestors` is ignored in <meta>.
 */
export interface ContentSecurityPolicyOptions {
  /** Production forbids eval and inline scripts; the Vite dev server needs both for HMR. */
  production: boolean;
  /** More `connect-src` sources, e.g. an explicit `ws://127.0.0.1:PORT` for web mode. */
  extraConnectSources?: readonly string[];
}

export function contentSecurityPolicyDirectives(options: ContentSecurityPolicyOptions): Record<string, string[]> {
  const { production } = options;
  return {
    'default-src': ["'self'"],
    // Dev only: Vite injects an inline React-refresh preamble and evaluates HMR updates.
    'script-src': production ? ["'self'"] : ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    // React `style` props and Monaco insert inline styles at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    // Dev only: the Vite HMR socket.
    'connect-src': ["'self'", ...(production ? [] : ['ws://127.0.0.1:*', 'ws://localhost:*']), ...(options.extraConnectSources ?? [])],
    // Monaco and other editors start their workers from blob: URLs.
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'none'"],
  };
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  return Object.entries(contentSecurityPolicyDirectives(options))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}
