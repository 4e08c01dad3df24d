export type Compare<T> = (a: T, b: T) => number;

/** Returns the first index whose element is not less than `item`. */
export function lowerBound<T>(items: readonly T[], item: T, compare: Compare<T>): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle] as T, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function isSorted<T>(items: readonly T[], compare: Compare<T>): boolean {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return false;
  }
  return true;
}

export function insertSorted<T>(items: T[], item: T, compare: Compare<T>): void {
  items.splice(lowerBound(items, item, compare), 0, item);
}

/** Removes the element that compares equal to `item`; returns whether one was found. */
export function removeSorted<T>(items: T[], item: T, compare: Compare<T>): boolean {
  const index = lowerBound(items, item, compare);
  if (index < items.length && compare(items[index] as T, item) === 0) {
    items.splice(index, 1);
    return true;
  }
  return false;
}

export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
