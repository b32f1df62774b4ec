import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { METHODS, type MethodName } from '../../../src/protocol';
import { AppRegistry } from '../../../src/simulator/appRegistry';
import { AccessRights } from '../../../src/simulator/accessRights';
import type { AuthMethod } from '../../../src/simulator/handlers/auth';
import {
  createHandlers,
  type AssertNone,
  type MethodsInTwoDomains,
} from '../../../src/simulator/handlers/createHandlers';
import type { Handler, HandlerMap, Handlers } from '../../../src/simulator/handlers/handlerTypes';
import type { SessionMethod } from '../../../src/simulator/handlers/sessions';
import { SessionTable } from '../../../src/simulator/sessionTable';
import { ProfileStore } from '../../../src/simulator/store/profileStore';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import { Timers } from '../../../src/simulator/timers';

// Type-level checks: each line below must NOT compile (`npx tsc --noEmit -p .` fails on an unused @ts-expect-error).

/** Never called: it only holds assignments the compiler must refuse. */
export function typeChecks(
  allButOne: Omit<Handlers, 'querySessions'>,
  getCortexInfo: Handler<'getCortexInfo'>,
  createSession: Handler<'createSession'>,
): unknown[] {
  // @ts-expect-error a handler map missing one method of the METHODS table is not `Handlers`
  const missingOne: Handlers = allButOne;
  // @ts-expect-error a domain map holding a method outside its union (here one of sessions) is an excess property
  const extraOne: HandlerMap<'getCortexInfo'> = { getCortexInfo, createSession };
  return [missingOne, extraOne];
}

// @ts-expect-error a method claimed by two domains is named by the overlap check
export type ClaimedTwice = AssertNone<MethodsInTwoDomains<[AuthMethod, SessionMethod | 'getCortexInfo']>>;

// ...and these must compile: disjoint domains pass the overlap check.
export type Disjoint = AssertNone<MethodsInTwoDomains<[AuthMethod, SessionMethod]>>;

describe('createHandlers', () => {
  let dataDir: string;
  let store: RecordStore;
  let timers: Timers;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-handlers-'));
    store = await RecordStore.open(dataDir);
    timers = new Timers();
  });

  afterEach(async () => {
    timers.shutdown();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has exactly one handler per method of the METHODS table, each a function', () => {
    const config = {
      username: 'sim.user',
      connectDelayMs: 300,
      scanDurationMs: 2000,
      postProcessingDelayMs: 300,
      trainingDurationMs: 8000,
      maxSessionsPerApp: 64,
      markerToleranceMs: 60_000,
    };
    const sessions = new SessionTable(config, timers, {
      dropFrame: () => false,
      frameSent: () => undefined,
      frameDropped: () => undefined,
    });
    const handlers = createHandlers({
      config,
      apps: new AppRegistry(undefined, 60_000),
      access: new AccessRights(
        { requireApproval: false, autoApproveAfterMs: undefined, userLoggedIn: true, username: 'sim.user' },
        timers,
        () => [],
      ),
      headsets: new Map(),
      sessions,
      store,
      timers,
      subjects: new Map(),
      profiles: ProfileStore.open(undefined),
      flexMappings: new Map(),
    });
    const names = Object.keys(handlers).sort();
    expect(names).toEqual((Object.keys(METHODS) as MethodName[]).sort());
    for (const name of names) expect(typeof handlers[name as MethodName]).toBe('function');
  });
});
