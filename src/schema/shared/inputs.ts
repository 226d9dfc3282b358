import { builder } from '../../builder.js';
import type { DateRange as DateRangeShape } from '../../domain/date-range.js';
import { BadUserInputError } from '../../errors.js';

export const DateRange = builder.inputType('DateRange', {
  description: 'Inclusive range of UTC calendar dates.',
  fields: (t) => ({
    from: t.field({ type: 'Date', required: true }),
    to: t.field({ type: 'Date', required: true }),
  }),
});

/** Refuses a reversed range before any vendor is asked. */
export function checkedRange(range: DateRangeShape, argument = 'range'): DateRangeShape {
  if (range.from > range.to) {
    throw new BadUserInputError(
      `${argument}.from (${range.from}) is after ${argument}.to (${range.to}): swap them`,
      { argument },
    );
  }
  return range;
}
