import { SchedulerRegistry } from '@nestjs/schedule';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HeartbeatLoop,
  type HeartbeatLoopHooks,
} from '../../lib/heartbeat/heartbeat.loop.js';

const INTERVAL = 1_000;
const NAME = 'operon:heartbeat';

interface Harness {
  loop: HeartbeatLoop;
  registry: SchedulerRegistry;
  beats: number;
  skips: number;
  crashes: unknown[];
  /** Resolves the beat in flight, if it is controlled. */
  release: () => void;
}

/** A loop whose beats last until `release()` when `hold` is true. */
function harness(
  opts: { hold?: boolean; throws?: boolean } = {},
  registry = new SchedulerRegistry(),
): Harness {
  const h = { registry, beats: 0, skips: 0, crashes: [] } as Partial<Harness>;
  h.release = () => undefined;
  const hooks: HeartbeatLoopHooks = {
    beat: () => {
      h.beats!++;
      if (opts.throws) throw new Error('boom');
      if (!opts.hold) return Promise.resolve();
      return new Promise<void>((resolve) => (h.release = resolve));
    },
    skipped: () => void h.skips!++,
    crashed: (error) => void h.crashes!.push(error),
  };
  h.loop = new HeartbeatLoop(registry, NAME, INTERVAL, hooks);
  return h as Harness;
}

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('HeartbeatLoop cadence', () => {
  it('beats at start, then once per interval', async () => {
    const h = harness();
    expect(h.loop.start()).toBe(NAME);
    expect(h.beats).toBe(1);

    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(h.beats).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.beats).toBe(2);
    await vi.advanceTimersByTimeAsync(INTERVAL * 5);
    expect(h.beats).toBe(7);
    expect(h.skips).toBe(0);
    await h.loop.stop();
  });

  it('registers one interval under its name, and start() is idempotent', async () => {
    const h = harness();
    h.loop.start();
    h.loop.start();
    expect(h.registry.getIntervals()).toEqual([NAME]);
    expect(vi.getTimerCount()).toBe(1);
    expect(h.beats).toBe(1);
    await h.loop.stop();
  });

  it('takes a free name when another module holds the default one', async () => {
    const registry = new SchedulerRegistry();
    const first = harness({}, registry);
    const second = harness({}, registry);
    expect(first.loop.start()).toBe(NAME);
    expect(second.loop.start()).toBe(`${NAME}:2`);
    await first.loop.stop();
    expect(registry.getIntervals()).toEqual([`${NAME}:2`]);
    await second.loop.stop();
    expect(registry.getIntervals()).toEqual([]);
  });
});

describe('HeartbeatLoop skip while busy', () => {
  it('skips ticks while a beat is in flight, resumes after', async () => {
    const h = harness({ hold: true });
    h.loop.start();
    expect(h.loop.busy).toBe(true);

    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(h.beats).toBe(1);
    expect(h.skips).toBe(3);

    h.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.loop.busy).toBe(false);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(h.beats).toBe(2);
    expect(h.skips).toBe(3);
    h.release();
    await h.loop.stop();
  });

  it('keeps ticking after a beat throws', async () => {
    const h = harness({ throws: true });
    h.loop.start();
    await vi.advanceTimersByTimeAsync(INTERVAL * 2);
    expect(h.beats).toBe(3);
    expect(h.crashes).toHaveLength(3);
    expect((h.crashes[0] as Error).message).toBe('boom');
    await h.loop.stop();
  });
});

describe('HeartbeatLoop stop', () => {
  it('clears and unregisters the interval: no timer, no more beats', async () => {
    const h = harness();
    h.loop.start();
    await h.loop.stop();
    expect(h.registry.doesExist('interval', NAME)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(INTERVAL * 3);
    expect(h.beats).toBe(1);
    expect(h.loop.registeredAs).toBeUndefined();
  });

  it('returns the in-flight beat, and a late tick does nothing', async () => {
    const h = harness({ hold: true });
    h.loop.start();
    let settled = false;
    const done = h.loop.stop().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    h.release();
    await done;
    h.loop.tick();
    expect(h.beats).toBe(1);
  });

  it('does not throw when the scheduler sweep removed the interval', async () => {
    const h = harness();
    h.loop.start();
    // What ScheduleModule does in beforeApplicationShutdown.
    for (const name of h.registry.getIntervals()) {
      h.registry.deleteInterval(name);
    }
    await expect(h.loop.stop()).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves an interval someone else registered under its name alone', async () => {
    const h = harness();
    h.loop.start();
    h.registry.deleteInterval(NAME);
    const foreign = setInterval(() => undefined, INTERVAL);
    h.registry.addInterval(NAME, foreign);
    await h.loop.stop();
    expect(h.registry.getInterval(NAME)).toBe(foreign);
    h.registry.deleteInterval(NAME);
  });

  it('can start again after a stop', async () => {
    const h = harness();
    h.loop.start();
    await h.loop.stop();
    expect(h.loop.start()).toBe(NAME);
    expect(h.beats).toBe(2);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(h.beats).toBe(3);
    await h.loop.stop();
  });
});
