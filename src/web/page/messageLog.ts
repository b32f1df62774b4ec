/** The page's messages: a log of what happened (gaps, reconnects, records) and the current problem, as text. */
export interface MessageLog {
  /** Adds a line to the log, stamped with the local time. */
  info(text: string): void;
  /** Shows a problem (the Cortex code and what to do) above the log, and logs it. */
  problem(text: string): void;
  /** Clears the problem line (the log keeps it). */
  clearProblem(): void;
}

const MAX_LINES = 200;

/**
 * A `MessageLog` writing into an `<ol>` (newest first) and a `role="alert"` paragraph.
 *
 * ## Example
 * ```ts
 * const log = createMessageLog(document.querySelector('#log')!, document.querySelector('#problem')!);
 * log.info('connected');
 * ```
 */
export function createMessageLog(list: HTMLOListElement, problemLine: HTMLElement): MessageLog {
  const add = (text: string): void => {
    const li = document.createElement('li');
    li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
    list.prepend(li);
    while (list.childElementCount > MAX_LINES) list.lastElementChild?.remove();
  };
  return {
    info: add,
    problem: (text) => {
      problemLine.textContent = text;
      add(text);
    },
    clearProblem: () => {
      problemLine.textContent = '';
    },
  };
}
