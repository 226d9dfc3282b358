import { builder } from '../../builder.js';

/** Shared by every delete mutation, whatever the vendor. */
export const DeletePayload = builder.objectRef<{ deletedId: string }>('DeletePayload').implement({
  description: 'What a delete removed.',
  fields: (t) => ({
    deletedId: t.exposeID('deletedId', {
      nullable: false,
      description: 'The global id of the deleted object; it no longer resolves.',
    }),
  }),
});
