/**
 * A data table's column names, and the label of each cell for where the table reads as one card
 * per row (`table.stacked` in src/styles/stacked-tables.css shows `data-label` beside the cell on a phone).
 * A cell names its column from this list, so a label cannot drift from its header.
 */
export function tableColumns<const Names extends readonly string[]>(names: Names) {
  return {
    names,
    label: (column: Names[number]) => ({ 'data-label': column }),
  };
}
