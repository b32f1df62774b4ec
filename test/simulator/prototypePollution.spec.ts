import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isoLocal } from '../../src/simulator/isoTime';
import { startHarness, openSession } from '../support/simulatorHarness';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

describe('simulator security: prototype pollution', () => {
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(() => expectNoOpenHandles(baseline));

  it('record metadata read from disk with __proto__ and constructor keys is plain data; nothing reaches Object.prototype', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-proto-'));
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const sensors = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
    const start = Date.now() - 10_000;
    const writeRecord = (uuid: string, appId: string) => {
      const dir = join(dataDir, 'records', uuid);
      mkdirSync(dir, { recursive: true });
      // hand-written JSON: JSON.stringify would never write a "__proto__" key
      const meta = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},
        "format":"cortex-rx-record","version":1,"appId":${JSON.stringify(appId)},"sessionId":"s-1","running":true,
        "record":{"__proto__":{"polluted":true},"uuid":${JSON.stringify(uuid)},"title":"from disk","startDatetime":${JSON.stringify(isoLocal(start))},
          "tags":["__proto__"],"markers":[{"__proto__":{"polluted":true},"uuid":"m-1","type":"instance","value":1,"label":"constructor",
          "port":"x","startDatetime":${JSON.stringify(isoLocal(start + 1000))},"endDatetime":${JSON.stringify(isoLocal(start + 1000))},"extras":{"__proto__":{"polluted":true}}}]},
        "headset":{"__proto__":{"polluted":true},"id":"INSIGHT-PROTO","sensors":${JSON.stringify(sensors)}},
        "streams":[{"__proto__":{"polluted":true},"stream":"eeg","columns":${JSON.stringify(['COUNTER', 'INTERPOLATED', ...sensors, 'RAW_CQ', 'MARKER_HARDWARE'])},"sampleRateHz":128}]}`;
      writeFileSync(join(dir, 'meta.json'), meta);
      const rows = 256;
      const width = 1 + 2 + sensors.length + 2;
      const data = new Float64Array(rows * width);
      for (let r = 0; r < rows; r++) {
        data[r * width] = start / 1000 + r / 128;
        data[r * width + 1] = r % 128;
        for (let s = 0; s < sensors.length; s++) data[r * width + 3 + s] = 4200 + s;
      }
      writeFileSync(join(dir, 'eeg.f64'), Buffer.from(data.buffer));
    };
    writeRecord('__proto__', 'com.example.proto');
    writeRecord('constructor', 'com.example.proto');
    writeRecord('plain-record', '__proto__');
    const h = await startHarness(
      { headsets: 'INSIGHT', apps: [{ clientId: 'proto', clientSecret: 's', appId: 'com.example.proto' }] },
      dataDir,
    );
    try {
      const c = await h.client();
      const token = await c.authorize('proto', 's');
      const q = await c.result('queryRecords', {
        cortexToken: token,
        query: {},
        orderBy: [{ title: 'ASC' }],
        includeMarkers: true,
      });
      expect(q.records.map((r: { uuid: string }) => r.uuid).sort()).toEqual(['__proto__', 'constructor']);
      // recovered as stopped at its last row, 2 s after its start
      for (const r of q.records)
        expect(Date.parse(r.endDatetime) - Date.parse(r.startDatetime)).toBeCloseTo((255 / 128) * 1000, -1);
      const updated = await c.result('updateRecord', {
        cortexToken: token,
        record: '__proto__',
        title: 'renamed',
        tags: ['constructor'],
      });
      expect(updated.title).toBe('renamed');
      const folder = join(dataDir, 'export');
      mkdirSync(folder);
      const exp = await c.result('exportRecord', {
        cortexToken: token,
        recordIds: ['__proto__', 'constructor'],
        folder,
        streamTypes: ['EEG'],
        format: 'EDFPLUS',
      });
      expect(exp.failure).toEqual([]);
      expect(readdirSync(folder).filter((f) => f.endsWith('.edf'))).toHaveLength(2);
      // an app whose id is "__proto__" owns nothing it did not create
      const other = await h.client();
      expect((await other.call('authorize', { clientId: '__proto__', clientSecret: 's' })).error?.code).toBe(-32021);
    } finally {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('requests with __proto__ and constructor keys in params change nothing shared', async () => {
    const h = await startHarness({ headsets: 'INSIGHT' });
    try {
      const c = await h.client();
      const { token, sessionId } = await openSession(c, h.sim);
      await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'x' });
      c.sendRaw(
        `{"jsonrpc":"2.0","id":"p1","method":"injectMarker","params":{"cortexToken":${JSON.stringify(token)},"session":${JSON.stringify(sessionId)},` +
          `"time":${Date.now()},"value":1,"label":"l","extras":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}}`,
      );
      const r = (await c.waitFor((f) => f.id === 'p1')) as {
        result: { marker: { extras: Record<string, unknown> } };
      };
      expect(Object.keys(r.result.marker.extras).sort()).toEqual(['__proto__', 'constructor']);
      c.sendRaw(
        `{"jsonrpc":"2.0","id":"p2","method":"createSubject","params":{"cortexToken":${JSON.stringify(token)},"subjectName":"__proto__"}}`,
      );
      await c.waitFor((f) => f.id === 'p2');
      expect(
        (await c.result('querySubjects', { cortexToken: token, query: {}, orderBy: [] })).subjects.map(
          (s: { subjectName: string }) => s.subjectName,
        ),
      ).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
