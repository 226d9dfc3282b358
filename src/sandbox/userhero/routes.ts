import type { Route } from './router.js';
import { automationRoutes } from './routes/automations.js';
import { conversationRoutes } from './routes/conversation.js';
import { customerRoutes } from './routes/customers.js';
import { feedbackRoutes } from './routes/feedback.js';
import { projectRoutes } from './routes/projects.js';
import { uploadRoutes } from './routes/upload.js';
import { webhookRoutes } from './routes/webhooks.js';
import { widgetRoutes } from './routes/widgets.js';
import { workspaceRoutes } from './routes/workspaces.js';

/** Literal segments (`/feedback/upload`, `/feedback/number/...`) come before `/feedback/:id`. */
export const ROUTES: readonly Route[] = [
  ...uploadRoutes,
  ...feedbackRoutes,
  ...conversationRoutes,
  ...projectRoutes,
  ...widgetRoutes,
  ...webhookRoutes,
  ...workspaceRoutes,
  ...customerRoutes,
  ...automationRoutes,
];
