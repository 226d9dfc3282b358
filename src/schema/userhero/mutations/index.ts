// The UserHero write side: one module per resource, each with its inputs and payloads.
import './feedback.js';
import './media.js';
import './conversation.js';
import './projects.js';
import './widgets.js';
import './webhooks.js';
import './customers.js';
import './automations.js';
import './webhook-feedback.js';
