import packageJson from '../../package.json' with { type: 'json' };

/** The version shown in the UI, taken from package.json at build time. */
export const appVersion: string = packageJson.version;
