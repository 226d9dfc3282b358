import { builder } from '../../builder.js';

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: true,
    description:
      'Number of items in the whole list: exact where the vendor reports a total or the end of ' +
      'the list was reached by this read; null where counting would cost extra vendor calls.',
    resolve: (connection) => connection.totalCount,
  }),
);
