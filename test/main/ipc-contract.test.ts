import { describe, expect, it } from 'vitest';
import { events, invokes } from '../../main/ipc-contract.ts';
import { invokeHandlers } from '../../main/ipc-handlers.ts';

// The declarations in ipc-contract.ts are the one list of channels: the preload's map, the window's API
// type and main's registrations all come from them, so a slip here would reach all three.
describe('the IPC channels, declared once', () => {
  const invokeChannels = Object.values(invokes).map((entry) => entry.channel);
  const eventChannels = Object.values(events).map((entry) => entry.channel);

  it('gives every method its own channel, an invocation never sharing one with an event', () => {
    const all = [...invokeChannels, ...eventChannels];
    expect(new Set(all).size).toBe(all.length);
  });

  it('has main handle exactly the declared invocations', () => {
    // The handlers are only listed, never called, so no app is needed behind them.
    const handlers = invokeHandlers({} as never, () => { throw new Error('not asked'); });
    expect(Object.keys(handlers).sort()).toEqual([...invokeChannels].sort());
  });
});
