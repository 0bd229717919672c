/**
 * How a number reads on the site, in the forms, the planner, the charts and pull requests. A module
 * of its own so that a form that only prints a number does not load the planner with it.
 */
const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const smallFormat = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 });

/** `1,234.57`, or three significant digits below 1 so small values do not read as 0. */
export function formatNumber(n: number): string {
  return n !== 0 && Math.abs(n) < 1 ? smallFormat.format(n) : numberFormat.format(n);
}
