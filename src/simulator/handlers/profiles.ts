import { randomUUID } from 'crypto';
import { ERROR, WARNING, type ParamsOf, type ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import type { Connection } from '../connection';
import { CortexFault } from '../cortexFault';
import type { VirtualHeadset } from '../virtualHeadset';
import type { HandlerMap } from './handlerTypes';
import { headsetById } from './headsetById';
import { requireApp } from './requireApp';

/** A training profile, and the headset and app it is loaded by (at most one profile per headset). */
export interface Profile {
  uuid: string;
  name: string;
  loadedOn: string | undefined;
  loadedByApp: string | undefined;
}

/** The methods of §8.2: training profiles. */
export type ProfileMethod = 'queryProfile' | 'getCurrentProfile' | 'setupProfile';

/** What the profile handlers use. */
export interface ProfilesContext {
  readonly headsets: ReadonlyMap<string, VirtualHeadset>;
  /** The profiles, by uuid. */
  readonly profiles: Map<string, Profile>;
}

const otherApp = () => new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');

/** setupProfile: create, load, unload, save, rename or delete a profile; an app never touches another app's load. */
function setupProfile(
  ctx: ProfilesContext,
  p: ParamsOf<'setupProfile'>,
  conn: Connection,
  app: AppState,
): ResultOf<'setupProfile'> {
  const { profiles, headsets } = ctx;
  const existing = [...profiles.values()].find((pr) => pr.name === p.profile);
  const loadedOn = (headset: VirtualHeadset) => [...profiles.values()].find((pr) => pr.loadedOn === headset.id);
  const done = (message: string) => ({ action: p.status, name: p.profile, message });
  /** The named profile, unless missing or loaded by another app. */
  const ownable = (): Profile => {
    if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
    if (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId) throw otherApp();
    return existing;
  };
  switch (p.status) {
    case 'create': {
      if (existing)
        throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: profile "${p.profile}" already exists.`);
      if (p.profile.length === 0)
        throw new CortexFault(ERROR.INVALID_PARAMS, "Invalid Parameters: 'profile' must not be empty.");
      const uuid = randomUUID();
      profiles.set(uuid, { uuid, name: p.profile, loadedOn: undefined, loadedByApp: undefined });
      return done('Profile created successfully.');
    }
    case 'load': {
      if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
      const headset = headsetById(headsets, p.headset);
      // One profile per headset: an app never replaces (or takes over) a profile another app loaded.
      const current = loadedOn(headset);
      if (
        (current && current.loadedByApp !== app.appId) ||
        (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId)
      ) {
        throw otherApp();
      }
      if (current && current !== existing) {
        current.loadedOn = undefined;
        current.loadedByApp = undefined;
      }
      existing.loadedOn = headset.id;
      existing.loadedByApp = app.appId;
      conn.warn(WARNING.PROFILE_LOADED, { behavior: 'Profile loaded.', headset: headset.id, profile: existing.name });
      return done('Profile loaded successfully.');
    }
    case 'unload': {
      const headset = headsetById(headsets, p.headset);
      const loaded = loadedOn(headset);
      if (!loaded)
        throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile is loaded on ${headset.id}.`);
      if (loaded.loadedByApp !== app.appId) throw otherApp();
      loaded.loadedOn = undefined;
      loaded.loadedByApp = undefined;
      conn.warn(WARNING.PROFILE_UNLOADED, { behavior: 'Profile unloaded.', headset: headset.id, profile: loaded.name });
      return done('Profile unloaded successfully.');
    }
    case 'save':
      ownable();
      return done('Profile saved successfully.');
    case 'rename': {
      const profile = ownable();
      if (!p.newProfileName)
        throw new CortexFault(ERROR.MISSING_PARAMS, 'Missing the required parameters.', {
          behavior: 'This parameter is required: newProfileName',
        });
      profile.name = p.newProfileName;
      return done('Profile renamed successfully.');
    }
    case 'delete':
      profiles.delete(ownable().uuid);
      return done('Profile deleted successfully.');
  }
}

/**
 * The handlers of §8.2 (training profiles).
 *
 * ## Example
 * ```ts
 * const handlers = createProfilesHandlers({ headsets, profiles: new Map() });
 * handlers.setupProfile({ cortexToken, status: 'create', profile: 'alice' }, conn, app);
 * ```
 */
export function createProfilesHandlers(ctx: ProfilesContext): HandlerMap<ProfileMethod> {
  const { profiles, headsets } = ctx;
  return {
    queryProfile: () =>
      [...profiles.values()].map((pr) => ({ uuid: pr.uuid, name: pr.name, readOnly: false, eegChannels: [] })),
    getCurrentProfile: (p, _conn, app) => {
      const headset = headsetById(headsets, p.headset);
      const loaded = [...profiles.values()].find((pr) => pr.loadedOn === headset.id);
      return {
        name: loaded ? loaded.name : null,
        loadedByThisApp: loaded !== undefined && loaded.loadedByApp === app?.appId,
      };
    },
    setupProfile: (p, conn, app) => setupProfile(ctx, p, conn, requireApp(app)),
  };
}
