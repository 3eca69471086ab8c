import packageJson from '../package.json' with { type: 'json' };

/** The version the server reports (`--version`, the start line), from package.json. */
export const serverVersion: string = packageJson.version;
