import * as fs from 'fs';
import * as path from 'path';
import * as t from 'io-ts';
import { BciState, cloneBciState } from '../bciState';
import { writeFileAtomic } from './atomicFile';
import { readTextNoFollow } from './noFollow';

/** A training profile: its saved state, and while loaded its headset, app, connection and editable copy. */
export interface Profile {
  readonly uuid: string;
  name: string;
  /** The state as saved (`setupProfile save`); what `profile`-side §8.3 reads and what is persisted. */
  saved: BciState;
  /** While loaded: the editable copy that trainings and `session`-side §8.3 sets change; save copies it to `saved`. */
  working: BciState | undefined;
  loadedOn: string | undefined;
  loadedByApp: string | undefined;
  /** The id of the connection that loaded it: when that socket closes the profile is unloaded (warning 15). */
  loadedByConn: number | undefined;
  /** The empty profile of `loadGuestProfile`: never listed, saved nor persisted; gone once unloaded. */
  readonly guest: boolean;
}

/** The file, under the data dir, that holds the saved profiles. */
const PROFILES_FILE = 'profiles.json';
const StoredProfiles = t.type({
  profiles: t.array(t.type({ uuid: t.string, name: t.string, saved: BciState })),
});

/**
 * The training profiles, persisted in `<dataDir>/profiles.json` (replaced atomically, like the records' meta.json, so
 * a crash leaves the old or the new list, never a mix). Only saved state is persisted: what a loaded profile gained
 * since its last `setupProfile save` is lost with a restart, as with Cortex.
 *
 * ## Example
 * ```ts
 * const store = ProfileStore.open('/tmp/cortex-sim');
 * store.add('alice');
 * store.persist();
 * ```
 */
export class ProfileStore {
  private readonly byUuid = new Map<string, Profile>();

  private constructor(private readonly file: string | undefined) {}

  /**
   * Opens the store of `dataDir` (none: in memory only). A file that cannot be read or decoded is set aside as
   * `profiles.json.bad-<ms>` and the store starts empty, rather than failing the simulator's start.
   */
  static open(dataDir: string | undefined, log: (line: string) => void = () => undefined): ProfileStore {
    const store = new ProfileStore(dataDir === undefined ? undefined : path.join(dataDir, PROFILES_FILE));
    if (store.file === undefined || !fs.existsSync(store.file)) return store;
    try {
      // Not through a link: one planted in the data dir is moved aside like a bad file.
      const decoded = StoredProfiles.decode(JSON.parse(readTextNoFollow(store.file)));
      if (decoded._tag === 'Left') throw new Error('not a profile list');
      for (const p of decoded.right.profiles) store.byUuid.set(p.uuid, store.fresh(p.uuid, p.name, p.saved, false));
    } catch (err) {
      const aside = `${store.file}.bad-${Date.now()}`;
      fs.renameSync(store.file, aside);
      log(`profiles: ${store.file} unreadable (${(err as Error).message}); moved to ${aside}`);
    }
    return store;
  }

  /** Every profile, guest ones included. */
  all(): Profile[] {
    return [...this.byUuid.values()];
  }

  /** The non-guest profile of this name. */
  named(name: string): Profile | undefined {
    return this.all().find((p) => !p.guest && p.name === name);
  }

  /** The profile loaded on a headset, if any. */
  loadedOn(headsetId: string): Profile | undefined {
    return this.all().find((p) => p.loadedOn === headsetId);
  }

  /** Adds a new, untrained profile (a guest one when `guest`). */
  add(uuid: string, name: string, saved: BciState, guest: boolean): Profile {
    const profile = this.fresh(uuid, name, saved, guest);
    this.byUuid.set(uuid, profile);
    return profile;
  }

  delete(uuid: string): void {
    this.byUuid.delete(uuid);
  }

  /** Writes the saved state of every non-guest profile. */
  persist(): void {
    if (this.file === undefined) return;
    const profiles = this.all()
      .filter((p) => !p.guest)
      .map((p) => ({ uuid: p.uuid, name: p.name, saved: p.saved }));
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(this.file, JSON.stringify({ profiles }));
  }

  private fresh(uuid: string, name: string, saved: BciState, guest: boolean): Profile {
    return {
      uuid,
      name,
      saved: cloneBciState(saved),
      working: undefined,
      loadedOn: undefined,
      loadedByApp: undefined,
      loadedByConn: undefined,
      guest,
    };
  }
}
