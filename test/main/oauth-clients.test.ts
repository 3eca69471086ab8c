import { describe, expect, it } from 'vitest';
import { oauthClientsFromEnv, parseOAuthClients } from '../../main/oauth/oauth-clients.ts';

describe('OAuth client ids baked in at build time', () => {
  it('come from the build\'s environment, Google\'s with its (not secret) secret', () => {
    expect(oauthClientsFromEnv({
      MAILTRAY_GOOGLE_CLIENT_ID: '123.apps.googleusercontent.com', MAILTRAY_GOOGLE_CLIENT_SECRET: 'GOCSPX-abc',
      MAILTRAY_MICROSOFT_CLIENT_ID: ' 0a1b2c3d-0000-4000-8000-000000000000 ',
    })).toEqual({
      google: { clientId: '123.apps.googleusercontent.com', clientSecret: 'GOCSPX-abc' },
      microsoft: { clientId: '0a1b2c3d-0000-4000-8000-000000000000' },
    });
  });

  it('are absent when the build sets none, so the form asks for the user\'s own', () => {
    expect(oauthClientsFromEnv({ MAILTRAY_GOOGLE_CLIENT_ID: '  ' })).toEqual({});
  });

  it('are read back from the packed file, and a missing or broken file means none', () => {
    const packed = JSON.stringify(oauthClientsFromEnv({ MAILTRAY_MICROSOFT_CLIENT_ID: 'ms-id' }));
    expect(parseOAuthClients(packed)).toEqual({ microsoft: { clientId: 'ms-id' } });
    expect(parseOAuthClients(undefined)).toEqual({});
    expect(parseOAuthClients('{"google": {"clientId": 5}, "yahoo": {"clientId": "x"}}')).toEqual({});
    expect(parseOAuthClients('not json')).toEqual({});
  });
});
