// Query.survey: one survey by its vendor id. Userlane has no catalog, so `surveys` lists the
// configured USERLANE_SURVEYS; any other Userlane survey is still readable here (or by node id).
import { cost } from '../../cost/declare.js';
import { builder } from '../../builder.js';
import { BadUserInputError } from '../../errors.js';
import { surveyKey } from '../../lists/surveys.js';
import { Source } from '../shared/source.js';
import { loadSurvey } from './nodes.js';
import { Survey } from './surveys.js';

builder.queryField('survey', (t) =>
  t.field({
    extensions: cost({ calls: 1 }),
    type: Survey,
    nullable: true,
    description:
      "A survey by its vendor's id: a UserLoop survey of the key's catalog, or any Userlane " +
      'survey Userlane knows, configured in USERLANE_SURVEYS or not (one call checks it; an ' +
      "unconfigured one's title is its id). Null when the vendor does not know it.",
    args: {
      source: t.arg({ type: Source, required: true, description: 'USERLOOP or USERLANE.' }),
      surveyId: t.arg.id({ required: true, description: "The vendor's own survey id." }),
    },
    resolve: async (_root, args, ctx) => {
      const id = String(args.surveyId).trim();
      if (args.source !== 'USERLOOP' && args.source !== 'USERLANE') {
        throw new BadUserInputError('source must be USERLOOP or USERLANE: only they have surveys', {
          argument: 'source',
        });
      }
      if (id === '') {
        throw new BadUserInputError('surveyId must not be blank', { argument: 'surveyId' });
      }
      const loaded = await loadSurvey(ctx, surveyKey({ source: args.source, id }));
      if (loaded instanceof Error) throw loaded;
      return loaded;
    },
  }),
);
