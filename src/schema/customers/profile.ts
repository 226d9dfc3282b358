import { cost, USERHERO_READ } from '../../cost/declare.js';
import { VENDOR_WEIGHTS } from '../../cost/rules.js';
import { builder } from '../../builder.js';
import { Feedback, FeedbackConnection, feedbackConnection } from '../userhero/feedback.js';
import { UserHeroCustomer } from '../userhero/customers.js';
import { Customer } from './customer.js';

// The UserHero side of a Customer: its profile and the feedback sent from its email.

builder.objectFields(Customer, (t) => ({
  profile: t.field({
    extensions: cost({
      vendor: 'userhero',
      itemRead: { read: 'profileByEmail', weight: VENDOR_WEIGHTS.userhero },
    }),
    type: UserHeroCustomer,
    nullable: true,
    description: 'The UserHero profile of this email; null when UserHero does not know it.',
    resolve: (c, _args, ctx) => ctx.loaders.userhero.customerByEmail.load(c.email),
  }),
  feedback: t.connection(
    {
      extensions: cost(USERHERO_READ),
      type: Feedback,
      nullable: true,
      description: 'UserHero feedback sent from this email, newest first.',
      resolve: (c, args, ctx) =>
        feedbackConnection(ctx, 'Customer.feedback', { userEmail: c.email }, args),
    },
    FeedbackConnection,
  ),
}));
