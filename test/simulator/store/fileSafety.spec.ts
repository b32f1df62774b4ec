import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExportError } from '../../../src/simulator/export/exportError';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal } from '../../../src/simulator/isoTime';
import { startSimulator } from '../../../src/simulator/startSimulator';
import { ProfileStore } from '../../../src/simulator/store/profileStore';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import type { NewRecord, StreamLayout } from '../../../src/simulator/store/storeTypes';
import { cortexRxCommand } from '../../support/childProcesses';
import { until } from '../../support/rawClient';

// Issue 13 §4: the store and the exporters never write or read through a symbolic link planted in the data dir or
// the export folder.

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const EEG: StreamLayout = {
  stream: 'eeg',
  columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
  sampleRateHz: 128,
};
const T0_S = 1714620001.529;
const ID = 'rec-1';
const VICTIM_TEXT = 'precious data outside the data dir and the export folder\n';
/** A deadline for a child process (compiling src/ on the fly on a busy machine), not a timing under test. */
const CHILD_DEADLINE_MS = 120_000;

const newRecord = (uuid: string): NewRecord => ({
  record: { uuid, title: 'Run 1', startDatetime: isoLocal(T0_S * 1000) },
  appId: 'com.example.app',
  sessionId: 'session-1',
  headset: { id: 'INSIGHT-TEST', sensors: SENSORS },
  streams: [EEG],
});

let dir: string;
let victim: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-files-'));
  victim = path.join(dir, 'victim.txt');
  fs.writeFileSync(victim, VICTIM_TEXT);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A store in `<dir>/data` with one record of 300 eeg rows and a marker, stopped unless `running`. */
async function storeWithRecord(running = false): Promise<RecordStore> {
  const store = await RecordStore.open(path.join(dir, 'data'));
  const w = store.create(newRecord(ID));
  for (let i = 0; i < 300; i++)
    w.append('eeg', T0_S + i / 128, [i % 128, 0, ...SENSORS.map((_, s) => 4200 + s + i), 0, 0]);
  const at = isoLocal((T0_S + 1) * 1000);
  w.addMarker({ uuid: 'm', type: 'instance', value: 1, label: 'stim', port: 'p', startDatetime: at, endDatetime: at });
  if (running) await store.close();
  else w.stop(isoLocal((T0_S + 3) * 1000));
  return store;
}

const expectVictimIntact = () => expect(fs.readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);

