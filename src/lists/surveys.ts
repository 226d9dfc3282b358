// The survey lists' public entry: the schema's survey fields (and their tests) import the survey
// records, node keys, filters and adapters from here, while each concern lives in its own file
// below, so the schema does not follow these files as they change.
export {
  type QuestionRecord,
  SURVEY_SOURCES,
  type SurveyRecord,
  type SurveyResponseRecord,
  type SurveySource,
  type UserLoopResponseDetails,
} from './survey-records.js';
export {
  parseQuestionKey,
  parseResponseKey,
  parseSurveyKey,
  questionKey,
  responseKey,
  surveyKey,
  userlaneAnswerDay,
} from './survey-keys.js';
export {
  fromUserlane,
  fromUserLoopOpen,
  fromUserLoopRaw,
  newestFirst,
} from './survey-response-records.js';
export {
  checkedScores,
  type ResponseQuery,
  USERLOOP_SCORE_MAX,
  withinRange,
} from './survey-response-filters.js';
export {
  scoreBreakdown,
  USERLANE_QUESTION_ID,
  USERLANE_QUESTION_TYPE,
  USERLANE_SCORES,
  userlaneQuestion,
} from './userlane-survey-question.js';
export { userlaneResponsesList } from './survey-responses-userlane.js';
export { userloopOpenList, userloopResponsesList } from './survey-responses-userloop.js';
