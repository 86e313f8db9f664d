// Notifications, pure: who is announced (tier changes, re-arm margin), who gets what, and the emails.
export { type ActivityLine, formatWhen, LATEST_ACTIVITIES, latestActivities } from "./activities";
export { type AdvanceInput, type AdvanceResult, advance, FORGET_AFTER_DAYS } from "./advance";
export { type AlertView, composeEmail, type Email, type EmailContext, subjectFor } from "./compose";
export {
  ACCOUNT_TOP_LEADS,
  type AccountAlertView,
  accountSubject,
  composeAccountEmail,
} from "./compose-account";
export { alertId } from "./ids";
export {
  type Delivery,
  emptyJournal,
  foldJournal,
  isEmptyJournal,
  type Journal,
  parseJournal,
  withInflight,
  withSent,
} from "./journal";
export {
  advanceModels,
  alertSubjects,
  type ModelLeads,
  type ModelSubject,
  type ModelsAdvanceInput,
  type ModelsAdvanceResult,
  modelLeads,
  modelStateKey,
  stateKeyReader,
} from "./models";
export { type DueAlert, MAX_LEADS_PER_EMAIL, type Outgoing, planEmails } from "./plan";
export { quietUpTo, rearm, tierNamed, toAnnounce } from "./rearm";
export { notifyAddresses, recipientsFor } from "./recipients";
export { isEmail, notificationSettings } from "./settings";
export { parseStateGrid, STATE_HEADERS, STATE_WIDTH, type StateMeta, stateGrid } from "./state-rows";
export type { LeadState, NotifySettings, PendingAlert, RunLead, TierChange } from "./types";
