import type { BandPowerEpoch } from 'cortex-rx/operators';

/** The live band-power table: one row per channel (named by its sensor), one column per band. */
export interface BandTable {
  /** Shows an epoch's relative band powers (rebuilding the rows when the channels change). */
  update(powers: BandPowerEpoch): void;
  /** Empties the table (no session). */
  clear(): void;
}

/**
 * A `BandTable` in an HTML `<table>`: band names as column headers, `<th scope="row">` sensor names, each cell the
 * band's share of the channel's power in %, shaded by it, the largest band of each row marked. The table's
 * `data-updates` attribute counts the updates.
 *
 * ## Example
 * ```ts
 * const table = createBandTable(document.querySelector('table')!, document.querySelector('#bands-caption')!);
 * session.stream('eeg').pipe(epoch({ lengthSamples: 512, hopSamples: 64 }), bandPower({ sampleRateHz: 256, segmentLength: 256, relative: true }))
 *   .subscribe((p) => table.update(p));
 * ```
 * @param table the `<table>` with an empty `<thead>` and `<tbody>`
 * @param caption where to say when it was last updated
 */
export function createBandTable(table: HTMLTableElement, caption: HTMLElement): BandTable {
  const thead = table.tHead!;
  const tbody = table.tBodies[0];
  let key = '';
  let cells: HTMLTableCellElement[][] = [];
  let updates = 0;
  const build = (channels: readonly string[], bandNames: readonly string[]): void => {
    thead.replaceChildren(row('th', ['Channel', ...bandNames], 'col'));
    cells = channels.map((name) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      tr.append(th);
      const tds = bandNames.map(() => tr.appendChild(document.createElement('td')));
      tbody.append(tr);
      return tds;
    });
  };
  return {
    update: (p) => {
      const channels = p.channels ?? Array.from({ length: p.channelCount }, (_, c) => `ch${c + 1}`);
      const nextKey = `${channels.join()}|${p.bandNames.join()}`;
      if (nextKey !== key) {
        tbody.replaceChildren();
        build(channels, p.bandNames);
        key = nextKey;
      }
      const nb = p.bandNames.length;
      const rel = p.relative!;
      for (let c = 0; c < channels.length; c++) {
        let max = 0;
        for (let b = 1; b < nb; b++) if (rel[c * nb + b] > rel[c * nb + max]) max = b;
        for (let b = 0; b < nb; b++) {
          const v = rel[c * nb + b];
          const td = cells[c][b];
          td.textContent = Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–';
          td.style.background = `rgba(31, 111, 235, ${Number.isFinite(v) ? (0.08 + 0.6 * v).toFixed(3) : 0})`;
          td.classList.toggle('max', b === max);
        }
      }
      updates++;
      table.dataset.updates = String(updates);
      caption.textContent = `updated ${new Date().toLocaleTimeString()} · ${updates} updates`;
    },
    clear: () => {
      key = '';
      thead.replaceChildren();
      tbody.replaceChildren();
      caption.textContent = '';
    },
  };
}

function row(cell: 'th' | 'td', texts: readonly string[], scope: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const text of texts) {
    const el = document.createElement(cell);
    el.textContent = text;
    if (cell === 'th') (el as HTMLTableCellElement).scope = scope;
    tr.append(el);
  }
  return tr;
}
