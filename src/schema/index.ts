import { builder } from '../builder.js';
import './scalars.js';
import './connection.js';
import './vendors.js';
import './heart.js';
import './nps.js';
import './workspaces.js';
import './customers.js';
import './userlane-users.js';
import './nps-summary.js';
import './customer-nps.js';

builder.queryType({});

export const schema = builder.toSchema({ sortSchema: false });
