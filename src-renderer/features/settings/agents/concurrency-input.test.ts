import { describe, expect, it } from 'vitest';
import { concurrencyFromInput } from './concurrency-input';

describe('concurrencyFromInput', () => {
  it('accepts whole numbers from 1 to 64', () => {
    expect(concurrencyFromInput(' 1 ')).toEqual({ ok: true, concurrency: 1 });
    expect(concurrencyFromInput('064')).toEqual({ ok: true, concurrency: 64 });
  });

  it.each(['', '0', '65', '-1', '2.5', '1e1', '0x10', 'four', '9'.repeat(30), 'Infinity'])('refuses %j', (text) => {
    expect(concurrencyFromInput(text)).toEqual({ ok: false, message: 'Enter a whole number from 1 to 64.' });
  });
});
