/**
 * The notifications the desk sends.
 * @example
 * emailNotificationsHook({ disabled: ["sla-warning" satisfies NotificationKind] })
 */
export type NotificationKind = "acknowledgement" | "agent-reply" | "status-change" | "satisfaction-survey" | "sla-warning" | "escalation.notify-lead";

/**
 * Handlebars sources for one notification in one language; `html` is optional.
 * @example
 * const ack: NotificationTemplate = { subject: "Got it: {{subject}}", text: "Hello {{requesterName}}, your request is {{ticketNumber}}." }
 */
export interface NotificationTemplate {
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/**
 * Templates keyed by kind, for one language.
 * @example
 * const hrTemplates: TemplateSet = { ...englishTemplates, acknowledgement: { subject: "HR received: {{subject}}", text: "…" } }
 */
export type TemplateSet = Readonly<Partial<Record<NotificationKind, NotificationTemplate>>>;

/**
 * Templates for several services and languages; `"*"` is the fallback service. Lookup order:
 * (service, language) → (service, defaultLanguage) → ("*", language) → ("*", defaultLanguage).
 * @example
 * const catalog: NotificationCatalog = { defaultLanguage: "en", services: { "*": { en: englishTemplates }, "svc-hr": { en: hrTemplates } } }
 */
export interface NotificationCatalog {
  readonly defaultLanguage: string;
  readonly services: Readonly<Record<string, Readonly<Record<string, TemplateSet>>>>;
}

const FOOTER_TEXT = "\n\n--\n{{serviceName}} · {{ticketNumber}}";

/**
 * English templates, used when a service defines none of its own.
 * @example
 * englishTemplates.acknowledgement?.subject // "We received your request: {{subject}}"
 */
export const englishTemplates: TemplateSet = {
  acknowledgement: {
    subject: "We received your request: {{subject}}",
    text: "Hello {{requesterName}},\n\nThank you for contacting {{serviceName}}. Your request has been logged as {{ticketNumber}}; reply to this email to add information." + FOOTER_TEXT,
    html: "<p>Hello {{requesterName}},</p><p>Thank you for contacting {{serviceName}}. Your request has been logged as <strong>{{ticketNumber}}</strong>; reply to this email to add information.</p>",
  },
  "agent-reply": {
    subject: "Re: {{subject}}",
    text: "{{body}}\n\n{{agentName}}" + FOOTER_TEXT,
    html: "<div>{{body}}</div><p>{{agentName}}</p>",
  },
  "status-change": {
    subject: "{{ticketNumber}} is now {{status}}",
    text: "Hello {{requesterName}},\n\nThe status of your request \"{{subject}}\" changed to {{status}}." + FOOTER_TEXT,
  },
  "satisfaction-survey": {
    subject: "How did we do? {{subject}}",
    text: "Hello {{requesterName}},\n\nYour request {{ticketNumber}} was resolved. Tell us how we did: {{surveyUrl}}" + FOOTER_TEXT,
  },
  "sla-warning": {
    subject: "SLA warning: {{ticketNumber}} {{metric}} due {{due}}",
    text: "{{ticketNumber}} \"{{subject}}\" will breach its {{metric}} target at {{due}}." + FOOTER_TEXT,
  },
  // Requested by the escalation ladder's notify-lead action (data: number, ruleId, level, reason).
  "escalation.notify-lead": {
    subject: "Escalation level {{level}}: {{number}}",
    text: "{{number}} was escalated to level {{level}} by rule {{ruleId}}:\n{{reason}}" + FOOTER_TEXT,
  },
};

/**
 * German templates, as an example of a second language.
 * @example
 * germanTemplates.acknowledgement?.subject // "Wir haben Ihre Anfrage erhalten: {{subject}}"
 */
export const germanTemplates: TemplateSet = {
  acknowledgement: {
    subject: "Wir haben Ihre Anfrage erhalten: {{subject}}",
    text: "Hallo {{requesterName}},\n\ndanke, dass Sie sich an {{serviceName}} gewandt haben. Ihre Anfrage wurde als {{ticketNumber}} erfasst; antworten Sie auf diese E-Mail, um etwas zu ergänzen." + FOOTER_TEXT,
  },
  "status-change": {
    subject: "{{ticketNumber}} ist jetzt {{status}}",
    text: "Hallo {{requesterName}},\n\nder Status Ihrer Anfrage „{{subject}}“ ist jetzt {{status}}." + FOOTER_TEXT,
  },
};

/**
 * The built-in catalog: English and German for every service.
 * @example
 * notificationRenderer({ key, host, from, catalog: defaultCatalog }) // the default when no catalog is given
 */
export const defaultCatalog: NotificationCatalog = {
  defaultLanguage: "en",
  services: { "*": { en: englishTemplates, de: germanTemplates } },
};

/**
 * Finds the template for a notification, falling back from the service to `"*"` and from the
 * language to the catalog's default language.
 *
 * @example
 * resolveTemplate(defaultCatalog, "billing", "de", "acknowledgement")?.subject
 */
export const resolveTemplate = (
  catalog: NotificationCatalog,
  serviceId: string,
  language: string,
  kind: NotificationKind,
): NotificationTemplate | undefined => {
  const languages = [language, language.split("-")[0] ?? language, catalog.defaultLanguage];
  for (const service of [serviceId, "*"]) {
    for (const lang of languages) {
      const found = catalog.services[service]?.[lang]?.[kind];
      if (found) return found;
    }
  }
  return undefined;
};
