// A child process for the record store's crash test: it records EEG in real time until the parent kills it with
// SIGKILL (the .ts files it requires are compiled on load by registerTsLoader.js).
'use strict';
require('./registerTsLoader');

const { RecordStore } = require('../../src/simulator/store/recordStore');
const { isoLocal } = require('../../src/simulator/isoTime');

const RATE_HZ = 128;
const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];

async function main() {
  const [dataDir, recordId] = process.argv.slice(2);
  const store = await RecordStore.open(dataDir); // default flush interval: 1000 ms
  const t0S = Date.now() / 1000;
  const writer = store.create({
    record: { uuid: recordId, title: 'crash test', startDatetime: isoLocal(t0S * 1000) },
    appId: 'com.example.crash',
    sessionId: 'session-crash',
    headset: { id: 'INSIGHT-CRASH', sensors: SENSORS },
    streams: [
      {
        stream: 'eeg',
        columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
        sampleRateHz: RATE_HZ,
      },
    ],
  });
  writer.addMarker({
    uuid: 'marker-crash-1',
    type: 'instance',
    value: 7,
    label: 'early',
    port: 'test',
    startDatetime: isoLocal(t0S * 1000 + 100),
    endDatetime: isoLocal(t0S * 1000 + 100),
    extras: {},
  });
  let sent = 0;
  const row = new Float64Array(2 + SENSORS.length + 2);
  setInterval(() => {
    const due = Math.floor((Date.now() / 1000 - t0S) * RATE_HZ);
    for (; sent < due; sent++) {
      row[0] = sent % RATE_HZ;
      for (let s = 0; s < SENSORS.length; s++)
        row[2 + s] = 4200 + 50 * Math.sin((2 * Math.PI * 10 * sent) / RATE_HZ + s);
      writer.append('eeg', t0S + sent / RATE_HZ, row);
    }
  }, 10);
  process.send({ ready: true, t0S });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
