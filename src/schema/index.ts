import { builder } from '../builder.js';
import './scalars.js';
import './connection.js';
import './vendors.js';
import './heart.js';
import './nps.js';
import './workspaces.js';
import './customers.js';
import './userlane-users.js';
import './tags.js';
import './tasks.js';
import './task-funnel.js';
import './projects.js';
import './feedback.js';
import './conversation.js';
import './userhero-customers.js';
import './automations.js';
import './nps-summary.js';
import './customer-nps.js';
import './customer-company.js';
import './surveys.js';
import './survey-questions.js';
import './survey-responses.js';
import './nps-mutations.js';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema({ sortSchema: false });
