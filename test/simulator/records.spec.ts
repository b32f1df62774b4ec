import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHarness, openSession } from '../support/simulatorHarness';
import { sleep } from '../support/rawClient';

describe('simulator records (§6) and markers (§7)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-records-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records survive a simulator restart, with their markers', async () => {
    const first = await startHarness({ headsets: 'INSIGHT' }, dataDir);
    const c = await first.client();
    const { token, sessionId } = await openSession(c, first.sim, { clientId: 'keeper' });
    const rec = await c.result('createRecord', {
      cortexToken: token,
      session: sessionId,
      title: 'keep me',
      description: 'd',
    });
    await sleep(300);
    await c.result('injectMarker', {
      cortexToken: token,
      session: sessionId,
      time: Date.now(),
      value: 'go',
      label: 'cue',
    });
    await sleep(300);
    await c.result('stopRecord', { cortexToken: token, session: sessionId });
    await first.close();

    const second = await startHarness({ headsets: 'INSIGHT' }, dataDir);
    try {
      const d = await second.client();
      const t2 = await d.authorize('keeper');
      const q = await d.result('queryRecords', {
        cortexToken: t2,
        query: {},
        orderBy: [{ startDatetime: 'ASC' }],
        includeMarkers: true,
      });
      expect(q.count).toBe(1);
      expect(q.records[0]).toEqual(
        expect.objectContaining({ uuid: rec.record.uuid, title: 'keep me', description: 'd' }),
      );
      expect(q.records[0].markers.map((m: { label: string }) => m.label)).toEqual(['cue']);
      expect(q.records[0].endDatetime).toBeDefined();
      // without includeMarkers, no markers field
      const plain = await d.result('queryRecords', { cortexToken: t2, query: {}, orderBy: [{ startDatetime: 'ASC' }] });
      expect(plain.records[0].markers).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('query, order, paginate, update and delete records, per app', async () => {
    const h = await startHarness({ headsets: 'INSIGHT' }, dataDir);
    try {
      const c = await h.client();
      const { token, sessionId } = await openSession(c, h.sim, { clientId: 'lab' });
      const ids: string[] = [];
      for (const title of ['beta run', 'alpha run', 'gamma test']) {
        const r = await c.result('createRecord', { cortexToken: token, session: sessionId, title });
        ids.push(r.record.uuid);
        expect(
          (await c.call('createRecord', { cortexToken: token, session: sessionId, title: 'twice' })).error?.code,
        ).toBe(-32017);
        await c.result('stopRecord', { cortexToken: token, session: sessionId });
      }
      expect((await c.call('stopRecord', { cortexToken: token, session: sessionId })).error?.code).toBe(-32011);
      expect(
        (
          await c.call('injectMarker', {
            cortexToken: token,
            session: sessionId,
            time: Date.now(),
            value: 1,
            label: 'x',
          })
        ).error?.code,
      ).toBe(-32011);
      const session = (await c.result('querySessions', { cortexToken: token }))[0];
      expect(session.recordIds).toEqual(ids);
      expect(session.recording).toBe(false);

      const byTitle = await c.result('queryRecords', { cortexToken: token, query: {}, orderBy: [{ title: 'ASC' }] });
      expect(byTitle.records.map((r: { title: string }) => r.title)).toEqual(['alpha run', 'beta run', 'gamma test']);
      const page = await c.result('queryRecords', {
        cortexToken: token,
        query: {},
        orderBy: [{ title: 'DESC' }],
        limit: 1,
        offset: 1,
      });
      expect(page).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 1 }));
      expect(page.records.map((r: { title: string }) => r.title)).toEqual(['beta run']);
      const kw = await c.result('queryRecords', {
        cortexToken: token,
        query: { keyword: 'RUN' },
        orderBy: [{ title: 'ASC' }],
      });
      expect(kw.count).toBe(2);
      const synced = await c.result('queryRecords', {
        cortexToken: token,
        query: {},
        orderBy: [],
        includeSyncStatusInfo: true,
      });
      expect(synced.records[0].syncStatus).toEqual({ status: 'neverUploaded' });
      expect(byTitle.records[0].syncStatus).toBeUndefined();
      expect(
        (await c.call('queryRecords', { cortexToken: token, query: {}, orderBy: [{ uuid: 'ASC' }] })).error?.code,
      ).toBe(-32602);

      const updated = await c.result('updateRecord', {
        cortexToken: token,
        record: ids[0],
        title: 'renamed',
        tags: ['t'],
      });
      expect(updated).toEqual(expect.objectContaining({ uuid: ids[0], title: 'renamed', tags: ['t'] }));

      // another app can neither read, update, export nor delete them
      const other = await h.client();
      const t2 = await other.authorize('thief');
      expect((await other.result('queryRecords', { cortexToken: t2, query: {}, orderBy: [] })).count).toBe(0);
      expect((await other.call('getRecordInfos', { cortexToken: t2, recordIds: [ids[0]] })).error?.code).toBe(-32047);
      expect((await other.call('updateRecord', { cortexToken: t2, record: ids[0], title: 'x' })).error?.code).toBe(
        -32047,
      );
      const stolen = await other.result('deleteRecord', { cortexToken: t2, records: [ids[0]] });
      expect(stolen.success).toEqual([]);
      expect(stolen.failure[0]).toEqual(expect.objectContaining({ recordId: ids[0], code: -32047 }));
      const exp = await other.result('exportRecord', {
        cortexToken: t2,
        recordIds: [ids[0]],
        folder: dataDir,
        streamTypes: ['EEG'],
        format: 'CSV',
      });
      expect(exp.failure[0].code).toBe(-32047);

      const del = await c.result('deleteRecord', { cortexToken: token, records: [ids[1], 'missing'] });
      expect(del.success).toEqual([{ recordId: ids[1] }]);
      expect(del.failure.map((f: { recordId: string }) => f.recordId)).toEqual(['missing']);
      expect((await c.result('queryRecords', { cortexToken: token, query: {}, orderBy: [] })).count).toBe(2);
    } finally {
      await h.close();
    }
  });

  it('refuses export before post-processing (warning 30) and into a missing folder', async () => {
    const h = await startHarness({ headsets: 'INSIGHT', postProcessingDelayMs: 400 }, dataDir);
    try {
      const c = await h.client();
      const { token, sessionId } = await openSession(c, h.sim);
      const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'wait' });
      await sleep(200);
      await c.result('stopRecord', { cortexToken: token, session: sessionId });
      const exportParams = {
        cortexToken: token,
        recordIds: [rec.record.uuid],
        folder: dataDir,
        streamTypes: ['EEG'],
        format: 'CSV',
      };
      const early = await c.result('exportRecord', exportParams);
      expect(early.failure).toHaveLength(1);
      expect((await c.warning(30)).message.recordId).toBe(rec.record.uuid);
      const ok = await c.result('exportRecord', exportParams);
      expect(ok.success).toEqual([{ recordId: rec.record.uuid }]);
      const missing = await c.call('exportRecord', { ...exportParams, folder: join(dataDir, 'nope') });
      expect(missing.error?.code).toBe(-32602);
      expect(missing.error?.message).toContain("'folder'");
    } finally {
      await h.close();
    }
  });
});
