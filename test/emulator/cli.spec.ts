import { describe, expect, it } from 'vitest';
import {
  CLI_DEFAULT_PORT,
  parseCliArgs,
  runCli,
} from '../../lib/testing/emulator/cli.runner.js';

describe('emulator CLI', () => {
  it('parses options in both spellings', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'start',
      options: { port: CLI_DEFAULT_PORT },
    });
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--no-signature-checks',
        '--token-lifetime=60',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        port: 0,
        host: '0.0.0.0',
        verifySignatures: false,
        tokenLifetimeSeconds: 60,
      },
    });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([['--port'], ['--port', 'abc'], ['--host'], ['--bogus']])(
    'rejects %j',
    (...args) => {
      expect(() => parseCliArgs(args)).toThrow();
    },
  );

  it('prints URLs and credentials, and stops on SIGTERM', async () => {
    const out: string[] = [];
    const signals = new Map<string, () => void>();
    const result = await runCli(['--port', '0'], {
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      onSignal: (signal, listener) => signals.set(signal, listener),
    });
    const emu = result.emulator!;
    const text = out.join('');

    expect(result.exitCode).toBe(0);
    for (const value of [
      emu.baseUrl,
      emu.tokenUrl,
      emu.didResolverUrl,
      'm2mc-emulator',
      'emulator-secret',
    ]) {
      expect(text).toContain(value);
    }
    expect([...signals.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    expect(
      (await fetch(`${emu.didResolverUrl}/1.0/identifiers/x`)).status,
    ).toBe(400);
    signals.get('SIGTERM')!();
    await emu.stop();
    await expect(fetch(emu.heartbeatUrl)).rejects.toThrow();
  });

  it('prints usage and exit code 2 for bad arguments', async () => {
    const err: string[] = [];
    const result = await runCli(['--nope'], {
      out: () => undefined,
      err: (text) => err.push(text),
      onSignal: () => undefined,
    });

    expect(result).toEqual({ exitCode: 2 });
    expect(err.join('')).toMatch(/unknown argument --nope[\s\S]*Usage/);
  });
});
