import { builder } from '../builder.js';
import './shared/scalars.js';
import './shared/connection.js';
import './shared/vendors.js';
import './userlane/heart.js';
import './nps/nps.js';
import './userhero/workspaces.js';
import './customers/customer.js';
import './userlane/users.js';
import './userlane/tags.js';
import './userlane/tasks.js';
import './userlane/task-funnel.js';
import './userhero/projects.js';
import './userhero/feedback.js';
import './userhero/conversation.js';
import './userhero/customers.js';
import './customers/people.js';
import './userhero/customer-lists.js';
import './userhero/customer-lookup.js';
import './customers/profile.js';
import './userhero/automations.js';
import './nps/summary.js';
import './nps/customer-nps.js';
import './customers/company.js';
import './surveys/surveys.js';
import './surveys/survey-by-id.js';
import './surveys/questions.js';
import './surveys/responses.js';
import './nps/mutations.js';
import './userhero/mutations/index.js';
import './federation/entities-field.js';
import { FEDERATION_LINK } from './federation/link.js';
import { withSyncNodeIds } from './shared/sync-node-ids.js';

builder.queryType({});
builder.mutationType({});

export const schema = withSyncNodeIds(
  builder.toSchema({ sortSchema: false, extensions: { directives: [FEDERATION_LINK] } }),
);
