import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyDirectives } from './content-security-policy';

/** Parses a policy string the way a browser splits it: `;` between directives, spaces between sources. */
function parse(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('contentSecurityPolicy', () => {
  const production = parse(contentSecurityPolicy({ production: true }));
  const development = parse(contentSecurityPolicy({ production: false }));

  it('allows no eval, no inline script and no dev socket in production', () => {
    const all = [...production.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(production.get('script-src')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
    expect(all.some((source) => source.startsWith('ws:'))).toBe(false);
  });

  it('lets the Vite dev server run HMR in development only', () => {
    expect(development.get('script-src')).toContain("'unsafe-eval'");
    expect(development.get('connect-src')).toContain('ws://127.0.0.1:*');
  });

  it('locks down plugins, base tags, framing and form posts in both modes', () => {
    for (const policy of [production, development]) {
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'none'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
      expect(policy.get('font-src')).toEqual(["'self'", 'data:']);
      expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    }
  });

  it('adds extra connect sources, for web mode', () => {
    const directives = contentSecurityPolicyDirectives({ production: true, extraConnectSources: ['ws://127.0.0.1:4000'] });
    expect(directives['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:4000']);
  });

  it('is one header line without characters that would split or break it', () => {
    const policy = contentSecurityPolicy({ production: true });
    expect(policy).not.toMatch(/[\r\n,]/);
  });
});
