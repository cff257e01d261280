/** One target of the issue, checked as a ratio or a bound within a run. */
export interface TargetCheck {
  name: string;
  value: number;
  /** `>=` ratios must reach `threshold`; `<` bounds must stay under it. */
  comparison: '>=' | '<';
  threshold: number;
  unit: string;
  pass: boolean;
}

/** Builds a check; a missing or non-finite value fails. */
export function check(
  name: string,
  value: number | undefined,
  comparison: TargetCheck['comparison'],
  threshold: number,
  unit = '',
): TargetCheck {
  const v = value ?? Number.NaN;
  const pass =
    Number.isFinite(v) &&
    (comparison === '>=' ? v >= threshold : v < threshold);
  return { name, value: v, comparison, threshold, unit, pass };
}

/** `a / b`, or undefined when either is missing or `b` is 0. */
export function ratio(
  a: number | undefined,
  b: number | undefined,
): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}
