import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSimulator, type RunningSimulator, type SimulatorConfig } from '../../src/simulator';
import { RawClient } from './rawClient';

/** A simulator on 127.0.0.1:0 with a temp data dir, and the raw clients a test opened on it. */
export interface Harness {
  readonly sim: RunningSimulator;
  readonly dataDir: string;
  client(): Promise<RawClient>;
  close(): Promise<void>;
}

/** Starts a simulator for one test (fast connect/post-processing delays, temp data dir). */
export async function startHarness(config: SimulatorConfig = {}, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cortex-rx-sim-'));
  const sim = await startSimulator({
    port: 0,
    dataDir: dir,
    connectDelayMs: 20,
    scanDurationMs: 50,
    postProcessingDelayMs: 20,
    trainingDurationMs: 100,
    headsetLossTimeoutMs: 150,
    ...config,
  });
  const clients: RawClient[] = [];
  return {
    sim,
    dataDir: dir,
    client: async () => {
      const c = await RawClient.connect(sim.url);
      clients.push(c);
      return c;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sim.close();
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** authorize + connect the first headset (or the one named) + createSession; returns what the test needs. */
export async function openSession(
  c: RawClient,
  sim: RunningSimulator,
  opts: { status?: 'open' | 'active'; headset?: string; clientId?: string } = {},
): Promise<{ token: string; sessionId: string; headsetId: string; session: any }> {
  const token = await c.authorize(opts.clientId ?? 'test-app');
  const headsetId = opts.headset ?? sim.headsetIds[0];
  await c.connectHeadset(headsetId);
  const session = await c.result('createSession', {
    cortexToken: token,
    headset: headsetId,
    status: opts.status ?? 'active',
  });
  return { token, sessionId: session.id, headsetId, session };
}

/** Trains the mental command `action` on the session and accepts it (start, wait for MC_Succeeded, accept). */
export async function trainMentalCommand(c: RawClient, token: string, session: string, action: string): Promise<void> {
  const from = c.frames.length;
  const params = { cortexToken: token, session, detection: 'mentalCommand', action };
  await c.result('training', { ...params, status: 'start' });
  await c.waitFor((f) => Array.isArray(f.sys) && (f.sys as string[])[1] === 'MC_Succeeded', 5000, from);
  await c.result('training', { ...params, status: 'accept' });
}
