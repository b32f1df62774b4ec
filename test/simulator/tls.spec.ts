import WebSocket from 'ws';
import { RawClient } from '../support/rawClient';
import { startHarness } from '../support/simulatorHarness';

describe('simulator --tls', () => {
  it('serves wss:// with a self-signed certificate that a client trusts explicitly, and only then', async () => {
    const h = await startHarness({ tls: true });
    try {
      expect(h.sim.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
      expect(h.sim.certificatePem).toContain('BEGIN CERTIFICATE');
      const trusted = await RawClient.connect(h.sim.url, { ca: h.sim.certificatePem });
      expect((await trusted.result('getCortexInfo')).version).toBeDefined();
      await trusted.close();
      // verification is on by default: without the CA the handshake fails
      const untrusted = new WebSocket(h.sim.url);
      const error = await new Promise<Error>((resolve) => untrusted.once('error', resolve));
      expect(error.message).toMatch(/self[- ]signed|certificate/i);
    } finally {
      await h.close();
    }
  });
});
