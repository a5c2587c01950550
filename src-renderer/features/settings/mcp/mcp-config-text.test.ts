import { describe, expect, it } from 'vitest';
import { formatEnvText, formatHeadersText, parseArgsText, parseEnvText, parseHeadersText } from './mcp-config-text';

describe('parseArgsText', () => {
  it('takes one argument per line, keeping spaces inside and dropping blank lines', () => {
    expect(parseArgsText('-y\r\n@scope/server  \n\n  --root=/my dir\r--flag')).toEqual({
      ok: true,
      value: ['-y', '@scope/server', '--root=/my dir', '--flag'],
    });
  });

  it('gives no arguments for empty or whitespace-only text', () => {
    expect(parseArgsText('')).toEqual({ ok: true, value: [] });
    expect(parseArgsText(' \n\t\n')).toEqual({ ok: true, value: [] });
  });

  it('refuses a NUL byte and names the line', () => {
    expect(parseArgsText('ok\nbad\0arg')).toEqual({ ok: false, message: 'Arguments, line 2: contains a NUL character.' });
  });
});

describe('parseEnvText', () => {
  it('splits at the first "=" so values may contain "=" and ":"', () => {
    expect(parseEnvText('TOKEN=abc==\nURL=postgres://u:p@h/db?x=1')).toEqual({
      ok: true,
      value: { TOKEN: 'abc==', URL: 'postgres://u:p@h/db?x=1' },
    });
  });

  it('trims around names and values, allows empty values, skips comments and accepts "export"', () => {
    expect(parseEnvText('# a comment\n  export  DEBUG = 1 \nEMPTY=\n\n')).toEqual({ ok: true, value: { DEBUG: '1', EMPTY: '' } });
  });

  it('keeps ${VAR} placeholders for the host to expand', () => {
    expect(parseEnvText('KEY=${GITHUB_TOKEN:-none}')).toEqual({ ok: true, value: { KEY: '${GITHUB_TOKEN:-none}' } });
  });

  it.each([
    ['NO_EQUALS', 'Environment, line 1: write NAME=value.'],
    ['=value', 'Environment, line 1: "" is not a variable name (letters, digits and _, not starting with a digit).'],
    ['1ABC=x', 'Environment, line 1: "1ABC" is not a variable name (letters, digits and _, not starting with a digit).'],
    ['MY VAR=x', 'Environment, line 1: "MY VAR" is not a variable name (letters, digits and _, not starting with a digit).'],
    ['A-B=x', 'Environment, line 1: "A-B" is not a variable name (letters, digits and _, not starting with a digit).'],
    ['OK=1\nBAD\0=2', 'Environment, line 2: contains a NUL character.'],
    ['A=1\nB=2\nA=3', 'Environment, line 3: A is already set on line 1.'],
  ])('refuses %j', (text, message) => {
    expect(parseEnvText(text)).toEqual({ ok: false, message });
  });

  it('keeps __proto__ as an ordinary variable without touching any prototype', () => {
    const parsed = parseEnvText('__proto__=polluted\nconstructor=x');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.value)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(parsed.value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it('round-trips through formatEnvText', () => {
    const env = { A: 'x=y', B: '', C: 'with spaces inside' };
    expect(parseEnvText(formatEnvText(env))).toEqual({ ok: true, value: env });
  });
});

describe('parseHeadersText', () => {
  it('splits at the first ":" so values keep their colons', () => {
    expect(parseHeadersText('Authorization: Bearer a:b:c\nX-Origin:https://example.com:8443')).toEqual({
      ok: true,
      value: { Authorization: 'Bearer a:b:c', 'X-Origin': 'https://example.com:8443' },
    });
  });

  it.each([
    ['Authorization Bearer x', 'Headers, line 1: write Name: value.'],
    [': value', 'Headers, line 1: "" is not a header name.'],
    ['Bad Name: x', 'Headers, line 1: "Bad Name" is not a header name.'],
    ['X-Évil: x', 'Headers, line 1: "X-Évil" is not a header name.'],
    ['X-A: one\u0000two', 'Headers, line 1: the value of X-A contains a control character.'],
    ['X-A: one\u001btwo', 'Headers, line 1: the value of X-A contains a control character.'],
    ['Accept: a\n\naccept: b', 'Headers, line 3: accept is already set on line 1.'],
  ])('refuses %j', (text, message) => {
    expect(parseHeadersText(text)).toEqual({ ok: false, message });
  });

  it('cannot smuggle a second header through a carriage return', () => {
    // A lone CR is a line break: the injected header becomes its own (checked) line.
    expect(parseHeadersText('X-A: one\rX-B: two')).toEqual({ ok: true, value: { 'X-A': 'one', 'X-B': 'two' } });
  });

  it('round-trips through formatHeadersText', () => {
    const headers = { Authorization: 'Bearer ${TOKEN}', 'X-Empty': '' };
    expect(parseHeadersText(formatHeadersText(headers))).toEqual({ ok: true, value: headers });
  });
});
