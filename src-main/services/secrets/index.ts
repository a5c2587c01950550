export type { SecretCipher, SecretStore } from './secret-store';
export { InsecureSecretFileError } from './secret-store';
export { createFileSecretStore } from './secret-file-store';
export { createEncryptedSecretStore, type EncryptedSecretStoreOptions } from './encrypted-secret-store';
export { createAccessToken, tokenMatches } from './access-token';
