import { describe, expect, it } from 'vitest';
import { keyStatusText } from './provider-summary';

describe('keyStatusText', () => {
  it('says where the key comes from and never what it is', () => {
    expect(keyStatusText({ keySource: 'settings', keyEnvVar: null, keyRequired: true })).toBe('Key saved in Braid');
    expect(keyStatusText({ keySource: 'env', keyEnvVar: 'OPENAI_API_KEY', keyRequired: true })).toBe('Key from $OPENAI_API_KEY');
    expect(keyStatusText({ keySource: 'none', keyEnvVar: null, keyRequired: true })).toBe('No key');
    expect(keyStatusText({ keySource: 'none', keyEnvVar: null, keyRequired: false })).toBe('No key (none needed)');
  });
});
