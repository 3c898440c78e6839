/**
 * Scheduled reports: cron + IANA zone, claimed once per (schedule, fire time), mailed as attachments.
 * @example await runDueSchedules({ store, claims, mailer, sourceFor, now, workerId })
 */
export { ReportSchedule, decodeSchedule, dueFireTime } from "./schedule";
export { migrateReportRuns, sqlRunClaims, memoryRunClaims, type RunClaims } from "./run-claims";
export { nodemailerMailer, type MailTransport, type ReportMail, type ReportMailer } from "./report-mailer";
export { runDueSchedules, putSchedule, listSchedules, lookbackPeriod, scheduledReport, type RunDueOptions, type RunDueReport } from "./run-due-schedules";
