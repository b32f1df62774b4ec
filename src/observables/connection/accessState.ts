/**
 * The app's access right as the client's token flow sees it (§1.6): `pending` once requestAccess answered
 * `accessGranted: false` (the user must approve the app in the EMOTIV Launcher; `message` says so, with Cortex's own
 * words), `granted` once Cortex granted it (at once, or with warning 9 after a `pending`).
 */
export type AccessState =
  | { readonly _tag: 'pending'; readonly clientId: string; readonly message: string }
  | { readonly _tag: 'granted'; readonly clientId: string };
