export interface Series {
  label: string;
  values: Array<number | null>;
  /** Validation curves are dashed, so the two read apart without a second colour. */
  dashed?: boolean;
}
