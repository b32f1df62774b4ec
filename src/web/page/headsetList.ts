import type { Headset } from 'cortex-rx';

/** What the headset list shows besides the headsets: which one the page's session is on. */
export interface HeadsetListState {
  /** The headset of the page's session (opening or open), if any. */
  readonly activeId: string | undefined;
}

/**
 * Renders the headsets as rows of the `<tbody>`: id, status, EEG rate, and a real `<button>`: **Connect** (opens a
 * session on it, connecting it first when it is only discovered) or **Disconnect** for the one in use.
 *
 * ## Example
 * ```ts
 * client.headsets().subscribe((hs) =>
 *   renderHeadsets(document.querySelector('#headsets tbody')!, hs, { activeId: undefined }, (id) => open(id), close),
 * );
 * ```
 * @param tbody the table body to fill
 * @param headsets the list from `client.headsets()`
 * @param state which headset is in use
 * @param onConnect called with the headset id when its Connect is pressed
 * @param onDisconnect called when Disconnect is pressed
 */
export function renderHeadsets(
  tbody: HTMLTableSectionElement,
  headsets: readonly Headset[],
  state: HeadsetListState,
  onConnect: (headsetId: string) => void,
  onDisconnect: () => void,
): void {
  if (headsets.length === 0) {
    const tr = document.createElement('tr');
    const td = tr.appendChild(document.createElement('td'));
    td.colSpan = 4;
    td.className = 'muted';
    td.textContent = 'no headset found: switch one on (and pair it in the EMOTIV Launcher)';
    tbody.replaceChildren(tr);
    return;
  }
  tbody.replaceChildren(
    ...headsets.map((h) => {
      const tr = document.createElement('tr');
      tr.dataset.headset = h.id;
      const rate = h.settings.eegRate;
      for (const text of [h.id, h.status, rate ? `${rate} Hz` : '']) {
        tr.appendChild(document.createElement('td')).textContent = text;
      }
      const button = document.createElement('button');
      button.type = 'button';
      const active = state.activeId === h.id;
      button.textContent = active ? 'Disconnect' : 'Connect';
      button.addEventListener('click', () => (active ? onDisconnect() : onConnect(h.id)));
      tr.appendChild(document.createElement('td')).append(button);
      return tr;
    }),
  );
}
