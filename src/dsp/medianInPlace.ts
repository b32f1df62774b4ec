/**
 * Median of `values[0..length)`, reordering those entries in place (Hoare's quickselect, no allocation).
 *
 * Matches `numpy.median`: for an even count it is the mean of the two middle values, and any NaN makes the
 * result NaN.
 *
 * @internal
 */
export function medianInPlace(values: Float64Array, length: number): number {
  for (let i = 0; i < length; i++) {
    if (Number.isNaN(values[i])) return NaN;
  }
  const upper = length >> 1;
  const upperValue = selectInPlace(values, length, upper);
  if (length % 2 === 1) return upperValue;
  // After selecting `upper`, every entry before it is <= it; the lower middle is their maximum.
  let lowerValue = values[0];
  for (let i = 1; i < upper; i++) {
    if (values[i] > lowerValue) lowerValue = values[i];
  }
  return (lowerValue + upperValue) / 2;
}

/** Places the k-th smallest of `values[0..length)` at index k (smaller before, larger after) and returns it. */
function selectInPlace(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    // Median-of-three pivot keeps sorted and reverse-sorted columns (monotone spectra) linear on average.
    const middle = (left + right) >> 1;
    if (values[middle] < values[left]) swap(values, middle, left);
    if (values[right] < values[left]) swap(values, right, left);
    if (values[right] < values[middle]) swap(values, right, middle);
    const pivot = values[middle];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a];
  values[a] = values[b];
  values[b] = t;
}
