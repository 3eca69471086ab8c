import type { SourceType } from '../source.ts';
import { parseGraphConfig, type GraphConfig } from './graph-config.ts';
import { GraphSource } from './graph-source.ts';

/** `{"type": "graph", ...}`: one Microsoft 365 or Outlook.com mailbox through Microsoft Graph (see docs/sources.md, "Microsoft Graph accounts"). */
export const graphSourceType: SourceType<GraphConfig> = {
  canMarkRead: true,
  type: 'graph',
  parse: parseGraphConfig,
  mailboxes: (config) => [{ id: config.mailbox, name: config.name ?? config.mailbox }],
  create: (config, context) => new GraphSource(config, context),
};
