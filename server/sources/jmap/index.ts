import type { SourceType } from '../source.ts';
import { parseJmapConfig, type JmapConfig } from './jmap-config.ts';
import { JmapSource } from './jmap-source.ts';

/** `{"type": "jmap", ...}`: one JMAP account (Fastmail, Cyrus, Stalwart...), pushed to over its EventSource (see docs/sources.md, "JMAP accounts"). */
export const jmapSourceType: SourceType<JmapConfig> = {
  type: 'jmap',
  parse: parseJmapConfig,
  mailboxes: (config) => config.mailboxes.map((m) => ({ id: m.id, name: m.name ?? m.id })),
  create: (config, context) => new JmapSource(config, context),
};
