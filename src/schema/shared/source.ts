import { builder } from '../../builder.js';
import type { VendorSource } from '../../vendors/registry.js';
import { SOURCE_VALUES } from '../../vendors/registry.js';

export type SourceValue = VendorSource;

/** One value per vendor of the registry (src/vendors/registry.ts), with its description. */
export const Source = builder.enumType('Source', {
  description: 'The vendor a record comes from.',
  values: SOURCE_VALUES,
});

export { vendorOfSource } from '../../vendors/registry.js';
