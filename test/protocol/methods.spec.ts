import { isLeft, isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import {
  METHODS,
  describeDecodeErrors,
  isMethodName,
  Session,
  DataFrame,
  RpcResponse,
  WarningMessage,
  streamColumns,
} from '../../src/protocol';

function assertSuccess<A>(codec: t.Decoder<unknown, A>, value: unknown): A {
  const r = codec.decode(value);
  if (isLeft(r)) throw new Error(PathReporter.report(r).join('\n'));
  return r.right;
}
function failures(codec: t.Decoder<unknown, unknown>, value: unknown): string[] {
  const r = codec.decode(value);
  expect(isLeft(r)).toBe(true);
  return PathReporter.report(r);
}

const headset = {
  connectedBy: 'dongle',
  customName: '',
  dongle: '6ff',
  firmware: '625',
  headbandPosition: null,
  id: 'EPOCPLUS-3B9AE63A',
  motionSensors: ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'],
  sensors: ['AF3', 'F7', 'F3', 'FC5', 'T7', 'P7', 'O1', 'O2', 'P8', 'T8', 'FC6', 'F4', 'F8', 'AF4'],
  settings: { eegRate: 256, eegRes: 16, memsRate: 64, memsRes: 16, mode: 'EPOCPLUS' },
  status: 'connected',
};

describe('the method table', () => {
  it('covers every method of §2–§8 named in the issue', () => {
    const expected =
      'getCortexInfo getUserLogin requestAccess hasAccessRight authorize generateNewToken getUserInformation getLicenseInfo queryHeadsets controlDevice updateHeadset updateHeadsetCustomInfo syncWithHeadsetClock createSession updateSession querySessions subscribe unsubscribe createRecord stopRecord updateRecord deleteRecord exportRecord queryRecords getRecordInfos configOptOut requestToDownloadRecordData injectMarker updateMarker createSubject updateSubject deleteSubjects querySubjects getDemographicAttributes queryProfile getCurrentProfile setupProfile getDetectionInfo training loadGuestProfile configMapping getTrainedSignatureActions getTrainingTime facialExpressionSignatureType facialExpressionThreshold mentalCommandActiveAction mentalCommandBrainMap mentalCommandGetSkillRating mentalCommandTrainingThreshold mentalCommandActionSensitivity'.split(
        ' ',
      );
    expect(Object.keys(METHODS).sort()).toEqual([...expected].sort());
    expect(isMethodName('createSession')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
  });

  it('decodes the reference createSession result and accepts extra fields', () => {
    const s = assertSuccess(METHODS.createSession.result, {
      appId: 'com.example.app',
      headset,
      id: '38fef6d7-979b-420b-aa25-dd60ef5edc02',
      license: 'lic-uuid',
      owner: 'jon.snow',
      recordIds: [],
      recording: false,
      started: '2024-05-02T10:15:30.123456+07:00',
      status: 'activated',
      streams: [],
      performanceMetrics: [{ apiName: 'attention' }],
      someFutureField: 42,
    });
    expect(s.status).toBe('activated');
    expect(Session.is(s)).toBe(true);
  });

  it('reports the path of a wrong field', () => {
    const lines = failures(METHODS.createSession.params, { cortexToken: 'x', status: 'opened' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/status: ');
    expect(lines[0]).toContain('"opened"');
    const r = METHODS.createSession.params.decode({ status: 'opened', headset: 3 });
    if (r._tag === 'Right') throw new Error('expected a failure');
    expect(describeDecodeErrors(r.left)).toEqual([
      { path: 'cortexToken', expected: 'string', actual: undefined },
      { path: 'status', expected: '"open" | "active"', actual: 'opened' },
      { path: 'headset', expected: 'string', actual: 3 },
    ]);
  });

  it('decodes the subscribe result with a partial failure (issue #42 shape) and dev nested cols', () => {
    const r = assertSuccess(METHODS.subscribe.result, {
      failure: [{ code: -32016, message: 'The stream is unavailable or unsupported.', streamName: 'eeg' }],
      success: [{ cols: ['Battery', 'Signal', ['AF3', 'OVERALL'], 'BatteryPercent'], sid: 'c936', streamName: 'dev' }],
    });
    expect(r.failure[0].code).toBe(-32016);
    expect(r.success[0].cols[2]).toEqual(['AF3', 'OVERALL']);
  });

  it('decodes the reference injectMarker params and result', () => {
    assertSuccess(METHODS.injectMarker.params, {
      cortexToken: 'xxx',
      session: '4cbf7554',
      time: 1714620001529,
      value: 42,
      label: 'stim_on',
      port: 'python_app',
    });
    const r = assertSuccess(METHODS.injectMarker.result, {
      marker: {
        endDatetime: '2024-05-02T10:20:01.529000+07:00',
        extras: {},
        label: 'stim_on',
        port: 'python_app',
        startDatetime: '2024-05-02T10:20:01.529000+07:00',
        type: 'instance',
        uuid: '26fccfd8-e487-4623-910a-1ba8591fcdcf',
        value: 42,
      },
      recordId: 'db01c15e',
      sessionId: '4cbf7554',
    });
    expect(r.marker.type).toBe('instance');
    expect(
      failures(METHODS.injectMarker.params, { cortexToken: 'x', session: 's', time: '1', value: 1, label: 'l' })[0],
    ).toContain('/time: number');
  });

  it('decodes the real configOptOut answer (cortex-example#125) and the older newOptOut one', () => {
    const real = {
      currOptOut: false,
      forceOptOut: false,
      message: 'Get opt-out configuration successfully',
      optOutAvail: true,
    };
    expect(assertSuccess(METHODS.configOptOut.result, real)).toEqual(real);
    assertSuccess(METHODS.configOptOut.result, { newOptOut: true, message: 'ok' });
    expect(isLeft(METHODS.configOptOut.result.decode({ message: 'no flags' }))).toBe(true);
  });

  it('decodes the §8.3 answers of the reference', () => {
    assertSuccess(METHODS.mentalCommandActiveAction.result, ['push', 'pull']);
    assertSuccess(METHODS.mentalCommandActiveAction.result, { actions: ['push'], message: 'ok' });
    assertSuccess(METHODS.mentalCommandActionSensitivity.result, [5, 5, 5, 5]);
    assertSuccess(METHODS.mentalCommandActionSensitivity.result, 'success');
    assertSuccess(METHODS.facialExpressionThreshold.result, 500);
    assertSuccess(METHODS.getTrainedSignatureActions.result, { trainedActions: [{ action: 'neutral', times: 2 }] });
    assertSuccess(METHODS.getTrainingTime.result, { time: 8 });
    expect(isLeft(METHODS.mentalCommandActionSensitivity.result.decode({ values: [5] }))).toBe(true);
  });
});

describe('envelopes', () => {
  it('classifies responses, errors, warnings and data frames', () => {
    expect(isRight(RpcResponse.decode({ id: 7, jsonrpc: '2.0', result: { version: '4.4.5' } }))).toBe(true);
    expect(
      isRight(
        RpcResponse.decode({
          id: 8,
          jsonrpc: '2.0',
          error: { code: -32018, message: 'Missing the required parameters.', data: { behavior: 'cortexToken' } },
        }),
      ),
    ).toBe(true);
    expect(
      isRight(WarningMessage.decode({ jsonrpc: '2.0', warning: { code: 104, message: { headsetId: 'X' } } })),
    ).toBe(true);
    expect(isRight(DataFrame.decode({ eeg: [41, 0, 4201.28, 0, 0, []], sid: '7f89', time: 1700000000.1234 }))).toBe(
      true,
    );
    expect(isLeft(DataFrame.decode({ eeg: [], sid: 7, time: 1 }))).toBe(true);
    expect(isLeft(RpcResponse.decode({ id: 1, jsonrpc: '1.0', result: 1 }))).toBe(true);
  });
});

describe('streamColumns', () => {
  it('lays out eeg, pow, dev as §5.3 says', () => {
    const sensors = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
    expect(streamColumns('eeg', sensors, [])).toEqual([
      'COUNTER',
      'INTERPOLATED',
      'AF3',
      'T7',
      'Pz',
      'T8',
      'AF4',
      'RAW_CQ',
      'MARKER_HARDWARE',
      'MARKERS',
    ]);
    const pow = streamColumns('pow', sensors, []);
    expect(pow).toHaveLength(25);
    expect(pow.slice(0, 5)).toEqual(['AF3/theta', 'AF3/alpha', 'AF3/betaL', 'AF3/betaH', 'AF3/gamma']);
    expect(streamColumns('dev', sensors, [])).toEqual(['Battery', 'Signal', [...sensors, 'OVERALL'], 'BatteryPercent']);
  });
});
