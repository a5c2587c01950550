import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('is the same text whatever the key order, and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, e: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }));
  });

  it('keeps array order and writes an undefined item as null, as JSON.stringify does', () => {
    expect(canonicalJson([3, undefined, 'é'])).toBe('[3,null,"é"]');
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
