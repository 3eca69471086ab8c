/**
 * The rules of Electron's start-up that the stand-in enforces, each from
 * Electron's documentation (or, for the lock, Chromium's design), so an app
 * that breaks one fails here as loudly as it would on a user's machine, or
 * louder: some of these only misbehave quietly in real Electron.
 *
 * Plain state and checks, no Electron and no I/O, so a unit test
 * (test/e2e/stand-in-rules.test.ts) can break each rule directly.
 */
export class StartupRuleBroken extends Error {
  override name = 'StartupRuleBroken';
}

export class StartupRules {
  #isReady = false;
  #privilegedSchemes: string[] | undefined;
  #lockTakenIn: string | undefined;
  readonly #handledChannels = new Set<string>();
  readonly #handledSchemes = new Set<string>();

  get isReady(): boolean {
    return this.#isReady;
  }

  becomeReady(): void {
    this.#isReady = true;
  }

  /**
   * protocol.registerSchemesAsPrivileged: "This method can only be used before
   * the ready event of the app module gets emitted and can be called only once."
   */
  registerPrivileged(schemes: string[]): void {
    if (this.#isReady) this.#broken('protocol.registerSchemesAsPrivileged was called after ready; Electron allows it only before');
    if (this.#privilegedSchemes) this.#broken('protocol.registerSchemesAsPrivileged was called a second time; Electron allows it once');
    this.#privilegedSchemes = schemes;
  }

  /** Whether a scheme was registered as privileged (standard and secure), so its pages get an origin and module scripts. */
  isPrivileged(scheme: string): boolean {
    return this.#privilegedSchemes?.includes(scheme) ?? false;
  }

  /**
   * "All methods unless specified can only be used after the ready event" (protocol),
   * "You cannot use this module until the ready event" (BrowserWindow, session),
   * utilityProcess.fork "can only be called after the ready event".
   */
  requireReady(api: string): void {
    if (!this.#isReady) this.#broken(`${api} was used before the app was ready; Electron allows it only after 'ready' (app.whenReady())`);
  }

  /** protocol.handle: one handler a scheme; a second one throws in Electron. */
  handleScheme(scheme: string): void {
    this.requireReady(`protocol.handle('${scheme}')`);
    if (this.#handledSchemes.has(scheme)) this.#broken(`protocol.handle('${scheme}') was called twice; Electron refuses a second handler`);
    this.#handledSchemes.add(scheme);
  }

  isHandled(scheme: string): boolean {
    return this.#handledSchemes.has(scheme);
  }

  /** ipcMain.handle: "Attempted to register a second handler for '<channel>'". */
  handleChannel(channel: string): void {
    if (this.#handledChannels.has(channel)) this.#broken(`Attempted to register a second handler for '${channel}'`);
    this.#handledChannels.add(channel);
  }

  /**
   * Chromium keeps the single-instance lock in the user data folder (its
   * ProcessSingleton): userData must be set before the lock is asked for, or
   * the lock and the profile are in different places and a second instance
   * with the same profile is not stopped.
   */
  takeLock(userData: string): void {
    this.#lockTakenIn = userData;
  }

  setUserData(path: string): void {
    if (this.#lockTakenIn !== undefined && this.#lockTakenIn !== path) {
      this.#broken(`app.setPath('userData') was called after app.requestSingleInstanceLock(); the lock stays in ${this.#lockTakenIn}`);
    }
  }

  #broken(message: string): never {
    throw new StartupRuleBroken(`stand-in Electron: ${message}`);
  }
}
