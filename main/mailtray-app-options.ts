import type { Timers } from '../common/timers.ts';
import type { EndpointsFor } from './bundled/account-entry.ts';
import type { AccountTestOptions } from './bundled/account-test.ts';
import type { SpawnServer } from './bundled/bundled-server-supervisor.ts';
import type { RequestCounts, RequestMarkRead } from './connection/counts-client.ts';
import type { OAuthClients } from './oauth/oauth-clients.ts';
import type { Settings } from './settings/settings.ts';
import type { Shell } from './shell.ts';


export interface MailtrayAppOptions {
  shell: Shell;
  settings: Settings;
  requestCounts: RequestCounts;
  spawnServer: SpawnServer;
  timers?: Timers;
  random?: () => number;
  /** The OS's "is there a network?" (Electron's `net.isOnline()`); asked on events, never on a timer while live. */
  isOnline?: () => boolean;
  waitSeconds?: number;
  burstMs?: number;
  /** POST /v1/mailboxes/<id>/read; without it Mark as read says it cannot. */
  requestMarkRead?: RequestMarkRead;
  /** The OAuth client ids the build brings (dist/main/oauth-clients.json). */
  oauthClients?: OAuthClients;
  /** The providers' OAuth endpoints; tests point them at their own server. */
  oauthEndpoints?: EndpointsFor;
  accountTestOptions?: AccountTestOptions;
  /** Where the sounds shipped with the app are (build/sounds/, packed beside the app as resources). */
  soundsFolder?: string;
  /** How long the attention cue changes the tray icon; 3 s by default. */
  cueMs?: number;
  /** The desktop's Do Not Disturb is on (no notification of a newer version then); none: not known. */
  isDoNotDisturb?: () => boolean;
}
