import type { Observable } from 'rxjs';
import type { StreamEvent } from '../observables';
import type { StreamName } from '../protocol';

/** What the relay needs of a session: its streams (a `CortexSession` is one). */
export interface RelaySession {
  stream<S extends StreamName>(name: S): Observable<StreamEvent<S>>;
}

/** What the relay needs of a Cortex client: the headsets and sessions (a `CortexClient` from `connectCortex` is one). */
export interface RelaySource {
  headsets(): Observable<ReadonlyArray<{ readonly id: string }>>;
  session(config: { readonly headset: string }): Observable<RelaySession>;
}
