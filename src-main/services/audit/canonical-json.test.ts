import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes RFC 8785’s own example exactly (sorted keys, its number and string forms)', () => {
    // The example of RFC 8785 section 3.2.2, parsed from its JSON text as any verifier would.
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('gives the same text whatever order the keys were built in, at every depth', () => {
    const one = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } };
    const two = { a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });

  it('leaves out what JSON cannot hold, as JSON.stringify does', () => {
    expect(canonicalJson({ gone: undefined, kept: null, list: [undefined, 1] })).toBe('{"kept":null,"list":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
