import { describe, expect, it } from 'vitest';
import { idSchema } from '../../../src-shared/contract';
import { newId, shortId } from './ids';

describe('newId', () => {
  it('makes distinct ids the contract accepts, whose short form fits folder names', () => {
    const ids = Array.from({ length: 500 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(idSchema.safeParse(id).success).toBe(true);
      expect(id).toMatch(/^[a-z0-9]{10}$/);
    }
    expect(shortId('abcdef1234')).toBe('abcdef');
  });
});
