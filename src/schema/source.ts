import { builder } from '../builder.js';
import type { VendorName } from '../transport/types.js';

export type SourceValue = 'USERLANE' | 'USERLOOP' | 'USERHERO' | 'PLANHAT';

export const Source = builder.enumType('Source', {
  description: 'The vendor a record comes from.',
  values: {
    USERLANE: {
      value: 'USERLANE',
      description: 'Userlane Analytics (in-app HEART, NPS, surveys, tags, tasks).',
    },
    USERLOOP: { value: 'USERLOOP', description: 'UserLoop post-purchase surveys.' },
    USERHERO: {
      value: 'USERHERO',
      description: 'UserHero feedback inbox, customers and automations.',
    },
    PLANHAT: { value: 'PLANHAT', description: 'Planhat NPS records.' },
  } as const,
});

export function vendorOfSource(source: SourceValue): VendorName {
  return source.toLowerCase() as VendorName;
}
