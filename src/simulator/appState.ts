/** An application the simulator knows (from its first requestAccess/authorize), with its licence. */
export interface AppState {
  readonly clientId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly licenseId: string;
  readonly maxDebit: number;
  /** Activations left; Infinity when the licence has no quota. */
  quota: number;
  /** Whether the app may set the opt-out of record uploads (configOptOut set; -32155 otherwise). */
  readonly optOutAvailable: boolean;
  /** The current opt-out (configOptOut `currOptOut`). */
  optOut: boolean;
}
