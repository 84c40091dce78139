/**
 * Creates an element with text content and data attributes. Text goes in as text, never as
 * HTML, so names from the grid cannot inject markup.
 *
 * @param tag - the element name
 * @param text - its text, if any
 * @param data - `data-*` attributes
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  data: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(data)) node.dataset[key] = value;
  return node;
}

/** A table row of text cells. */
export function row(cells: string[], data: Record<string, string> = {}): HTMLTableRowElement {
  const tr = el('tr', undefined, data);
  for (const cell of cells) tr.append(el('td', cell));
  return tr;
}

/** A table with a header row and the given body rows. */
export function table(headers: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  const head = el('tr');
  for (const header of headers) head.append(el('th', header));
  const tbody = el('tbody');
  tbody.append(...rows);
  const thead = el('thead');
  thead.append(head);
  const node = el('table');
  node.append(thead, tbody);
  return node;
}

/** A time of day from an ISO date, in the viewer's locale. */
export function timeOf(iso: string | null): string {
  return iso === null ? '–' : new Date(iso).toLocaleTimeString();
}
