import { Option } from '../../src';

/** `/roll sides:<2-120> [count:<1-10>]`: Discord enforces the ranges, and so does the router. */
export class RollOptions {
  @Option({ type: 'integer', description: 'Sides of each die', required: true, minValue: 2, maxValue: 120 })
  public sides!: number;

  @Option({ type: 'integer', description: 'How many dice', minValue: 1, maxValue: 10 })
  public count?: number;
}
