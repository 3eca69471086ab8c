import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { AccountSignIns, type SignInView } from '../../main/oauth/account-sign-ins.ts';
import type { SignInOptions, SignInOutcome, SignInRequest } from '../../main/oauth/loopback-sign-in.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';

/** A provider that signs ann in at once, recording what it was asked. */
function provider(outcome: SignInOutcome = {
  ok: true, refreshToken: 'rt-secret', address: 'ann@example.com', accessToken: 'at-secret', accessTokenExpiresInMs: 3600_000,
}) {
  const asked: SignInRequest[] = [];
  return {
    asked,
    signIn: async (request: SignInRequest, _options: SignInOptions) => { asked.push(request); return outcome; },
  };
}

const english = translatorFor('en');
const words = () => english;
/** A sign-in's view as the window shows it in English. */
const inEnglish = (view: SignInView) => ({ ...view, message: english.say(view.message) });

describe('sign-ins started from the account form', () => {
  it('keep the tokens in main and show the window only an id and the address', async () => {
    const timers = new FakeTimers();
    const google = provider();
    const signIns = new AccountSignIns({ openBrowser: () => {}, words, timers, builtInClients: { google: { clientId: 'built-in', clientSecret: 'not-secret' } }, signIn: google.signIn });
    const view = await signIns.start({ provider: 'google' });
    expect(inEnglish(view)).toEqual({ ok: true, signInId: expect.any(String), address: 'ann@example.com', message: 'Signed in as ann@example.com. Save to keep this account.' });
    expect(JSON.stringify(view)).not.toMatch(/secret/);
    expect(google.asked[0]).toMatchObject({ clientId: 'built-in', clientSecret: 'not-secret', endpoints: { mailScope: 'https://mail.google.com/' } });
    const id = (view as { signInId: string }).signInId;
    expect(signIns.freshAccessToken(id)).toBe('at-secret');
    expect(signIns.take(id)).toMatchObject({ refreshToken: 'rt-secret', provider: 'google' });
    expect(signIns.take(id)).toBeUndefined();
  });

  it('use the client id typed under Advanced over the built-in one', async () => {
    const microsoft = provider();
    const signIns = new AccountSignIns({ openBrowser: () => {}, words, timers: new FakeTimers(), builtInClients: { microsoft: { clientId: 'built-in' } }, signIn: microsoft.signIn });
    await signIns.start({ provider: 'microsoft', clientId: ' our-tenant-app ' });
    expect(microsoft.asked[0]).toMatchObject({ clientId: 'our-tenant-app' });
    expect(microsoft.asked[0]?.clientSecret).toBeUndefined();
  });

  it('say what to do when the build has no client id and none was typed', async () => {
    const signIns = new AccountSignIns({ openBrowser: () => {}, words, timers: new FakeTimers(), builtInClients: {}, signIn: provider().signIn });
    expect(inEnglish(await signIns.start({ provider: 'microsoft' }))).toEqual({
      ok: false, problem: 'no-client',
      message: 'This copy of Mailtray has no Outlook.com / Microsoft 365 client id built in: enter your own under Advanced (docs/sources.md, "Registering an OAuth client", says how to register one).',
    });
  });

  it('forget a sign-in no save took within 30 minutes', async () => {
    const timers = new FakeTimers();
    const signIns = new AccountSignIns({ openBrowser: () => {}, words, timers, builtInClients: { google: { clientId: 'x' } }, signIn: provider().signIn });
    const view = await signIns.start({ provider: 'google' });
    timers.advance(30 * 60_000);
    expect(signIns.take((view as { signInId: string }).signInId)).toBeUndefined();
  });

  it('pass a failed sign-in\'s sentence through, and keep nothing', async () => {
    const denied = provider({ ok: false, problem: 'denied', message: { key: 'account.signIn.denied' } });
    const signIns = new AccountSignIns({ openBrowser: () => {}, words, timers: new FakeTimers(), builtInClients: { google: { clientId: 'x' } }, signIn: denied.signIn });
    expect(await signIns.start({ provider: 'google' })).toEqual({ ok: false, problem: 'denied', message: { key: 'account.signIn.denied' } });
  });
});
