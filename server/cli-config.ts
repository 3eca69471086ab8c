import { loadConfigFile, parseConfig, type ServerConfig } from './config.ts';

/** What the command line says beside the config file: `--host` and `--port` override `listen`. */
export interface ListenOverrides {
  host?: string | undefined;
  port?: string | undefined;
}

/** Reads the config file as the CLI was told to; a worker reads it the same way. */
export async function readConfig(file: string, overrides: ListenOverrides): Promise<ServerConfig> {
  const config = await loadConfigFile(file);
  const { host, port } = overrides;
  if (host === undefined && port === undefined) return config;
  // Re-checked through the config reader so --port gets the same message as listen.port.
  const listen = parseConfig({
    listen: { ...config.listen, host: host ?? config.listen.host, port: port === undefined ? config.listen.port : Number(port) },
  }).listen;
  return { ...config, listen };
}
