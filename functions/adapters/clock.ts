import type { Clock, SettingsStore } from "../core/ports";

export const systemClock: Clock = { now: () => new Date() };

const OFFSET_KEY = "virtualClockOffsetMs";

/**
 * Local mode's clock: real time plus an offset that only grows, kept in the store so that a
 * restart does not send months of simulated time back (timers would fire twice or never).
 */
export class VirtualClock implements Clock {
  private constructor(
    private readonly store: SettingsStore,
    private offset: number,
  ) {}

  static async load(store: SettingsStore): Promise<VirtualClock> {
    return new VirtualClock(store, (await store.getSetting<number>(OFFSET_KEY)) ?? 0);
  }

  get offsetMs(): number {
    return this.offset;
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the virtual clock only moves forward");
    this.offset += ms;
    await this.store.putSetting(OFFSET_KEY, this.offset);
  }

  /** Moves to an instant; earlier instants are refused. */
  async set(instant: Date): Promise<void> {
    await this.advance(instant.getTime() - this.now().getTime());
  }
}