describe('file safety: export', () => {
  it('a symlink at the old predictable temporary name (<file>.<pid>.tmp) or at the final name is never written through', async () => {
    const store = await storeWithRecord();
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const stem = path.join(out, `Run_1_${ID}`);
    const finals = [`${stem}_EEG.csv`, `${stem}_markers.csv`, `${stem}.edf`, `${stem}_markers.json`];
    for (const f of finals) fs.symlinkSync(victim, `${f}.${process.pid}.tmp`);
    // A link at the final name is replaced by the export, not written through.
    fs.symlinkSync(victim, `${stem}_EEG.csv`);

    exportRecord(store, ID, { folder: out, format: 'CSV', streamTypes: ['EEG'] });
    exportRecord(store, ID, { folder: out, format: 'EDFPLUS', streamTypes: ['EEG'] });
    await store.close();

    expectVictimIntact();
    for (const f of finals) expect(fs.lstatSync(f).isFile()).toBe(true);
    expect(fs.readFileSync(`${stem}_markers.csv`, 'utf8')).toContain('stim');
    // Nothing else is left in the folder: the planted links and the exported files.
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toHaveLength(finals.length);
  });

  it('refuses (IO_FAILED, naming the file) to read a stream file that is a symlink, and writes nothing', async () => {
    const store = await storeWithRecord();
    const eegFile = path.join(dir, 'data', 'records', ID, 'eeg.f64');
    const outside = path.join(dir, 'outside.f64');
    fs.renameSync(eegFile, outside); // whole rows: an export through the link would succeed
    fs.symlinkSync(outside, eegFile);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    let error: unknown;
    try {
      exportRecord(store, ID, { folder: out, format: 'CSV', streamTypes: ['EEG'] });
    } catch (e) {
      error = e;
    }
    await store.close();
    expect(error).toBeInstanceOf(ExportError);
    expect(error).toMatchObject({ reason: 'IO_FAILED', message: expect.stringContaining('eeg.f64') });
    expect((error as Error).message).toMatch(/symbolic link|not a regular file/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

describe('file safety: the record store', () => {
  it("a symlink at meta.json's temporary name is never written through", async () => {
    const store = await storeWithRecord();
    const metaTmp = path.join(dir, 'data', 'records', ID, 'meta.json.tmp');
    fs.symlinkSync(victim, metaTmp);
    store.update(ID, { title: 'Renamed' });
    await store.close();
    expectVictimIntact();
    const meta = path.join(dir, 'data', 'records', ID, 'meta.json');
    expect(fs.lstatSync(meta).isFile()).toBe(true);
    expect(JSON.parse(fs.readFileSync(meta, 'utf8')).record.title).toBe('Renamed');
  });
  it("creating a record never writes through a link planted at a stream file's name", async () => {
    const store = await RecordStore.open(path.join(dir, 'data'));
    const planted = path.join(dir, 'data', 'records', 'rec-2');
    fs.mkdirSync(planted);
    fs.symlinkSync(victim, path.join(planted, 'eeg.f64'));
    expect(() => store.create(newRecord('rec-2'))).toThrow(expect.objectContaining({ code: 'IO_FAILED' }));
    await store.close();
    expectVictimIntact();
  });

  it('profiles.json is not read through a link: the link is moved aside, reported, and what it points to is untouched', () => {
    const outside = path.join(dir, 'outside-profiles.json');
    const outsideText = JSON.stringify({ profiles: [] });
    fs.writeFileSync(outside, outsideText);
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    fs.symlinkSync(outside, path.join(dataDir, 'profiles.json'));
    const lines: string[] = [];
    ProfileStore.open(dataDir, (l) => lines.push(l));
    expect(lines).toEqual([expect.stringMatching(/profiles\.json is a symbolic link, not a regular file: refused/)]);
    const aside = fs.readdirSync(dataDir).filter((n) => n.startsWith('profiles.json.bad-'));
    expect(aside).toHaveLength(1);
    expect(fs.lstatSync(path.join(dataDir, aside[0]!)).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(outside, 'utf8')).toBe(outsideText);
  });
});

/** Makes `<dataDir>/records/<name>` a record of `storeWithRecord` under another name (a copy of rec-1). */
function copyRecord(name: string): string {
  const from = path.join(dir, 'data', 'records', ID);
  const to = path.join(dir, 'data', 'records', name);
  fs.cpSync(from, to, { recursive: true });
  const metaFile = path.join(to, 'meta.json');
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  meta.record.uuid = name;
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  return to;
}

describe('file safety: start-up recovery and quarantine', () => {
  it('recovery never follows a <stream>.f64 symlink: the file it points to is not truncated, the record is quarantined', async () => {
    await storeWithRecord(true); // left running: recovery truncates torn rows and sets the end
    const eegFile = path.join(dir, 'data', 'records', ID, 'eeg.f64');
    fs.rmSync(eegFile);
    fs.symlinkSync(victim, eegFile); // 57 bytes: less than one row, so a recovery through the link would empty it
    const store = await RecordStore.open(path.join(dir, 'data'));
    await store.close();
    expectVictimIntact();
    expect(store.get(ID)).toBeUndefined();
    expect(store.quarantined).toEqual([
      {
        recordId: ID,
        reason: expect.stringMatching(/eeg\.f64 is a symbolic link/),
        movedTo: path.join(dir, 'data', 'quarantine', ID),
      },
    ]);
    // Moved as it was: the link itself, untouched.
    expect(fs.lstatSync(path.join(dir, 'data', 'quarantine', ID, 'eeg.f64')).isSymbolicLink()).toBe(true);
  });

  it('a markers.jsonl that is a symlink is not read through: the record is quarantined, the file it points to untouched', async () => {
    await storeWithRecord();
    const log = path.join(dir, 'data', 'records', ID, 'markers.jsonl');
    fs.rmSync(log, { force: true });
    fs.symlinkSync(victim, log);
    const store = await RecordStore.open(path.join(dir, 'data'));
    await store.close();
    expectVictimIntact();
    expect(store.get(ID)).toBeUndefined();
    expect(store.quarantined).toEqual([
      {
        recordId: ID,
        reason: expect.stringMatching(/markers\.jsonl .*symbolic link/),
        movedTo: path.join(dir, 'data', 'quarantine', ID),
      },
    ]);
  });

  it('damaged records (dangling link, directory for a .f64, garbage meta.json, NaN rows, a stray file) are quarantined and reported once; the simulator starts', async () => {
    await storeWithRecord();
    const records = path.join(dir, 'data', 'records');
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(records, 'dangling'));
    const dirF64 = copyRecord('dir-f64');
    fs.rmSync(path.join(dirF64, 'eeg.f64'));
    fs.mkdirSync(path.join(dirF64, 'eeg.f64'));
    fs.writeFileSync(path.join(copyRecord('garbage'), 'meta.json'), '{"format": "cortex-rx-rec');
    const nanRows = path.join(copyRecord('nan-rows'), 'eeg.f64');
    fs.writeFileSync(nanRows, Buffer.from(new Float64Array(9 * 4).fill(NaN).buffer));
    fs.writeFileSync(path.join(records, 'stray.txt'), 'not a record');
    fs.mkdirSync(path.join(records, 'half-created')); // a create that never returned: no meta.json

    const lines: string[] = [];
    const sim = await startSimulator({
      port: 0,
      dataDir: path.join(dir, 'data'),
      headsets: 'INSIGHT',
      log: (l) => lines.push(l),
    });
    const { quarantined } = sim.stats();
    await sim.close();
    const reasons = Object.fromEntries(quarantined.map((q) => [q.recordId, q.reason]));
    expect(reasons).toEqual({
      dangling: 'a symbolic link where a record directory should be',
      'dir-f64': expect.stringMatching(/eeg\.f64 is a directory, not a regular file/),
      garbage: expect.stringMatching(/^meta\.json is not valid JSON/),
      'half-created': 'no meta.json (a record whose creation never finished)',
      'nan-rows': expect.stringMatching(/eeg\.f64: the time of the last row is NaN/),
      'stray.txt': 'not a record directory',
    });
    const reported = lines.filter((l) => l.startsWith('quarantined'));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^quarantined 6 damaged record\(s\): dangling \(/);
    expect(fs.readdirSync(path.join(dir, 'data', 'quarantine')).sort()).toEqual(Object.keys(reasons).sort());
    expect(fs.readdirSync(records)).toEqual([ID]);

    // The intact record is kept, and the next start has nothing left to report.
    const again = await RecordStore.open(path.join(dir, 'data'));
    await again.close();
    expect(again.list().map((r) => r.record.uuid)).toEqual([ID]);
    expect(again.quarantined).toEqual([]);
  });

  it(
    '`cortex-rx simulate` (without --verbose) reports the quarantined records in one line on stderr, and serves',
    async () => {
      const dataDir = path.join(dir, 'data');
      fs.mkdirSync(path.join(dataDir, 'records'), { recursive: true });
      fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dataDir, 'records', 'dangling'));
      const child = spawn(
        process.execPath,
        [cortexRxCommand().script, 'simulate', '--port', '0', '--data-dir', dataDir, '--headsets', 'INSIGHT'],
        { cwd: path.join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await until(
          () => stdout.includes('listening on') && stderr.includes('headsets:'),
          'the simulator to listen',
          CHILD_DEADLINE_MS,
        );
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
      const moved = path.join(dataDir, 'quarantine', 'dangling');
      expect(stderr.split('\n').filter((l) => l.includes('quarantined'))).toEqual([
        `quarantined 1 damaged record(s): dangling (a symbolic link where a record directory should be) moved to ${moved}`,
      ]);
      expect(fs.lstatSync(moved).isSymbolicLink()).toBe(true);
    },
    CHILD_DEADLINE_MS + 10_000,
  );
});
