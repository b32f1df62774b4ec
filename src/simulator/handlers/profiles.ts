import { randomUUID } from 'crypto';
import { ERROR, WARNING, type ParamsOf, type ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import { cloneBciState, emptyBciState } from '../bciState';
import type { Connection } from '../connection';
import { CortexFault } from '../cortexFault';
import { missingParams } from '../missingParams';
import type { Profile, ProfileStore } from '../store/profileStore';
import type { VirtualHeadset } from '../virtualHeadset';
import type { HandlerMap } from './handlerTypes';
import { headsetById } from './headsetById';
import { requireApp } from './requireApp';

/** The methods of §8.2: training profiles. */
export type ProfileMethod = 'queryProfile' | 'getCurrentProfile' | 'setupProfile' | 'loadGuestProfile';

/** What the profile handlers use. */
export interface ProfilesContext {
  readonly headsets: ReadonlyMap<string, VirtualHeadset>;
  /** The profiles, persisted under the data dir. */
  readonly profiles: ProfileStore;
}

/**
 * Loads `profile` on `headset` for the app and connection: an editable copy of its saved state drives the headset's
 * `com` detections from now on.
 */
function loadOn(profile: Profile, headset: VirtualHeadset, app: AppState, conn: Connection): void {
  profile.loadedOn = headset.id;
  profile.loadedByApp = app.appId;
  profile.loadedByConn = conn.id;
  profile.working = cloneBciState(profile.saved);
  headset.detections.useProfile(profile.working);
}

/**
 * Unloads a profile (unsaved changes are dropped; a guest profile is forgotten) and stops its detections.
 *
 * ## Example
 * ```ts
 * unloadProfile(profiles, headsets, profile);
 * ```
 */
export function unloadProfile(
  profiles: ProfileStore,
  headsets: ReadonlyMap<string, VirtualHeadset>,
  profile: Profile,
): void {
  if (profile.loadedOn !== undefined) headsets.get(profile.loadedOn)?.detections.useProfile(undefined);
  profile.loadedOn = undefined;
  profile.loadedByApp = undefined;
  profile.loadedByConn = undefined;
  profile.working = undefined;
  if (profile.guest) profiles.delete(profile.uuid);
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
  const existing = profiles.named(p.profile);
  const loadedOn = (headset: VirtualHeadset) => profiles.loadedOn(headset.id);
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
      profiles.add(randomUUID(), p.profile, emptyBciState(), false);
      profiles.persist();
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
      if (current && current !== existing) unloadProfile(profiles, headsets, current);
      if (current !== existing) loadOn(existing, headset, app, conn);
      conn.warn(WARNING.PROFILE_LOADED, { behavior: 'Profile loaded.', headset: headset.id, profile: existing.name });
      return done('Profile loaded successfully.');
    }
    case 'unload': {
      const headset = headsetById(headsets, p.headset);
      const loaded = loadedOn(headset);
      if (!loaded)
        throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile is loaded on ${headset.id}.`);
      if (loaded.loadedByApp !== app.appId) throw otherApp();
      unloadProfile(profiles, headsets, loaded);
      conn.warn(WARNING.PROFILE_UNLOADED, { behavior: 'Profile unloaded.', headset: headset.id, profile: loaded.name });
      return done('Profile unloaded successfully.');
    }
    case 'save': {
      const profile = ownable();
      if (profile.working) profile.saved = cloneBciState(profile.working);
      profiles.persist();
      return done('Profile saved successfully.');
    }
    case 'rename': {
      const profile = ownable();
      if (!p.newProfileName) throw missingParams('newProfileName');
      profile.name = p.newProfileName;
      profiles.persist();
      return done('Profile renamed successfully.');
    }
    case 'delete': {
      const profile = ownable();
      unloadProfile(profiles, headsets, profile);
      profiles.delete(profile.uuid);
      profiles.persist();
      return done('Profile deleted successfully.');
    }
  }
}

/** loadGuestProfile: loads an empty, unnamed profile on the headset (replacing this app's own loaded profile). */
function loadGuestProfile(
  ctx: ProfilesContext,
  p: ParamsOf<'loadGuestProfile'>,
  conn: Connection,
  app: AppState,
): ResultOf<'loadGuestProfile'> {
  const { profiles, headsets } = ctx;
  const headset = headsetById(headsets, p.headset);
  const current = profiles.loadedOn(headset.id);
  if (current && current.loadedByApp !== app.appId) throw otherApp();
  if (current) unloadProfile(profiles, headsets, current);
  loadOn(profiles.add(randomUUID(), '', emptyBciState(), true), headset, app, conn);
  conn.warn(WARNING.PROFILE_LOADED, { behavior: 'Guest profile loaded.', headset: headset.id, profile: '' });
  return { action: 'loadGuest', name: '', message: 'Guest profile loaded successfully.' };
}

/**
 * The handlers of §8.2 (training profiles).
 *
 * ## Example
 * ```ts
 * const handlers = createProfilesHandlers({ headsets, profiles: ProfileStore.open(undefined) });
 * handlers.setupProfile({ cortexToken, status: 'create', profile: 'alice' }, conn, app);
 * ```
 */
export function createProfilesHandlers(ctx: ProfilesContext): HandlerMap<ProfileMethod> {
  const { profiles, headsets } = ctx;
  return {
    queryProfile: () =>
      profiles
        .all()
        .filter((pr) => !pr.guest)
        .map((pr) => ({ uuid: pr.uuid, name: pr.name, readOnly: false, eegChannels: [] })),
    getCurrentProfile: (p, _conn, app) => {
      const headset = headsetById(headsets, p.headset);
      const loaded = profiles.loadedOn(headset.id);
      return {
        // A guest profile has no name (UNVERIFIED choice): null, like no profile, but loadedByThisApp tells.
        name: loaded && !loaded.guest ? loaded.name : null,
        loadedByThisApp: loaded !== undefined && loaded.loadedByApp === app?.appId,
      };
    },
    setupProfile: (p, conn, app) => setupProfile(ctx, p, conn, requireApp(app)),
    loadGuestProfile: (p, conn, app) => loadGuestProfile(ctx, p, conn, requireApp(app)),
  };
}
