import { describe, expect, it } from 'vitest';
import { OperonApiError } from '../../lib/index.js';
import { HeartbeatTracker } from '../../lib/heartbeat/heartbeat.state.js';

const live = { enabled: true, running: true, busy: false, intervalMs: 5 };

describe('HeartbeatTracker', () => {
  it('counts failures until a success, which reports how many it ended', () => {
    const tracker = new HeartbeatTracker();
    tracker.beatBegun();
    tracker.failed(new OperonApiError({ status: 500, message: 'down' }));
    tracker.beatBegun();
    tracker.failed(new Error('again'));
    expect(tracker.snapshot(live)).toMatchObject({
      beats: 2,
      consecutiveFailures: 2,
      lastError: 'Error: again',
    });
    expect(tracker.succeeded()).toBe(2);
    expect(tracker.succeeded()).toBe(0);
    const state = tracker.snapshot(live);
    expect(state.consecutiveFailures).toBe(0);
    expect(state.lastError).toBe('Error: again');
    expect(state.lastSuccessAt!.getTime()).toBeGreaterThanOrEqual(
      state.lastFailureAt!.getTime(),
    );
  });

  it('keeps only a safe description of errors', () => {
    const tracker = new HeartbeatTracker();
    const error = Object.assign(new Error('socket hang up'), {
      config: { headers: { Authorization: 'Bearer secret-token' } },
    });
    tracker.failed(error);
    const state = tracker.snapshot(live);
    expect(state.lastError).toBe('Error: socket hang up');
    expect(JSON.stringify(state)).not.toContain('secret-token');
  });

  it('hands out copies of its dates', () => {
    const tracker = new HeartbeatTracker();
    tracker.started();
    tracker.beatBegun();
    const first = tracker.snapshot(live);
    first.startedAt!.setTime(0);
    first.lastBeatAt!.setTime(0);
    const second = tracker.snapshot(live);
    expect(second.startedAt!.getTime()).toBeGreaterThan(0);
    expect(second.lastBeatAt!.getTime()).toBeGreaterThan(0);
    expect(second).toMatchObject(live);
  });
});
