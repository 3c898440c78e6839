/**
 * Scheduled reports: cron + IANA zone, claimed once per (schedule, fire time), mailed as attachments.
 * @example await runDueSchedules({ store, claims, mailer, sourceFor, now, workerId })
 */
export { ReportSchedule, decodeSchedule, dueFireTime } from "./schedule";
export { migrateReportRuns, sqlRunClaims, memoryRunClaims, type ClaimedRun, type RunClaims, type RunKey, type RunRecord } from "./run-claims";
export { defaultDeliveryPolicy, type DeliveryPolicy, isTransientDeliveryError, reportMessageId, retryAt, smtpTimeouts } from "./delivery-policy";
export { nodemailerMailer, type MailTransport, type ReportMail, type ReportMailer } from "./report-mailer";
export { runDueSchedules, putSchedule, listSchedules, lookbackPeriod, scheduledReport, periodName, maxHtmlBodyBytes, bodyRows, type RunDueOptions, type RunDueReport } from "./run-due-schedules";
