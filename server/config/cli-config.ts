import { loadConfigFile } from './config-file.ts';
import { parseConfig, type ServerConfig } from './server-config.ts';

/** What the command line says beside the config file: `--host`, `--port` and `--workers` override `listen`. */
export interface ListenOverrides {
  host?: string | undefined;
  port?: string | undefined;
  workers?: string | undefined;
}

/** Reads the config file as the CLI was told to; a worker reads it the same way. */
export async function readConfig(file: string, overrides: ListenOverrides): Promise<ServerConfig> {
  const config = await loadConfigFile(file);
  const { host, port, workers } = overrides;
  if (host === undefined && port === undefined && workers === undefined) return config;
  // Re-checked through the config reader so --port gets the same message as listen.port.
  const listen = parseConfig({
    listen: {
      host: host ?? config.listen.host,
      port: port === undefined ? config.listen.port : Number(port),
      workers: workers === undefined ? config.listen.workers : Number(workers),
    },
  }).listen;
  return { ...config, listen };
}
