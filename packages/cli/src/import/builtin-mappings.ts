import type { Mapping } from "./mapping";

const level3 = { "1 - High": "high", "2 - Medium": "medium", "3 - Low": "low" } as const;

/** The UCI 498 ServiceNow incident audit log: one row per update, holding the whole record after it. */
export const servicenowIncident: Mapping = {
  name: "servicenow-incident",
  description: "ServiceNow incident audit log (UCI dataset 498, incident_event_log.csv)",
  dataset: "uci-incident-event-log",
  service: { id: "svc-servicenow", key: "INC", name: "ServiceNow incidents (imported)" },
  missing: ["?"],
  key: "number",
  time: { column: "sys_updated_at", format: "D/M/YYYY HH:mm", zone: "UTC" },
  openedAt: "opened_at",
  actor: "sys_updated_by",
  openedBy: "opened_by",
  state: {
    columns: ["incident_state"],
    map: {
      New: { status: "new" },
      Active: { status: "open" },
      "Awaiting User Info": { status: "pending-customer", reason: "awaiting user info" },
      "Awaiting Evidence": { status: "pending-customer", reason: "awaiting evidence" },
      "Awaiting Problem": { status: "pending-third-party", reason: "awaiting problem" },
      "Awaiting Vendor": { status: "pending-third-party", reason: "awaiting vendor" },
      Resolved: { status: "resolved" },
      Closed: { status: "closed" },
      // Five rows of the full log hold -100, which UCI does not explain: recorded, status kept.
      "-100": {},
    },
  },
  subject: "{number}: {category} / {subcategory}",
  channel: {
    column: "contact_type",
    map: { Phone: "phone", Email: "email", "Self service": "web", IVR: "phone", "Direct opening": "walk-in" },
    default: "phone",
  },
  requester: "caller_id",
  category: "category",
  priority: { column: "priority", map: { "1 - Critical": "urgent", "2 - High": "high", "3 - Moderate": "normal", "4 - Low": "low" } },
  impact: { column: "impact", map: level3 },
  urgency: { column: "urgency", map: level3 },
  group: "assignment_group",
  assignee: "assigned_to",
  fields: Object.fromEntries(
    ["active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla", "knowledge", "u_priority_confirmation", "contact_type",
      "location", "category", "subcategory", "u_symptom", "priority", "impact", "urgency", "assignment_group", "assigned_to"].map((c) => [c, c]),
  ),
  atResolution: {
    closed_code: { column: "closed_code", type: "text" },
    resolved_by: { column: "resolved_by", type: "text" },
    resolved_at: { column: "resolved_at", type: "time" },
    closed_at: { column: "closed_at", type: "time" },
  },
};

/** The 4TU "Helpdesk" log of an Italian software company: one row per activity on a case. */
export const helpdeskLog: Mapping = {
  name: "helpdesk-log",
  description: "Help desk of an Italian software company (4TU, finale.csv)",
  dataset: "helpdesk-italian-software-company",
  service: { id: "svc-helpdesk", key: "HD", name: "Italian software help desk (imported)" },
  // The header names `Variant` twice; columns are renamed by position.
  csv: {
    columns: ["Case ID", "Activity", "Resource", "Complete Timestamp", "Variant", "Variant index", "Variant (repeated)", "seriousness",
      "customer", "product", "responsible_section", "seriousness_2", "service_level", "service_type", "support_section", "workgroup"],
  },
  key: "Case ID",
  time: { column: "Complete Timestamp", format: "YYYY/MM/DD HH:mm:ss.SSS", zone: "UTC" },
  actor: "Resource",
  state: {
    columns: ["Activity"],
    map: {
      "Insert ticket": {},
      "Assign seriousness": {},
      "Take in charge ticket": { status: "open", takeBy: true },
      Wait: { status: "pending-customer", reason: "wait" },
      "Resolve ticket": { status: "resolved" },
      Closed: { status: "closed" },
      "Require upgrade": {},
      "Create SW anomaly": {},
      "Resolve SW anomaly": {},
      "Schedule intervention": {},
      VERIFIED: {},
      RESOLVED: {},
      INVALID: {},
      DUPLICATE: {},
    },
    unknown: "keep",
  },
  subject: "{Case ID}: product {product}",
  requester: "customer",
  organization: "customer",
  priority: { column: "seriousness_2", map: { "Value 1": "low", "Value 2": "normal", "Value 3": "high", "Value 4": "urgent" } },
  group: "workgroup",
  fields: Object.fromEntries(
    ["seriousness", "seriousness_2", "customer", "product", "responsible_section", "service_level", "service_type", "support_section", "workgroup"]
      .map((c) => [c, c]),
  ),
};

/** The BPI Challenge 2013 Volvo IT incident log (VINST), as written by `xes_to_csv.py`. */
export const bpic2013: Mapping = {
  name: "bpic2013",
  description: "BPI Challenge 2013, Volvo IT incidents (VINST)",
  dataset: "bpic2013-volvo-incidents",
  service: { id: "svc-vinst", key: "SR", name: "Volvo IT incidents (imported)" },
  missing: ["-", ""],
  key: "case:concept:name",
  time: { column: "time:timestamp", format: "iso" },
  actor: "org:resource",
  state: {
    columns: ["concept:name", "lifecycle:transition"],
    separator: "/",
    map: {
      "Queued/Awaiting Assignment": { status: "new" },
      "Accepted/Assigned": { status: "open" },
      "Accepted/In Progress": { status: "open" },
      "Accepted/Wait": { status: "pending-customer", reason: "wait" },
      "Accepted/Wait - User": { status: "pending-customer", reason: "wait - user" },
      "Accepted/Wait - Customer": { status: "pending-customer", reason: "wait - customer" },
      "Accepted/Wait - Implementation": { status: "pending-third-party", reason: "wait - implementation" },
      "Accepted/Wait - Vendor": { status: "pending-third-party", reason: "wait - vendor" },
      "Completed/Resolved": { status: "resolved" },
      "Completed/In Call": { status: "resolved", reason: "solved at first contact" },
      "Completed/Closed": { status: "closed" },
      "Completed/Cancelled": { status: "closed", reason: "cancelled" },
      "Unmatched/Unmatched": {},
    },
    unknown: "keep",
  },
  subject: "{case:concept:name}: {product}",
  impact: { column: "impact", map: { Low: "low", Medium: "medium", High: "high", Major: "high" } },
  priority: { column: "impact", map: { Low: "low", Medium: "normal", High: "high", Major: "urgent" } },
  group: "org:group",
  assignee: "org:resource",
  fields: Object.fromEntries(
    ["impact", "product", "org:group", "org:resource", "org:role", "resource country", "organization country", "organization involved"]
      .map((c) => [c, c]),
  ),
};

/** The mappings `spoc import` knows by name. */
export const builtinMappings: Readonly<Record<string, Mapping>> = {
  [servicenowIncident.name]: servicenowIncident,
  [helpdeskLog.name]: helpdeskLog,
  [bpic2013.name]: bpic2013,
};
